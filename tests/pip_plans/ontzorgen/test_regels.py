"""Financieel ontzorgen: the period rules, due against paid, the services and the
ontzorgingsbeschikking PDF."""

import datetime as dt
import subprocess
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis
from pip_plans.forms.ontzorgen import VasteLastForm
from pip_plans.models import (
    Betaling,
    Brief,
    BriefSoort,
    CursusStatus,
    Frequentie,
    Ontzorging,
    VasteLast,
    VasteLastSoort,
)
from pip_plans.ontzorgen.betalingsoverzicht import betalingsoverzicht
from pip_plans.ontzorgen.rules import (
    OntzorgenFase,
    betaling_fouten,
    ontzorgen_einde,
    ontzorgen_fase,
    periode_fouten,
)
from pip_plans.ontzorgen.services import (
    cursus_vastleggen,
    machtiging_vastleggen,
    ontzorging_periode_wijzigen,
    ontzorging_starten,
    ontzorgingsbeschikking_opmaken,
    zelfredzaamheid_vastleggen,
)
from pip_plans.ontzorgen.vaste_lasten import (
    betaling_vastleggen,
    vaste_last_toevoegen,
    vaste_last_verwijderen,
    vaste_last_wijzigen,
)
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory, afgeronde_intake
from zevenaar_inburgering.documents import private_storage, verify_document
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking

D = dt.date
APRIL = D(2026, 4, 1)
MEI = D(2026, 5, 1)
REGULIER_EINDE = D(2026, 9, 30)


# --- Period rules (pure) ------------------------------------------------------------------


def test_ontzorgen_lasts_six_months_from_the_start_of_the_bijstand():
    assert ontzorgen_einde(APRIL, 6) == D(2026, 9, 30)
    assert ontzorgen_einde(D(2026, 3, 15), 6) == D(2026, 9, 14)
    # The 31st: six months on is 31 July, so the last day is 30 July.
    assert ontzorgen_einde(D(2026, 1, 31), 6) == D(2026, 7, 30)


def test_ontzorgen_ends_early_when_the_bijstand_ends():
    assert ontzorgen_einde(APRIL, 6, bijstand_einde=D(2026, 6, 15)) == D(2026, 6, 15)
    # A bijstand end after the regular end changes nothing.
    assert ontzorgen_einde(APRIL, 6, bijstand_einde=D(2027, 1, 1)) == D(2026, 9, 30)


def test_an_extension_moves_the_end_but_never_past_the_bijstand():
    assert ontzorgen_einde(APRIL, 6, verlengd_tot=D(2026, 12, 31)) == D(2026, 12, 31)
    assert ontzorgen_einde(
        APRIL, 6, bijstand_einde=D(2026, 11, 30), verlengd_tot=D(2026, 12, 31)
    ) == D(2026, 11, 30)


def periode(**changes):
    data = {
        "startdatum": APRIL,
        "duur_maanden": 6,
        "bijstand_einde": None,
        "verlengd_tot": None,
        "verlenging_reden": "",
    }
    data.update(changes)
    return periode_fouten(**data)


def test_a_regular_period_has_no_errors():
    assert periode() == {}
    assert periode(verlengd_tot=D(2026, 12, 31), verlenging_reden="Schulden") == {}


def test_an_extension_needs_a_reason():
    assert "verlenging_reden" in periode(verlengd_tot=D(2026, 12, 31))
    assert "verlenging_reden" in periode(
        verlengd_tot=D(2026, 12, 31), verlenging_reden="   "
    )


def test_an_extension_lies_after_the_regular_end():
    fouten = periode(verlengd_tot=D(2026, 9, 30), verlenging_reden="Schulden")
    assert fouten["verlengd_tot"].endswith("(30 september 2026).")
    assert "verlengd_tot" not in periode(
        verlengd_tot=D(2026, 10, 1), verlenging_reden="Schulden"
    )


def test_a_reason_without_an_extension_date_is_refused():
    assert "verlengd_tot" in periode(verlenging_reden="Schulden")


def test_the_bijstand_cannot_end_before_ontzorgen_starts():
    assert "bijstand_einde" in periode(bijstand_einde=D(2026, 3, 31))
    assert periode(bijstand_einde=APRIL) == {}


