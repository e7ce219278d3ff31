"""Who may use the handhaving pages: wrong methods, other gemeenten, the RSD
klantmanager's 404 on every handhaving URL and letter, and the RSD maatregel page."""

from django.urls import reverse
from django.utils.html import escape

import pytest

from pip_plans.models import Brief, BriefSoort, Maatregel
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.handhaving_views.helpers import (
    MARKER,
    detail,
    maatregel_voor,
    pagina,
    rsd_pagina,
    rsd_post,
    stap,
    zaak_voor,
)
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


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
        BriefSoort.VOORNEMEN,
        BriefSoort.RAPPORT,
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
    # escaped: a name like "van 't Wel" is written as "van &#x27;t Wel"
    assert escape(str(casusregisseur)) in page
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
