"""The figures of the kwartaalrapportage (DESIGN.md §2.8, DOMAIN.md §10–11).

`bereken(jaar=, kwartaal=, gemeente=, stand=)` returns the report of one quarter for
one gemeente, or for the region (gemeente None), on the data as they stood on `stand`
(the day they were read: before the quarter's end the report is provisional), as
plain data (JSON-safe): sections of tables of cells, the data for the charts, and
the parameters used. Every figure is a SQL aggregate: the number of queries is the
same for 50 or 100,000 dossiers (tests/monitoring/test_query_counts.py). Each
section is a module of this package (instroom, intake_pip, doelen, routes,
termijnen, ontzorgen_handhaving, geld, taakstelling); basis holds what they count
with, cellen the cells and tables.

Cells hold raw numbers; small numbers are suppressed where they are shown
(`monitoring.weergave`), never here, so the stored figures stay exact.

Definitions (each a choice where the law gives none, see docs/kwartaalrapportage.md):
- who counts: Wi2021 dossiers with a start of the inburgeringsplicht, not
  "ontkoppeld" (a DUO correction); cohort = the year the plicht started; Wi2013
  dossiers only in their own stock row;
- statuses count by the date of their event (intake.models.status): voldaan by the
  date the rule fired or DUO decided; a person whose plicht ended here (verhuisd,
  beëindigd, vrijgesteld, ontheven) leaves the stock, the route counts, the
  op-koers base and the bases of the policy goals from that date;
- a flow ("in het kwartaal") counts events dated in the quarter; a stand counts the
  situation on the last day of the quarter (the peildatum);
- the policy goals count asielstatushouders from the start of their plicht: Doel 1
  duurzaam werk (leerroutes.rules) within 3 years among those whose latest PIP has
  the B1- or Z-route; Doel 2 meedoen within 2 years; Doel 3 voldaan within 3 years.
"""

from datetime import date

from zevenaar_inburgering.accounts.models import Gemeente

from .basis import Periode, dossiers, dossiers_wi2013
from .doelen import beleidsdoelen_sectie
from .geld import geld_sectie
from .instroom import instroom_sectie, trechter
from .intake_pip import intake_pip_sectie
from .kwaliteit import kwaliteit_sectie
from .ontzorgen_handhaving import ontzorgen_handhaving_sectie
from .parameters import gebruikte_parameters
from .routes import leerroutes_sectie
from .taakstelling import taakstelling_sectie
from .termijnen import termijnen_sectie


def bereken(
    *, jaar: int, kwartaal: int, stand: date, gemeente: Gemeente | None = None
) -> dict:
    p = Periode(jaar, kwartaal)
    basis = dossiers(gemeente)
    parameters = gebruikte_parameters(p, gemeente)
    secties = [
        instroom_sectie(p, basis, dossiers_wi2013(gemeente)),
        intake_pip_sectie(p, basis),
        leerroutes_sectie(p, basis),
        termijnen_sectie(p, basis),
        ontzorgen_handhaving_sectie(p, basis),
    ]
    doelen, doelen_grafiek = beleidsdoelen_sectie(p, basis, gemeente, parameters)
    geld, geld_grafiek = geld_sectie(p, basis, gemeente, parameters)
    secties.insert(3, doelen)
    secties.append(geld)
    secties.append(taakstelling_sectie(p, basis, gemeente, parameters))
    secties.append(kwaliteit_sectie(basis, gemeente))
    return {
        "jaar": jaar,
        "kwartaal": kwartaal,
        "gemeente": gemeente.naam if gemeente else None,
        "gebied": gemeente.naam if gemeente else "Regio De Liemers",
        "begin": p.begin.isoformat(),
        "peildatum": p.eind.isoformat(),
        # The date of the data: whether the report is provisional follows from it
        # (Periode.voorlopig_op), where it is shown.
        "stand": stand.isoformat(),
        "secties": secties,
        "grafieken": {
            "doelen": doelen_grafiek,
            "trechter": trechter(p, basis),
            "geld": geld_grafiek,
        },
        "parameters": parameters,
    }