@pytest.mark.parametrize(
    ("vandaag", "fase"),
    [
        (D(2026, 3, 31), OntzorgenFase.NOG_NIET_GESTART),
        (APRIL, OntzorgenFase.ACTIEF),
        (D(2026, 9, 30), OntzorgenFase.ACTIEF),
        (D(2026, 10, 1), OntzorgenFase.VERLENGD),
        (D(2026, 12, 31), OntzorgenFase.VERLENGD),
        (D(2027, 1, 1), OntzorgenFase.BEEINDIGD),
    ],
)
def test_the_phase_of_an_extended_period(vandaag, fase):
    assert (
        ontzorgen_fase(
            startdatum=APRIL,
            einddatum=D(2026, 12, 31),
            regulier_einde=D(2026, 9, 30),
            vandaag=vandaag,
        )
        == fase
    )


def test_a_regular_period_is_beeindigd_after_its_end():
    assert (
        ontzorgen_fase(
            startdatum=APRIL,
            einddatum=D(2026, 9, 30),
            regulier_einde=D(2026, 9, 30),
            vandaag=D(2026, 10, 1),
        )
        == OntzorgenFase.BEEINDIGD
    )


def test_money_and_dates_are_written_the_dutch_way():
    assert euro(Decimal("650")) == "€ 650,00"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert datum_tekst(D(2026, 3, 1)) == "1 maart 2026"
    assert maand_tekst(D(2026, 3, 1)) == "maart 2026"


# --- Due against paid (pure) ----------------------------------------------------------------


def last(pk, bedrag, frequentie=Frequentie.MAAND, vanaf=None, tot=None):
    return SimpleNamespace(
        pk=pk,
        bedrag=None if bedrag is None else Decimal(bedrag),
        frequentie=frequentie,
        vanaf=vanaf,
        tot=tot,
    )


def betaling(pk, maand, bedrag, betaald_op=None):
    return SimpleNamespace(
        vaste_last_id=pk,
        maand=maand,
        bedrag=Decimal(bedrag),
        betaald_op=betaald_op or maand,
    )


def overzicht(lasten, betalingen=(), einde=REGULIER_EINDE):
    return betalingsoverzicht(
        startdatum=APRIL, einddatum=einde, lasten=lasten, betalingen=betalingen
    )


def verschuldigde_maanden(result, kolom=0):
    return [r.maand.month for r in result.maanden if r.cellen[kolom].verschuldigd]


def test_a_monthly_cost_is_due_every_month_of_the_period():
    result = overzicht([last("huur", "650")])
    assert [r.maand for r in result.maanden] == [D(2026, m, 1) for m in range(4, 10)]
    assert verschuldigde_maanden(result) == [4, 5, 6, 7, 8, 9]
    assert result.verschuldigd == Decimal("3900")


def test_a_period_starting_mid_month_includes_that_month():
    result = betalingsoverzicht(
        startdatum=D(2026, 3, 15),
        einddatum=D(2026, 9, 14),
        lasten=[last("huur", "650")],
        betalingen=[],
    )
    assert [r.maand.month for r in result.maanden] == [3, 4, 5, 6, 7, 8, 9]


def test_a_quarterly_cost_is_due_every_third_month_from_the_first():
    result = overzicht([last("zorg", "390", Frequentie.KWARTAAL)])
    assert verschuldigde_maanden(result) == [4, 7]
    assert result.verschuldigd == Decimal("780")


def test_a_quarterly_cost_counts_from_its_own_first_month():
    result = overzicht([last("zorg", "390", Frequentie.KWARTAAL, vanaf=D(2026, 5, 20))])
    assert verschuldigde_maanden(result) == [5, 8]


def test_a_yearly_cost_is_due_once():
    result = overzicht([last("verzekering", "120", Frequentie.JAAR)])
    assert verschuldigde_maanden(result) == [4]
    assert result.verschuldigd == Decimal("120")


def test_a_cost_is_due_only_between_its_first_and_last_month():
    result = overzicht([last("huur", "650", vanaf=D(2026, 6, 1), tot=D(2026, 7, 1))])
    assert verschuldigde_maanden(result) == [6, 7]


