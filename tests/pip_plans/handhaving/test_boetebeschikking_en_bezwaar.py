"""Handhaving (DOMAIN.md §7): the boetebeschikking letter, a failing PDF, and bezwaar
against the boete within and after six weeks (one Bezwaar model, Awb 6:9)."""

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis
from pip_plans.handhaving.selectors import boetebeschikking
from pip_plans.models import Brief, BriefSoort, HandhavingStatus
from pip_plans.services.bezwaar import bezwaar_beslissen, bezwaar_registreren
from tests.pip_plans.handhaving.helpers import (
    ASIEL_MOTIVERING,
    MOTIVERING,
    REACTIE,
    VANDAAG,
    VOORSCHRIFT,
    D,
    bezwaar,
    boete,
    gehoord,
    nieuwe_zaak,
    rapport,
    zienswijze,
)
from tests.pip_plans.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_boetebeschikking_pdf_has_amount_dates_facts_basis_and_bezwaar(
    dossier, casusregisseur, collega
):
    dossier.straat, dossier.huisnummer = "Kerkstraat", "10"
    dossier.postcode, dossier.woonplaats = "6901 AB", "Zevenaar"
    dossier.save()
    zaak = nieuwe_zaak(dossier, casusregisseur)
    zaak = rapport(zaak, casusregisseur, op=D(2026, 3, 5))
    zaak = zienswijze(zaak, casusregisseur, D(2026, 3, 12), tekst="Ik wist het niet.")
    zaak = boete(
        zaak,
        collega,
        verwijtbaarheid_toelichting="De uitnodigingen zijn in haar taal uitgelegd.",
    )
    brief = Brief.objects.get(soort=BriefSoort.BOETEBESCHIKKING)
    assert brief.handhavingszaak == zaak
    assert brief.dagtekening == brief.verzenddatum == D(2026, 3, 20)
    assert brief.bezwaar_deadline == D(2026, 5, 1)
    assert brief.aangemaakt_door == collega
    text = pdf_text(brief)
    assert "€ 800,00" in text
    assert "20 maart 2026" in text  # dagtekening
    assert "2 februari 2026" in text  # overtreding
    assert "5 maart 2026" in text  # rapport
    assert "12 maart 2026" in text  # zienswijze ontvangen
    assert "uiterlijk 1 mei 2026" in text  # bezwaar
    assert "Niet verschenen op de PVT-bijeenkomsten" in text
    assert "verwijtbaar" in text
    assert "De uitnodigingen zijn in haar taal uitgelegd." in text
    assert "Wet inburgering 2021, artikelen 22 en 23" in text
    assert "titel 5.4 van de Algemene wet bestuursrecht" in text
    # Awb 5:9, 5:46 lid 2, the answer to the zienswijze, the asiel motivation.
    assert VOORSCHRIFT in text
    assert MOTIVERING in text
    assert REACTIE in text
    assert ASIEL_MOTIVERING in text
    assert "*****" + dossier.bsn[-4:] in text
    assert dossier.bsn not in text
    assert brief.kenmerk in text


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_boetebeschikking_says_verminderd_verwijtbaar(dossier, casusregisseur, collega):
    boete(
        gehoord(dossier, casusregisseur),
        collega,
        bedrag="125",
        verwijtbaarheid="verminderd",
    )
    text = pdf_text(Brief.objects.get(soort=BriefSoort.BOETEBESCHIKKING))
    assert "verminderd verwijtbaar" in text
    assert "€ 125,00" in text


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_pdf_failure_records_no_besluit(dossier, casusregisseur, collega, monkeypatch):
    from pip_plans import brieven

    zaak = gehoord(dossier, casusregisseur)
    versie = zaak.versie

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint stuk")

    monkeypatch.setattr(brieven, "render_document", broken)
    with pytest.raises(RuntimeError):
        boete(zaak, collega, bedrag="100")
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE and zaak.versie == versie
    assert zaak.besluit_door is None
    assert not Gebeurtenis.objects.filter(omschrijving__startswith="Boete").exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_bezwaar_against_the_boete_is_tijdig_within_six_weeks(
    dossier, casusregisseur, collega
):
    zaak = boete(gehoord(dossier, casusregisseur), collega, bedrag="200")
    brief = boetebeschikking(zaak)
    with freeze_time("2026-05-10"):
        ingediend = bezwaar(zaak, casusregisseur, D(2026, 5, 1), gronden="Ik was ziek.")
        assert ingediend.tijdig is True
        assert ingediend.boetebeschikking == brief
        assert ingediend.bezwaartermijn_einde == D(2026, 5, 1)
        beslist = bezwaar_beslissen(
            bezwaar=ingediend,
            versie=ingediend.versie,
            besluit_datum=D(2026, 5, 8),
            uitkomst="ongegrond",
            toelichting="De boete past bij de overtreding.",
            acting_user=casusregisseur,
        )
    assert beslist.uitkomst == "ongegrond"


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_bezwaar_after_six_weeks_is_recorded_as_late(dossier, casusregisseur, collega):
    zaak = boete(gehoord(dossier, casusregisseur), collega, bedrag="200")
    with freeze_time("2026-05-10"):
        ingediend = bezwaar(zaak, casusregisseur, D(2026, 5, 2))
    assert ingediend.tijdig is False
    assert Gebeurtenis.objects.filter(
        omschrijving__contains="na de bezwaartermijn"
    ).exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_bezwaar_needs_a_boetebeschikking(dossier, casusregisseur):
    zaak = rapport(nieuwe_zaak(dossier, casusregisseur), casusregisseur)
    voornemen = Brief.objects.get(handhavingszaak=zaak, soort=BriefSoort.VOORNEMEN)
    with pytest.raises(ValidationError, match="boetebeschikking"):
        bezwaar_registreren(
            boetebeschikking=voornemen,
            ontvangen_op=D(2026, 3, 20),
            gronden="",
            acting_user=casusregisseur,
        )
