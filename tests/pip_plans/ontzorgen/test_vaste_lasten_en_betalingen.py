"""Financieel ontzorgen: the vaste lasten with their IBAN and amount, and the
payments recorded against them."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.services import ALLES_VERVANGEN
from pip_plans.forms.ontzorgen import VasteLastForm
from pip_plans.models import Betaling, VasteLastSoort
from pip_plans.ontzorgen.vaste_lasten import (
    betalingen_vastleggen,
    vaste_last_toevoegen,
    vaste_last_verwijderen,
    vaste_last_wijzigen,
)
from tests.pip_plans.ontzorgen.helpers import (
    APRIL,
    MEI,
    D,
    gebeurtenissen,
    huur,
    last_data,
    periode_wijzigen,
    starten,
)

# --- Fixed costs and IBAN -------------------------------------------------------------------


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
        betalen(huur(ontzorging), klantmanager, maand=APRIL, betaald_op=D(2026, 4, 1))
    with pytest.raises(ValidationError, match="betalingen vastgelegd"):
        vaste_last_verwijderen(
            vaste_last=huur(ontzorging), versie=1, acting_user=casusregisseur
        )


# --- Payments -------------------------------------------------------------------------------


def betalen(last, user, maand=MEI, bedrag="650", betaald_op=MEI):
    """One payment, replacing a recorded one without asking; (betaling, vervangen)."""
    [resultaat] = betalingen_vastleggen(
        ontzorging=last.ontzorging,
        maand=maand,
        betaald_op=betaald_op,
        bedragen={last: Decimal(bedrag)},
        bevestigd=ALLES_VERVANGEN,
        acting_user=user,
    )
    return resultaat


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
        "Betalingen mei 2026, betaald op 1 mei 2026: Huur € 650,00",
        "Betalingen mei 2026, betaald op 1 mei 2026: Huur € 655,00 (vervangen)",
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
    # An amount's error belongs to the cost's row of the form.
    rij = f"bedrag_{huur(ontzorging).pk}" if veld == "bedrag" else veld
    assert rij in error.value.message_dict
    assert not Betaling.objects.exists()


@pytest.mark.django_db
@freeze_time("2026-05-15")
def test_a_period_change_may_not_orphan_payments(dossier, casusregisseur, klantmanager):
    ontzorging = starten(dossier, casusregisseur)
    betalen(huur(ontzorging), klantmanager)
    with pytest.raises(ValidationError, match="mei 2026"):
        periode_wijzigen(
            ontzorging,
            casusregisseur,
            bijstand_einde=D(2026, 4, 30),
        )
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == D(2026, 9, 30)