def test_payments_are_set_against_what_was_due():
    lasten = [last("huur", "650"), last("water", "20", Frequentie.KWARTAAL)]
    result = overzicht(
        lasten,
        [
            betaling("huur", D(2026, 4, 1), "650"),
            betaling("huur", D(2026, 5, 1), "600"),
            betaling("water", D(2026, 5, 1), "20"),
        ],
    )
    april, mei, juni = result.maanden[:3]
    assert april.cellen[0].status == "betaald"
    assert april.cellen[1].status == "open"  # water due in April, not paid
    assert mei.cellen[0].status == "deels"
    assert mei.cellen[0].nog_open == Decimal("50")
    assert mei.cellen[1].status == "extra"  # paid, but not due in May
    assert juni.cellen[0].status == "open"
    assert april.verschuldigd == Decimal("670")
    assert april.betaald == Decimal("650")
    assert result.betaald == Decimal("1270")
    huur, water = result.per_last
    assert (huur.verschuldigd, huur.betaald, huur.open_maanden) == (
        Decimal("3900"),
        Decimal("1250"),
        5,
    )
    assert (water.verschuldigd, water.betaald, water.open_maanden) == (
        Decimal("40"),
        Decimal("20"),
        2,
    )
    assert result.nog_open == Decimal("3900") - Decimal("1250") + Decimal("40")


def test_a_cost_without_an_amount_is_due_but_unknown():
    result = overzicht([last("energie", None)])
    cel = result.maanden[0].cellen[0]
    assert cel.verschuldigd and cel.bedrag is None and cel.status == "open"
    assert result.bedragen_onbekend
    assert result.verschuldigd == 0


def test_payment_rules():
    fouten = betaling_fouten(
        maand=D(2026, 10, 1),
        bedrag=Decimal("0"),
        betaald_op=D(2026, 5, 16),
        startdatum=APRIL,
        einddatum=D(2026, 9, 30),
        vandaag=D(2026, 5, 15),
    )
    assert set(fouten) == {"maand", "bedrag", "betaald_op"}
    assert fouten["maand"].startswith("Oktober 2026 valt buiten de periode")


# --- Services -------------------------------------------------------------------------------


def starten(dossier, user, **kwargs):
    return ontzorging_starten(inburgeraar=dossier, acting_user=user, **kwargs)


def gebeurtenissen(dossier):
    return list(
        Gebeurtenis.objects.filter(
            inburgeraar=dossier, soort=GebeurtenisSoort.ONTZORGEN
        )
        .order_by("tijdstip", "pk")
        .values_list("omschrijving", flat=True)
    )


@pytest.mark.django_db
def test_starting_creates_the_period_and_the_four_standard_costs(
    dossier, casusregisseur
):
    ontzorging = starten(dossier, casusregisseur)
    assert ontzorging.startdatum == APRIL  # the dossier's bijstand_start
    assert ontzorging.duur_maanden == 6
    assert ontzorging.einddatum == D(2026, 9, 30)
    assert sorted(ontzorging.vaste_lasten.values_list("soort", flat=True)) == sorted(
        ["huur", "energie", "water", "zorgverzekering"]
    )
    assert not ontzorging.vaste_lasten.filter(bedrag__isnull=False).exists()
    assert gebeurtenissen(dossier) == [
        "Ontzorgen gestart: 1 april 2026 tot en met 30 september 2026 (6 maanden)"
    ]
    assert Verwerking.objects.filter(
        actie_naam="Ontzorgen gestart", handeling="Financieel ontzorgen"
    ).exists()


@pytest.mark.django_db
def test_the_duration_is_the_parameter_on_the_start_date(dossier, casusregisseur):
    Parameter.objects.create(
        code="ontzorgen_maanden",
        geldig_vanaf=D(2026, 6, 1),
        waarde=9,
        bron="Beleidsregel 2026",
    )
    ontzorging = starten(dossier, casusregisseur)  # 1 April: the old value
    assert ontzorging.duur_maanden == 6
    ontzorging = ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=ontzorging.versie,
        startdatum=D(2026, 6, 1),
        bijstand_einde=None,
        verlengd_tot=None,
        verlenging_reden="",
        acting_user=casusregisseur,
    )
    assert ontzorging.duur_maanden == 9
    assert ontzorging.einddatum == D(2027, 2, 28)


