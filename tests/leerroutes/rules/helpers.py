"""What several tests of the pure leerroutes rules share: a day, and a Hypothesis
strategy for lists of exam attempts."""

from datetime import date, timedelta

from hypothesis import strategies as st

from leerroutes.rules.voldaan import Examen
from leerroutes.rules.waarden import KNM, LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN

DAG = timedelta(days=1)

dagen = st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31))
examens = st.lists(
    st.builds(
        Examen,
        st.sampled_from([LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN]),
        st.sampled_from(["A1", "A2", "B1", "B2"]),
        st.booleans(),
        dagen,
    )
    | st.builds(Examen, st.just(KNM), st.none(), st.booleans(), dagen),
    max_size=14,
)
