"""The PIP deadline: uitstel suspends and then extends it, the werkvoorraad sorts by
the days left (counted in Amsterdam), and a verlenging for many dossiers at once."""

import datetime as dt

from django.urls import reverse

import pytest
from freezegun import freeze_time

from pip_plans.models import Inburgeringstermijn
from tests.factories.intake import InburgeraarFactory
from tests.factories.pip_plans import pip_vaststellen
from zevenaar_inburgering.termijnen import verlengd_einde

pytestmark = pytest.mark.django_db


def test_uitstel_suspends_and_then_extends_the_deadline(
    client_for, casusregisseur, zevenaar
):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 3, 5),
        datum_brp_inschrijving=dt.date(2026, 3, 5),
    )
    dossier.refresh_pip_deadline()
    dossier.save()
    assert dossier.pip_deadline == dt.date(2026, 5, 14)
    client = client_for(casusregisseur)
    url = reverse("pip_plans:uitstel", args=[dossier.pk])
    response = client.post(
        url, {"pip_uitstel_reden": "", "pip_uitstel_sinds": "2026-04-01"}
    )
    assert response.status_code == 400
    client.post(
        url,
        {"pip_uitstel_reden": "Medisch advies GGD", "pip_uitstel_sinds": "2026-04-01"},
    )
    dossier.refresh_from_db()
    assert dossier.pip_deadline is None
    assert dossier.pip_deadline_status == "opgeschort"
    client.post(
        url,
        {
            "pip_uitstel_reden": "Medisch advies GGD",
            "pip_uitstel_sinds": "2026-04-01",
            "pip_uitstel_informatie_ontvangen": "2026-05-10",
        },
    )
    dossier.refresh_from_db()
    assert dossier.pip_deadline == dt.date(2026, 5, 24)


def test_uitstel_after_the_deadline_is_refused(client_for, casusregisseur, zevenaar):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 3, 5),
        datum_brp_inschrijving=dt.date(2026, 3, 5),
    )
    response = client_for(casusregisseur).post(
        reverse("pip_plans:uitstel", args=[dossier.pk]),
        {"pip_uitstel_reden": "Rapport", "pip_uitstel_sinds": "2026-06-01"},
    )
    assert response.status_code == 400
    assert "binnen de termijn van 10 weken" in response.content.decode()


def test_werkvoorraad_shows_and_sorts_by_days_to_the_pip_deadline(
    client_for, casusregisseur, zevenaar
):
    with freeze_time("2026-05-01"):
        late = InburgeraarFactory(
            gemeente=zevenaar,
            achternaam="Laat",
            datum_kennisgeving=dt.date(2026, 1, 5),
            datum_brp_inschrijving=dt.date(2026, 1, 5),
        )
        soon = InburgeraarFactory(
            gemeente=zevenaar,
            achternaam="Binnenkort",
            datum_kennisgeving=dt.date(2026, 3, 1),
            datum_brp_inschrijving=dt.date(2026, 3, 1),
        )
        for d in (late, soon):
            d.refresh_pip_deadline()
            d.save()
        client = client_for(casusregisseur)
        client.post(reverse("monitoring:werkvoorraad"), {"sorteer": "pip_deadline"})
        page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "Dagen tot PIP-deadline" in page
    assert page.index("Laat,") < page.index("Binnenkort,")
    assert "Te laat" in page and "9 dagen" in page


def test_days_to_the_deadline_count_in_amsterdam_around_the_dst_change(zevenaar):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 1, 19),
        datum_brp_inschrijving=dt.date(2026, 1, 19),
    )
    dossier.refresh_pip_deadline()
    assert dossier.pip_deadline == dt.date(2026, 3, 30)
    # 23:30 UTC on 28 March is already 29 March in Amsterdam (the night DST starts).
    with freeze_time("2026-03-28 23:30:00"):
        assert dossier.dagen_tot_pip_deadline == 1
        assert dossier.pip_deadline_status == "minder_dan_2_weken"
    with freeze_time("2026-03-30 21:59:00"):  # 23:59 summer time: still the last day
        assert dossier.dagen_tot_pip_deadline == 0
    with freeze_time("2026-03-30 22:00:00"):  # midnight in Amsterdam: too late
        assert dossier.pip_deadline_status == "te_laat"


@pytest.mark.pdf
def test_verlenging_for_many_dossiers_at_once_through_the_page(
    client_for, dossier_klaar, casusregisseur, zevenaar
):
    from tests.factories.intake import afgeronde_intake

    tweede = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 1, 12),
        datum_brp_inschrijving=dt.date(2026, 1, 12),
        bijstand=True,
        bijstand_start=dt.date(2026, 1, 1),
    )
    afgeronde_intake(tweede, casusregisseur)
    pip_vaststellen(dossier_klaar, casusregisseur)
    pip_vaststellen(tweede, casusregisseur)
    termijnen = list(Inburgeringstermijn.objects.order_by("pk"))
    client = client_for(casusregisseur)
    assert client.get(reverse("pip_plans:verlenging")).status_code == 200
    # DUO's letter: everyone's termijn six months on.
    nieuw = {t.pk: verlengd_einde(t.einddatum, maanden=6) for t in termijnen}
    assert len(set(nieuw.values())) == 1
    response = client.post(
        reverse("pip_plans:verlenging"),
        {
            "termijnen": [t.pk for t in termijnen],
            "besluitdatum": "2026-07-31",
            "nieuwe_einddatum": next(iter(nieuw.values())).isoformat(),
            "reden": "examenvertraging",
            "duo_kenmerk": "DUO-A2-2026",
        },
    )
    assert response.status_code == 302
    for termijn in termijnen:
        termijn.refresh_from_db()
        assert termijn.einddatum == nieuw[termijn.pk]
    assert len({v.bulk_id for t in termijnen for v in t.verlengingen.all()}) == 1
    response = client.post(reverse("pip_plans:verlenging"), {"nieuwe_einddatum": "x"})
    assert response.status_code == 400