@pytest.mark.django_db
def test_starting_is_refused_without_a_right_to_bijstand(casusregisseur, zevenaar):
    zonder = InburgeraarFactory(gemeente=zevenaar)
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True, met_bijstand=True)
    for dossier in (zonder, gezin):
        with pytest.raises(ValidationError, match="alleen voor asielstatushouders"):
            starten(dossier, casusregisseur)
    assert not Ontzorging.objects.exists()


@pytest.mark.django_db
def test_starting_twice_is_refused(dossier, casusregisseur):
    starten(dossier, casusregisseur)
    with pytest.raises(ValidationError, match="al gestart"):
        starten(dossier, casusregisseur)
    assert Ontzorging.objects.count() == 1


@pytest.mark.django_db
def test_starting_needs_a_start_date(dossier, casusregisseur):
    dossier.bijstand_start = None
    dossier.save()
    with pytest.raises(ValidationError) as error:
        starten(dossier, casusregisseur)
    assert "startdatum" in error.value.message_dict
    assert starten(dossier, casusregisseur, startdatum=D(2026, 5, 1)).einddatum == D(
        2026, 10, 31
    )


@pytest.mark.django_db
def test_an_extension_is_stored_with_its_reason(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    ontzorging = ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=1,
        startdatum=APRIL,
        bijstand_einde=None,
        verlengd_tot=D(2026, 12, 31),
        verlenging_reden="Huurachterstand; budgetbeheer wordt aangevraagd.",
        acting_user=casusregisseur,
    )
    assert ontzorging.einddatum == D(2026, 12, 31)
    assert ontzorging.versie == 2
    assert "verlengd tot 31 december 2026 (maatwerk)" in gebeurtenissen(dossier)[-1]


