"""Financieel ontzorgen: the ontzorgingsbeschikking, what it needs and names, a
failing PDF, and the dossier on every vaste last for scoping."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from pip_plans.models import Brief, BriefSoort, Frequentie, VasteLast
from pip_plans.ontzorgen.services import (
    machtiging_vastleggen,
    ontzorgingsbeschikking_opmaken,
)
from pip_plans.ontzorgen.vaste_lasten import vaste_last_wijzigen
from tests.factories.intake import afgeronde_intake
from tests.pip_plans.ontzorgen.helpers import (
    D,
    gebeurtenissen,
    last_data,
    periode_wijzigen,
    starten,
)
from tests.pip_plans.pdf import pdf_text
from zevenaar_inburgering.documents import verify_document

# --- The ontzorgingsbeschikking ---------------------------------------------------------------


def klaar_voor_beschikking(ontzorging, user):
    bedragen = {
        "huur": ("Woonstichting De Liemers", "650"),
        "energie": ("Vattenfall", "1250.5"),
        "water": ("Vitens", "20"),
        "zorgverzekering": ("Menzis", "140.25"),
    }
    for last in ontzorging.vaste_lasten.all():
        begunstigde, bedrag = bedragen[last.soort]
        vaste_last_wijzigen(
            vaste_last=last,
            versie=last.versie,
            data=last_data(
                soort=last.soort,
                begunstigde=begunstigde,
                bedrag=Decimal(bedrag),
                frequentie=Frequentie.KWARTAAL
                if last.soort == "water"
                else Frequentie.MAAND,
            ),
            acting_user=user,
        )


@pytest.mark.pdf
@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_the_beschikking_names_period_costs_machtiging_and_bezwaar(
    dossier, casusregisseur
):
    afgeronde_intake(dossier, casusregisseur)  # must not leak into the letter
    dossier.straat, dossier.huisnummer = "Kerkstraat", "10"
    dossier.postcode, dossier.woonplaats = "6901 AB", "Zevenaar"
    dossier.save()
    ontzorging = starten(dossier, casusregisseur)
    klaar_voor_beschikking(ontzorging, casusregisseur)
    ontzorging = machtiging_vastleggen(
        ontzorging=ontzorging,
        versie=1,
        getekend_op=D(2026, 3, 1),
        acting_user=casusregisseur,
    )
    brief = ontzorgingsbeschikking_opmaken(
        ontzorging=ontzorging, acting_user=casusregisseur
    )
    assert brief.soort == BriefSoort.ONTZORGINGSBESCHIKKING
    assert brief.ontzorging == ontzorging
    assert brief.kenmerk.startswith("ONTZ-0299-2026-")
    assert verify_document(brief.pdf, brief.sha256)
    text = pdf_text(brief)
    for verwacht in (
        "Besluit over financieel ontzorgen",
        "Amal Haddad",
        "Wij ontzorgen u van 1 april 2026 tot en met 30 september 2026",
        "Woonstichting De Liemers € 650,00 per maand",
        "Vattenfall € 1.250,50 per maand",
        "Vitens € 20,00 per kwartaal",
        "Menzis € 140,25 per maand",
        "op 1 maart 2026 een machtiging gegeven",
        "Participatiewet, artikel 56a",
        "bezwaar maken",
        "uiterlijk 26 juni 2026",
        brief.kenmerk,
    ):
        assert verwacht in text, verwacht
    assert "Woont met partner" not in text
    assert "Nog niet getekend" not in text
    assert gebeurtenissen(dossier)[-1] == (
        f"Ontzorgingsbeschikking opgemaakt: {brief.kenmerk}"
    )


@pytest.mark.pdf
@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_the_beschikking_asks_for_the_machtiging_and_names_an_extensions_basis(
    dossier, casusregisseur
):
    ontzorging = starten(dossier, casusregisseur)
    klaar_voor_beschikking(ontzorging, casusregisseur)
    ontzorging = periode_wijzigen(
        ontzorging,
        casusregisseur,
        verlengd_tot=D(2026, 12, 31),
        verlenging_reden="U leert nog omgaan met de energierekening.",
        andere_grondslag="pw57_budgetbeheer",
    )
    text = pdf_text(
        ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=casusregisseur
        )
    )
    assert "tot en met 31 december 2026" in text
    assert "langer dan de gewone 6 maanden." in text
    # Pw art. 56a for its six months, the other basis after them (DOMAIN.md §13.5).
    for verwacht in (
        "De eerste 6 maanden, tot en met 30 september 2026, ontzorgen wij u op grond "
        "van de Participatiewet, artikel 56a.",
        "Daarna, tot en met 31 december 2026, ontzorgen wij u op een andere "
        "grondslag: Participatiewet art. 57 (budgetbeheer).",
        "artikel 56a (financieel ontzorgen van inburgeringsplichtige houders van een "
        "asielvergunning met recht op bijstand) voor de periode tot en met "
        "30 september 2026, en voor de periode daarna op grond van Participatiewet "
        "art. 57 (budgetbeheer).",
    ):
        assert verwacht in text, verwacht
    assert "U leert nog omgaan met de energierekening." in text
    assert "hebben wij uw machtiging nodig" in text
    assert "Participatiewet, artikel 18" in text


@pytest.mark.django_db
def test_the_beschikking_needs_payee_and_amount_of_every_cost(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError, match="begunstigde en het bedrag"):
        ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=casusregisseur
        )
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_a_failing_pdf_records_nothing(dossier, casusregisseur, monkeypatch):
    ontzorging = starten(dossier, casusregisseur)
    klaar_voor_beschikking(ontzorging, casusregisseur)

    def broken(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr("pip_plans.brieven.render_document", broken)
    aantal = len(gebeurtenissen(dossier))
    with pytest.raises(OSError):
        ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=casusregisseur
        )
    assert not Brief.objects.exists()
    assert len(gebeurtenissen(dossier)) == aantal


@pytest.mark.django_db
def test_vaste_last_rows_carry_the_dossier_for_scoping(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    assert set(VasteLast.objects.values_list("inburgeraar", flat=True)) == {
        ontzorging.inburgeraar_id
    }
