"""The text of the new letters of issue 16 (DOMAIN §13.2, §13.3), as pdftotext reads
them: the voornemen with the invitation to a zienswijze, the afschrift of the
rapport, the boetebeschikking and the beslissing op bezwaar name the overtreden
voorschrift where it applies, the term, and every date written out in Dutch."""

from decimal import Decimal

import pytest
from freezegun import freeze_time

from pip_plans.models import Brief, BriefSoort, Overtreding
from tests.pip_plans.handhavingszaken.helpers import (
    ASIEL_MOTIVERING,
    FEITEN,
    MOTIVERING,
    PLAATS,
    REACTIE,
    VOORSCHRIFT,
    D,
    besluiten,
    bezwaar,
    bezwaar_beslissen,
    boete,
    gehoord,
    openen,
    rapport,
)
from tests.pip_plans.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

VANDAAG = "2026-05-20"


def brief(soort) -> Brief:
    return Brief.objects.get(soort=soort)


@freeze_time(VANDAAG)
def test_the_voornemen_invites_a_zienswijze_with_its_term(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    # Rapport of Monday 2 March, sent Wednesday 4 March: zienswijze two weeks
    # from the sending, until Wednesday 18 March.
    rapport(zaak, casusregisseur, "250", verzenddatum=D(2026, 3, 4))
    voornemen = brief(BriefSoort.VOORNEMEN)
    assert voornemen.kenmerk.startswith("VOORN-0299-2026-")
    assert (voornemen.dagtekening, voornemen.verzenddatum) == (
        D(2026, 3, 2),
        D(2026, 3, 4),
    )
    tekst = pdf_text(voornemen)
    assert VOORSCHRIFT in tekst
    assert "€ 250,00" in tekst and "ten hoogste € 800,00" in tekst
    assert "1 maart 2026" in tekst  # the overtreding
    assert "op 2 maart 2026 een rapport" in tekst
    assert "tot en met 18 maart 2026" in tekst  # the zienswijze term
    assert "schriftelijk" in tekst and "mondeling" in tekst
    assert "tolk" in tekst
    assert "nog geen besluit" in tekst
    assert "5:53" in tekst
    assert voornemen.kenmerk in tekst


@freeze_time(VANDAAG)
def test_the_afschrift_of_the_rapport_names_voorschrift_place_date_and_author(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur, overtreding=Overtreding.PIP_VERPLICHTINGEN)
    rapport(
        zaak,
        casusregisseur,
        "300",
        verplichting="Elke week naar de taalles op dinsdag.",
        verhoord_op=D(2026, 3, 2),
        cautie_gegeven=True,
        tolk_bij_verhoor=True,
    )
    tekst = pdf_text(brief(BriefSoort.RAPPORT))
    assert "Afschrift" in tekst or "afschrift" in tekst
    assert VOORSCHRIFT in tekst
    assert "Elke week naar de taalles op dinsdag." in tekst
    assert f"1 maart 2026, {PLAATS}" in tekst  # date and place of the overtreding
    assert "2 maart 2026" in tekst  # the rapport and the verhoor
    assert str(casusregisseur) in tekst  # who made it
    assert "niet hoefde te antwoorden" in tekst  # the cautie (5:10a)
    assert "er was een tolk" in tekst
    assert FEITEN in tekst
    assert "5:48" in tekst


@freeze_time(VANDAAG)
def test_a_rapport_for_pip_verplichtingen_names_the_verplichting(
    dossier, casusregisseur
):
    from tests.pip_plans.handhavingszaken.helpers import refused

    zaak = openen(dossier, casusregisseur, overtreding=Overtreding.PIP_VERPLICHTINGEN)
    error = refused(rapport, zaak, casusregisseur, "300")
    assert "verplichting" in error.message_dict


@freeze_time(VANDAAG)
def test_the_boetebeschikking_names_the_voorschrift_reasons_and_bezwaar_term(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur, "300")
    besluiten(zaak, collega, boete("300"))
    beschikking = brief(BriefSoort.BOETEBESCHIKKING)
    assert beschikking.bezwaar_deadline == D(2026, 5, 1)
    tekst = pdf_text(beschikking)
    assert VOORSCHRIFT in tekst  # Awb 5:9
    assert MOTIVERING in tekst  # Awb 5:46 lid 2
    assert REACTIE in tekst  # the answer to the zienswijze
    assert "10 maart 2026" in tekst  # the zienswijze received
    assert ASIEL_MOTIVERING in tekst  # an asielstatushouder
    assert "€ 300,00" in tekst
    assert "20 maart 2026" in tekst
    assert "Wij versturen deze brief op 20 maart 2026" in tekst
    assert "binnen zes weken" in tekst
    assert "uiterlijk 1 mei 2026" in tekst


@freeze_time(VANDAAG)
def test_the_beslissing_op_bezwaar_gives_the_beroep_term(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur, "300")
    besluiten(zaak, collega, boete("300"))
    boetebrief = brief(BriefSoort.BOETEBESCHIKKING)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 1))
    # Decided Friday 15 May, sent Monday 18 May: beroep until Monday 29 June.
    bezwaar_beslissen(
        ingediend,
        casusregisseur,
        D(2026, 5, 15),
        "deels_gegrond",
        toelichting="Verminderd verwijtbaar: een lagere boete.",
        boetebedrag_na_bezwaar=Decimal("150"),
        verzenddatum=D(2026, 5, 18),
    )
    beslissing = brief(BriefSoort.BESLISSING_OP_BEZWAAR)
    assert beslissing.kenmerk.startswith("BOB-0299-2026-")
    assert beslissing.bezwaar_id == ingediend.pk
    assert (beslissing.dagtekening, beslissing.verzenddatum) == (
        D(2026, 5, 15),
        D(2026, 5, 18),
    )
    assert beslissing.bezwaar_deadline == D(2026, 6, 29)
    tekst = pdf_text(beslissing)
    assert "Op 1 april 2026 kregen wij uw bezwaar" in tekst
    assert boetebrief.kenmerk in tekst
    assert "deels gegrond" in tekst
    assert "€ 150,00 in plaats van € 300,00" in tekst
    assert "Verminderd verwijtbaar: een lagere boete." in tekst
    assert "15 mei 2026" in tekst
    assert "Wij versturen deze brief op 18 mei 2026" in tekst
    assert "binnen zes weken" in tekst
    assert "uiterlijk 29 juni 2026" in tekst
    assert "10:3" in tekst