@pytest.mark.django_db
def test_an_extension_without_a_reason_changes_nothing(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        ontzorging_periode_wijzigen(
            ontzorging=ontzorging,
            versie=1,
            startdatum=APRIL,
            bijstand_einde=None,
            verlengd_tot=D(2026, 12, 31),
            verlenging_reden="",
            acting_user=casusregisseur,
        )
    assert "verlenging_reden" in error.value.message_dict
    ontzorging.refresh_from_db()
    assert (ontzorging.einddatum, ontzorging.versie) == (D(2026, 9, 30), 1)


@pytest.mark.django_db
def test_a_stale_versie_changes_nothing(dossier, casusregisseur, klantmanager):
    ontzorging = starten(dossier, casusregisseur)
    with freeze_time("2026-05-15"):
        machtiging_vastleggen(
            ontzorging=ontzorging,
            versie=1,
            getekend_op=D(2026, 4, 2),
            acting_user=klantmanager,
        )
        with pytest.raises(ValidationError, match="Iemand anders heeft het ontzorgen"):
            cursus_vastleggen(
                ontzorging=ontzorging,
                versie=1,
                cursus_status=CursusStatus.GEPLAND,
                cursus_start=D(2026, 6, 1),
                cursus_afgerond_op=None,
                acting_user=casusregisseur,
            )
    ontzorging.refresh_from_db()
    assert ontzorging.cursus_status == CursusStatus.NIET_GEPLAND
    assert ontzorging.versie == 2


@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_the_machtiging_cannot_be_signed_in_the_future(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        machtiging_vastleggen(
            ontzorging=ontzorging,
            versie=1,
            getekend_op=D(2026, 5, 16),
            acting_user=casusregisseur,
        )
    assert "machtiging_getekend_op" in error.value.message_dict


@pytest.mark.django_db
@freeze_time("2026-11-15")
def test_the_course_and_the_step_to_self_reliance(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        cursus_vastleggen(
            ontzorging=ontzorging,
            versie=1,
            cursus_status=CursusStatus.AFGEROND,
            cursus_start=D(2026, 9, 1),
            cursus_afgerond_op=None,
            acting_user=casusregisseur,
        )
    assert "cursus_afgerond_op" in error.value.message_dict
    ontzorging = cursus_vastleggen(
        ontzorging=ontzorging,
        versie=1,
        cursus_status=CursusStatus.AFGEROND,
        cursus_start=D(2026, 9, 1),
        cursus_afgerond_op=D(2026, 10, 27),
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError) as error:
        zelfredzaamheid_vastleggen(
            ontzorging=ontzorging,
            versie=ontzorging.versie,
            zelfredzaamheid_vanaf=D(2026, 10, 1),
            zelfredzaamheid_toelichting="",
            acting_user=casusregisseur,
        )
    assert "zelfredzaamheid_toelichting" in error.value.message_dict
    ontzorging = zelfredzaamheid_vastleggen(
        ontzorging=ontzorging,
        versie=ontzorging.versie,
        zelfredzaamheid_vanaf=D(2026, 10, 1),
        zelfredzaamheid_toelichting="Budgetcoach elke twee weken.",
        acting_user=casusregisseur,
    )
    assert ontzorging.zelfredzaamheid_vanaf == D(2026, 10, 1)
    assert gebeurtenissen(dossier)[-2:] == [
        "Cursus 'omgaan met geld': Afgerond, start 1 september 2026, "
        "afgerond op 27 oktober 2026",
        "Financiële zelfredzaamheid: voorbereiding vanaf 1 oktober 2026",
    ]


# --- Fixed costs and IBAN -------------------------------------------------------------------


def last_data(**changes):
    data = {
        "soort": VasteLastSoort.HUUR,
        "omschrijving": "",
        "begunstigde": "Woonstichting De Liemers",
        "iban": "NL91ABNA0417164300",
        "bedrag": Decimal("650.00"),
        "frequentie": Frequentie.MAAND,
        "vanaf": None,
        "tot": None,
    }
    data.update(changes)
    return data


def huur(ontzorging):
    return ontzorging.vaste_lasten.get(soort=VasteLastSoort.HUUR)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "invoer",
    ["NL91ABNA0417164300", "nl91 abna 0417 1643 00", " NL91-ABNA-0417-1643-00 "],
)
def test_a_valid_iban_is_stored_normalised(dossier, casusregisseur, invoer):
    ontzorging = starten(dossier, casusregisseur)
    last = vaste_last_wijzigen(
        vaste_last=huur(ontzorging),
        versie=1,
        data=last_data(iban=invoer),
        acting_user=casusregisseur,
    )
    last.refresh_from_db()
    assert last.iban == "NL91ABNA0417164300"
    assert last.versie == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "invoer",
    [
        "NL92ABNA0417164300",  # wrong check digits
        "NL91ABNA041716430",  # too short
        "NL91ABNA04171643000",  # too long
        "XX91ABNA0417164300",  # unknown country
    ],
)
def test_an_invalid_iban_is_refused(dossier, casusregisseur, invoer):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        vaste_last_wijzigen(
            vaste_last=huur(ontzorging),
            versie=1,
            data=last_data(iban=invoer),
            acting_user=casusregisseur,
        )
    assert "geen geldig IBAN" in error.value.message_dict["iban"][0]
    assert huur(ontzorging).iban == ""
    form = VasteLastForm(
        data={**last_data(iban=invoer), "bedrag": "650,00"}, prefix=None
    )
    assert not form.is_valid()
    assert "geen geldig IBAN" in form.errors["iban"][0]


@pytest.mark.django_db
def test_the_form_normalises_the_iban_and_reads_a_dutch_amount(db):
    form = VasteLastForm(
        data={
            **last_data(iban="nl91 abna 0417 1643 00"),
            "bedrag": "1.250,50",
            "vanaf": "2026-05",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["iban"] == "NL91ABNA0417164300"
    assert form.cleaned_data["bedrag"] == Decimal("1250.50")
    assert form.cleaned_data["vanaf"] == D(2026, 5, 1)


@pytest.mark.django_db
def test_an_other_cost_needs_a_description(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        vaste_last_toevoegen(
            ontzorging=ontzorging,
            data=last_data(soort=VasteLastSoort.OVERIG),
            acting_user=casusregisseur,
        )
    assert "omschrijving" in error.value.message_dict
    last = vaste_last_toevoegen(
        ontzorging=ontzorging,
        data=last_data(soort=VasteLastSoort.OVERIG, omschrijving="Internet", bedrag=35),
        acting_user=casusregisseur,
    )
    assert str(last) == "Internet"
    assert ontzorging.vaste_lasten.count() == 5
    form = VasteLastForm(data={**last_data(soort="overig"), "bedrag": "35"})
    assert not form.is_valid()
    assert "omschrijving" in form.errors


@pytest.mark.django_db
def test_a_cost_with_payments_cannot_be_removed(dossier, casusregisseur, klantmanager):
    ontzorging = starten(dossier, casusregisseur)
    water = ontzorging.vaste_lasten.get(soort=VasteLastSoort.WATER)
    vaste_last_verwijderen(vaste_last=water, versie=1, acting_user=casusregisseur)
    assert ontzorging.vaste_lasten.count() == 3
    with freeze_time("2026-05-15"):
        betaling_vastleggen(
            vaste_last=huur(ontzorging),
            maand=APRIL,
            bedrag=Decimal("650"),
            betaald_op=D(2026, 4, 1),
            acting_user=klantmanager,
        )
    with pytest.raises(ValidationError, match="betalingen vastgelegd"):
        vaste_last_verwijderen(
            vaste_last=huur(ontzorging), versie=1, acting_user=casusregisseur
        )


# --- Payments -------------------------------------------------------------------------------


def betalen(last, user, maand=MEI, bedrag="650", betaald_op=MEI):
    return betaling_vastleggen(
        vaste_last=last,
        maand=maand,
        bedrag=Decimal(bedrag),
        betaald_op=betaald_op,
        acting_user=user,
    )


@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_a_payment_is_recorded_once_per_cost_and_month(
    dossier, casusregisseur, klantmanager
):
    ontzorging = starten(dossier, casusregisseur)
    betaling, vervangen = betalen(huur(ontzorging), klantmanager, maand=D(2026, 5, 20))
    assert betaling.maand == D(2026, 5, 1) and not vervangen
    betaling, vervangen = betalen(huur(ontzorging), klantmanager, bedrag="655")
    assert vervangen
    assert Betaling.objects.get().bedrag == Decimal("655")
    assert gebeurtenissen(dossier)[-2:] == [
        "Betaling vastgelegd: Huur mei 2026 € 650,00, betaald op 1 mei 2026",
        "Betaling vervangen: Huur mei 2026 € 655,00, betaald op 1 mei 2026",
    ]


@pytest.mark.django_db
@freeze_time("2026-05-15")
@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"maand": D(2026, 3, 1)}, "maand"),
        ({"maand": D(2026, 10, 1)}, "maand"),
        ({"bedrag": "0"}, "bedrag"),
        ({"bedrag": "-5"}, "bedrag"),
        ({"betaald_op": D(2026, 5, 16)}, "betaald_op"),
    ],
)
def test_a_wrong_payment_is_refused(
    dossier, casusregisseur, klantmanager, kwargs, veld
):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        betalen(huur(ontzorging), klantmanager, **kwargs)
    assert veld in error.value.message_dict
    assert not Betaling.objects.exists()


