"""The ontzorgen pages run a fixed number of queries, however many payments and
vaste lasten there are."""

from decimal import Decimal

import pytest

from pip_plans.models import Betaling
from pip_plans.ontzorgen.vaste_lasten import vaste_last_toevoegen
from tests.pip_plans.ontzorgen_views.helpers import D, pagina, rsd_pagina

pytestmark = pytest.mark.django_db


def _betalingen(ontzorging, user, maanden):
    for last in ontzorging.vaste_lasten.all():
        for maand in maanden:
            Betaling.objects.update_or_create(
                vaste_last=last,
                maand=maand,
                defaults={
                    "inburgeraar": ontzorging.inburgeraar,
                    "bedrag": Decimal("10"),
                    "betaald_op": maand,
                    "vastgelegd_door": user,
                },
            )


@pytest.mark.parametrize("rsd", [False, True])
def test_the_pages_run_a_fixed_number_of_queries(
    client_for,
    ontzorging,
    dossier,
    casusregisseur,
    klantmanager,
    django_assert_max_num_queries,
    rsd,
):
    user, url = (
        (klantmanager, rsd_pagina(dossier))
        if rsd
        else (
            casusregisseur,
            pagina(dossier),
        )
    )
    client = client_for(user)
    _betalingen(ontzorging, klantmanager, [D(2026, 4, 1)])
    with django_assert_max_num_queries(100) as weinig:
        assert client.get(url).status_code == 200
    _betalingen(ontzorging, klantmanager, [D(2026, m, 1) for m in range(4, 10)])
    for i in range(3):
        vaste_last_toevoegen(
            ontzorging=ontzorging,
            data={"soort": "overig", "omschrijving": f"Last {i}", "bedrag": Decimal(5)},
            acting_user=casusregisseur,
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200
