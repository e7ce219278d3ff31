"""The handhaving pages of the casusregisseur and the maatregelen page of the RSD
klantmanager, over HTTP: the steps, scope (404), bad input (400), stale forms, and
that the RSD side never sees a detail of a handhavingszaak."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

import pytest
from freezegun import freeze_time

from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.models import (
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
)
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

D = dt.date
MARKER = "GEHEIM-HANDHAVING-7731"
OVERTREDING_OP = D(2026, 2, 2)
GEDRAGING_OP = D(2026, 2, 12)


@pytest.fixture(autouse=True)
def vandaag():
    with freeze_time("2026-03-20"):
        yield


def pagina(dossier) -> str:
    return reverse("pip_plans:handhaving", args=[dossier.pk])


def detail(zaak) -> str:
    return reverse("pip_plans:handhavingszaak", args=[zaak.pk])


def stap(naam: str, zaak) -> str:
    return reverse(f"pip_plans:handhaving_{naam}", args=[zaak.pk])


def rsd_pagina(dossier) -> str:
    return reverse("pip_plans:rsd_maatregelen", args=[dossier.pk])


def rsd_post(dossier) -> str:
    return reverse("pip_plans:rsd_maatregel_vastleggen", args=[dossier.pk])


def zaak_voor(dossier, user, datum=OVERTREDING_OP, feiten=f"Niet verschenen {MARKER}"):
    return handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=datum,
        feiten=feiten,
        acting_user=user,
    )


def maatregel_voor(dossier, user, datum=GEDRAGING_OP):
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond="re_integratie",
        datum_gedraging=datum,
        omschrijving="Niet verschenen bij het werkgeversgesprek.",
        besluit_op=datum + dt.timedelta(days=7),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


@pytest.fixture
def beboete_zaak(dossier, casusregisseur):
    """A zaak through every step with the marker in each text: waarschuwing, rapport
    (€ 800), zienswijze, boete."""
    zaak = zaak_voor(dossier, casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=casusregisseur)
    zaak.refresh_from_db()
    zaak = rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(800),
        rapport_op=D(2026, 3, 2),
        rapport=f"Rapport {MARKER}",
        acting_user=casusregisseur,
    )
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=D(2026, 3, 6),
        zienswijze=f"Zienswijze {MARKER}",
        acting_user=casusregisseur,
    )
    return besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=D(2026, 3, 20),
        boetebedrag=Decimal(800),
        verwijtbaarheid="volledig",
        verwijtbaarheid_toelichting=f"Oordeel {MARKER}",
        acting_user=casusregisseur,
    )


# --- Casusregisseur ---------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, dossier):
    response = client.get(pagina(dossier))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.pdf
def test_casusregisseur_goes_through_every_step_over_http(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    response = client.get(pagina(dossier))
    assert response.status_code == 200
    assert "Geen handhavingszaken." in response.content.decode()

    response = client.post(
        reverse("pip_plans:handhaving_aanmaken", args=[dossier.pk]),
        {
            "zaak-overtreding": "pvt",
            "zaak-datum_overtreding": "2026-02-02",
            "zaak-feiten": "Niet verschenen op 2 februari.",
        },
    )
    zaak = Handhavingszaak.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(zaak)
    page = client.get(detail(zaak)).content.decode()
    assert "Schriftelijke waarschuwing sturen" in page
    assert 'name="waarschuwing-versie" value="1"' in page

    response = client.post(
        stap("waarschuwing", zaak),
        {"waarschuwing-versie": "1", "waarschuwing-opdracht": "Kom op 1 april."},
    )
    assert response.status_code == 302
    waarschuwing = Brief.objects.get(soort=BriefSoort.WAARSCHUWING)
    page = client.get(detail(zaak)).content.decode()
    assert reverse("pip_plans:brief_pdf", args=[waarschuwing.pk]) in page
    download = client.get(reverse("pip_plans:brief_pdf", args=[waarschuwing.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"

    response = client.post(
        stap("rapport", zaak),
        {
            "rapport-versie": "2",
            "rapport-voorgenomen_bedrag": "800,00",
            "rapport-rapport_op": "2026-03-02",
            "rapport-rapport": "Twee keer niet verschenen.",
            "rapport-zienswijze_tot": "",
        },
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.beslistermijn == D(2026, 6, 1)
    page = client.get(detail(zaak)).content.decode()
    assert "1 juni 2026" in page  # besluit uiterlijk

    response = client.post(
        stap("zienswijze", zaak),
        {
            "zienswijze-versie": "3",
            "zienswijze-ontvangen": "ja",
            "zienswijze-ontvangen_op": "2026-03-10",
            "zienswijze-zienswijze": "Ik was ziek.",
        },
    )
    assert response.status_code == 302

    response = client.post(
        stap("besluit", zaak),
        {
            "besluit-versie": "4",
            "besluit-besluit": "boete",
            "besluit-besluit_op": "2026-03-20",
            "besluit-verwijtbaarheid": "volledig",
            "besluit-verwijtbaarheid_toelichting": "Geen geldige reden.",
            "besluit-boetebedrag": "800,00",
            "besluit-afzien_reden": "",
        },
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("800.00")
    beschikking = Brief.objects.get(soort=BriefSoort.BOETEBESCHIKKING)
    page = client.get(detail(zaak)).content.decode()
    assert reverse("pip_plans:brief_pdf", args=[beschikking.pk]) in page
    assert "€ 800,00" in page
    assert "Bezwaar registreren" in page

    response = client.post(
        stap("bezwaar", zaak),
        {
            "bezwaar-versie": "5",
            "bezwaar-ontvangen_op": "2026-03-20",
            "bezwaar-gronden": "Te hoog.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        stap("bezwaar_beslissing", zaak),
        {
            "beslissing-versie": "6",
            "beslissing-besluit_op": "2026-03-20",
            "beslissing-uitkomst": "ongegrond",
        },
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.bezwaar_uitkomst == "ongegrond"
    page = client.get(detail(zaak)).content.decode()
    assert "binnen de termijn" in page
    assert "ongegrond" in page


def test_every_page_view_is_logged(client_for, dossier, casusregisseur):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    voor = Verwerking.objects.count()
    client.get(pagina(dossier))
    client.get(detail(zaak))
    assert Verwerking.objects.count() == voor + 2


def test_bad_input_shows_the_form_again_with_what_was_typed(
    client_for, dossier, casusregisseur
):
    zaak = zaak_voor(dossier, casusregisseur)
    response = client_for(casusregisseur).post(
        stap("rapport", zaak),
        {
            "rapport-versie": "1",
            "rapport-voorgenomen_bedrag": "900,00",
            "rapport-rapport_op": "2026-03-02",
            "rapport-rapport": "Mijn getypte rapporttekst",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Fout:" in page
    assert "ten hoogste € 800,00" in page
    assert "Mijn getypte rapporttekst" in page
    assert "900,00" in page
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING and zaak.versie == 1


def test_unparseable_input_is_400_not_500(client_for, dossier, casusregisseur):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    response = client.post(
        stap("besluit", zaak),
        {
            "besluit-versie": "x",
            "besluit-besluit": "iets",
            "besluit-besluit_op": "gisteren",
            "besluit-boetebedrag": "veel",
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("pip_plans:handhaving_aanmaken", args=[dossier.pk]),
        {
            "zaak-overtreding": "pvt",
            "zaak-datum_overtreding": "2026-04-01",
            "zaak-feiten": "Wat ik typte",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "toekomst" in page and "Wat ik typte" in page
    assert Handhavingszaak.objects.count() == 1


def test_no_fine_above_340_without_rapport_over_http(
    client_for, dossier, casusregisseur
):
    zaak = zaak_voor(dossier, casusregisseur)
    response = client_for(casusregisseur).post(
        stap("besluit", zaak),
        {
            "besluit-versie": "1",
            "besluit-besluit": "boete",
            "besluit-besluit_op": "2026-03-20",
            "besluit-verwijtbaarheid": "volledig",
            "besluit-verwijtbaarheid_toelichting": "Onderbouwing",
            "besluit-boetebedrag": "400",
        },
    )
    assert response.status_code == 400
    assert "Maak eerst het rapport op" in response.content.decode()
    assert not Brief.objects.exists()


@pytest.mark.pdf
def test_stale_versie_is_refused(client_for, dossier, casusregisseur):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=1, acting_user=casusregisseur)
    response = client.post(
        stap("besluit", zaak),
        {
            "besluit-versie": "1",
            "besluit-besluit": "afzien",
            "besluit-besluit_op": "2026-03-20",
            "besluit-afzien_reden": "Toch niet",
        },
    )
    assert response.status_code == 400
    assert "gewijzigd door iemand anders" in response.content.decode()
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD and zaak.besluit == ""


def test_fines_switched_off_are_announced_and_refused(
    client_for, dossier, casusregisseur
):
    Parameter.objects.create(
        code="boete_asiel_toegestaan",
        geldig_vanaf=D(2025, 2, 4),
        waarde=0,
        bron="HvJ EU 4-2-2025",
    )
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    assert "Boetes zijn uitgeschakeld" in client.get(pagina(dossier)).content.decode()
    page = client.get(detail(zaak)).content.decode()
    assert "Boetes zijn uitgeschakeld" in page
    assert "Rapport vastleggen" not in page
    response = client.post(
        stap("besluit", zaak),
        {
            "besluit-versie": "1",
            "besluit-besluit": "boete",
            "besluit-besluit_op": "2026-03-20",
            "besluit-verwijtbaarheid": "volledig",
            "besluit-verwijtbaarheid_toelichting": "Onderbouwing",
            "besluit-boetebedrag": "100",
        },
    )
    assert response.status_code == 400
    assert "uitgeschakeld voor asielstatushouders" in response.content.decode()


def test_overdue_beslistermijn_is_shown(client_for, dossier, casusregisseur):
    with freeze_time("2026-01-10"):
        zaak = zaak_voor(dossier, casusregisseur, datum=D(2026, 1, 5))
        zaak = rapport_opmaken(
            zaak=zaak,
            versie=1,
            voorgenomen_bedrag=Decimal(500),
            rapport_op=D(2026, 1, 6),
            rapport="Rapport",
            acting_user=casusregisseur,
        )
    assert zaak.beslistermijn == D(2026, 4, 7)
    with freeze_time("2026-04-08"):
        client = client_for(casusregisseur)
        assert (
            "De beslistermijn is verstreken"
            in client.get(detail(zaak)).content.decode()
        )
        assert "verlopen" in client.get(pagina(dossier)).content.decode()


def test_casusregisseur_sees_samenloop_and_the_rsd_maatregel_date_and_grond_only(
    client_for, dossier, casusregisseur, klantmanager
):
    zaak = zaak_voor(dossier, casusregisseur)
    maatregel_voor(dossier, klantmanager)
    client = client_for(casusregisseur)
    for url in (pagina(dossier), detail(zaak)):
        page = client.get(url).content.decode()
        assert "Samenloop met de Participatiewet" in page
        assert str(klantmanager) in page
        assert "Niet verschenen bij het werkgeversgesprek" not in page
    assert "samenloop</span>" in client.get(pagina(dossier)).content.decode()


def test_wrong_method_is_405(client_for, dossier, casusregisseur):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    assert client.get(stap("waarschuwing", zaak)).status_code == 405
    assert client.post(pagina(dossier)).status_code == 405


def test_other_gemeente_casusregisseur_gets_404(
    client_for, dossier, casusregisseur, andere_casusregisseur
):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(andere_casusregisseur)
    assert client.get(pagina(dossier)).status_code == 404
    assert client.get(detail(zaak)).status_code == 404
    response = client.post(
        stap("waarschuwing", zaak), {"waarschuwing-versie": str(zaak.versie)}
    )
    assert response.status_code == 404
    assert not Brief.objects.exists()
    # Each refusal is in the verwerkingenlog (SECURITY LG-05).
    assert (
        Verwerking.objects.filter(
            actor=andere_casusregisseur, resultaat="geweigerd"
        ).count()
        == 3
    )


@pytest.mark.pdf
def test_rsd_gets_404_on_every_handhaving_url_and_letter(
    client_for, dossier, klantmanager, beboete_zaak
):
    client = client_for(klantmanager)
    zaak = beboete_zaak
    urls = [pagina(dossier), detail(zaak)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404
        assert MARKER not in response.content.decode()
    for naam in ("waarschuwing", "rapport", "zienswijze", "besluit", "bezwaar"):
        assert client.post(stap(naam, zaak), {}).status_code == 404
    assert (
        Verwerking.objects.filter(actor=klantmanager, resultaat="geweigerd").count()
        == len(urls) + 5
    )
    brieven = Brief.objects.filter(handhavingszaak=zaak)
    assert {b.soort for b in brieven} == {
        BriefSoort.WAARSCHUWING,
        BriefSoort.BOETEBESCHIKKING,
    }
    for brief in brieven:
        response = client.get(reverse("pip_plans:brief_pdf", args=[brief.pk]))
        assert response.status_code == 404


# --- RSD klantmanager ---------------------------------------------------------------------


@pytest.mark.pdf
def test_rsd_records_a_maatregel_and_sees_samenloop_without_handhaving_details(
    client_for, dossier, casusregisseur, klantmanager, beboete_zaak
):
    client = client_for(klantmanager)
    response = client.get(rsd_pagina(dossier))
    assert response.status_code == 200
    assert "Samenloop" not in response.content.decode()

    response = client.post(
        rsd_post(dossier),
        {
            "maatregel-grond": "re_integratie",
            "maatregel-datum_gedraging": "2026-02-10",
            "maatregel-omschrijving": "Niet verschenen bij het werkgeversgesprek.",
            "maatregel-besluit_op": "2026-02-20",
            "maatregel-verlaging_procent": "20",
            "maatregel-duur_maanden": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    maatregel = Maatregel.objects.get()
    assert maatregel.vastgelegd_door == klantmanager
    assert "Maatregel vastgelegd." in page
    assert "Niet verschenen bij het werkgeversgesprek." in page
    assert "Samenloop met de Participatiewet" in page
    assert "handhavingszaak op grond van de Wet inburgering 2021" in page
    assert "10 februari 2026" in page
    assert str(casusregisseur) in page
    assert MARKER not in page
    for detail_tekst in ("800,00", "Boete opgelegd", "verwijtbaar", "Rapport"):
        assert detail_tekst not in page

    # Bad input shows the form again: still nothing of the zaak.
    response = client.post(rsd_post(dossier), {"maatregel-omschrijving": "Getypt"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Fout:" in page and "Getypt" in page
    assert MARKER not in page
    assert Maatregel.objects.count() == 1


def test_rsd_bad_dates_and_percentages_are_refused_with_400(
    client_for, dossier, klantmanager
):
    client = client_for(klantmanager)
    data = {
        "maatregel-grond": "re_integratie",
        "maatregel-datum_gedraging": "2026-02-10",
        "maatregel-omschrijving": "Getypt",
        "maatregel-besluit_op": "2026-02-20",
        "maatregel-verlaging_procent": "150",
    }
    response = client.post(rsd_post(dossier), data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    data["maatregel-verlaging_procent"] = "20"
    data["maatregel-datum_gedraging"] = "2026-04-10"
    response = client.post(rsd_post(dossier), data)
    assert response.status_code == 400
    assert "toekomst" in response.content.decode()
    assert not Maatregel.objects.exists()


def test_other_klantmanager_gets_404(
    client_for, dossier, andere_klantmanager, klantmanager
):
    maatregel_voor(dossier, klantmanager)
    client = client_for(andere_klantmanager)
    assert client.get(rsd_pagina(dossier)).status_code == 404
    response = client.post(
        rsd_post(dossier),
        {
            "maatregel-grond": "overig",
            "maatregel-datum_gedraging": "2026-02-10",
            "maatregel-omschrijving": "x",
            "maatregel-besluit_op": "2026-02-20",
        },
    )
    assert response.status_code == 404
    assert Maatregel.objects.count() == 1


def test_client_without_bijstand_is_404_for_their_klantmanager(
    client_for, zevenaar, klantmanager
):
    zonder = InburgeraarFactory(gemeente=zevenaar, rsd_klantmanager=klantmanager)
    assert client_for(klantmanager).get(rsd_pagina(zonder)).status_code == 404


def test_casusregisseur_cannot_use_the_rsd_page(client_for, dossier, casusregisseur):
    assert client_for(casusregisseur).get(rsd_pagina(dossier)).status_code in (
        403,
        404,
    )


# --- Query counts --------------------------------------------------------------------------


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