@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_a_period_change_may_not_orphan_payments(dossier, casusregisseur, klantmanager):
    ontzorging = starten(dossier, casusregisseur)
    betalen(huur(ontzorging), klantmanager)
    with pytest.raises(ValidationError, match="mei 2026"):
        ontzorging_periode_wijzigen(
            ontzorging=ontzorging,
            versie=1,
            startdatum=APRIL,
            bijstand_einde=D(2026, 4, 30),
            verlengd_tot=None,
            verlenging_reden="",
            acting_user=casusregisseur,
        )
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == D(2026, 9, 30)


# --- The ontzorgingsbeschikking ---------------------------------------------------------------


def pdf_text(brief: Brief) -> str:
    with private_storage.open(brief.pdf) as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


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
def test_the_beschikking_asks_for_the_machtiging_and_names_an_extension(
    dossier, casusregisseur
):
    ontzorging = starten(dossier, casusregisseur)
    klaar_voor_beschikking(ontzorging, casusregisseur)
    ontzorging = ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=1,
        startdatum=APRIL,
        bijstand_einde=None,
        verlengd_tot=D(2026, 12, 31),
        verlenging_reden="U leert nog omgaan met de energierekening.",
        acting_user=casusregisseur,
    )
    text = pdf_text(
        ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=casusregisseur
        )
    )
    assert "tot en met 31 december 2026" in text
    assert "langer dan de gewone 6 maanden (tot en met 30 september 2026)" in text
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

    monkeypatch.setattr("pip_plans.brieven.render_pdf", broken)
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
