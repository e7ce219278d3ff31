"""The handhaving pages run a fixed number of queries, however many zaken and
maatregelen a dossier has."""

import pytest

from pip_plans.handhaving.services import waarschuwing_versturen
from tests.pip_plans.handhaving_views.helpers import (
    D,
    detail,
    maatregel_voor,
    pagina,
    rsd_pagina,
    zaak_voor,
)

pytestmark = pytest.mark.django_db


@pytest.mark.pdf
def test_pages_run_a_fixed_number_of_queries(
    client_for,
    dossier,
    casusregisseur,
    klantmanager,
    django_assert_max_num_queries,
):
    zaak = zaak_voor(dossier, casusregisseur)
    maatregel_voor(dossier, klantmanager)
    casus = client_for(casusregisseur)
    with django_assert_max_num_queries(60) as weinig_lijst:
        assert casus.get(pagina(dossier)).status_code == 200
    with django_assert_max_num_queries(60) as weinig_detail:
        assert casus.get(detail(zaak)).status_code == 200
    casus.logout()
    rsd = client_for(klantmanager)
    with django_assert_max_num_queries(60) as weinig_rsd:
        assert rsd.get(rsd_pagina(dossier)).status_code == 200
    rsd.logout()

    for i in range(4):
        zaak_voor(dossier, casusregisseur, datum=D(2026, 1, 10 + i))
        maatregel_voor(dossier, klantmanager, datum=D(2026, 1, 12 + i))
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=casusregisseur)
    casus = client_for(casusregisseur)
    with django_assert_max_num_queries(len(weinig_lijst.captured_queries)):
        assert casus.get(pagina(dossier)).status_code == 200
    with django_assert_max_num_queries(len(weinig_detail.captured_queries)):
        assert casus.get(detail(zaak)).status_code == 200
    casus.logout()
    rsd = client_for(klantmanager)
    with django_assert_max_num_queries(len(weinig_rsd.captured_queries)):
        assert rsd.get(rsd_pagina(dossier)).status_code == 200
