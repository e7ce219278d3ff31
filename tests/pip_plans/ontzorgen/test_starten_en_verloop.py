"""Financieel ontzorgen, the services of the period: starting it with the standard
costs, its dated duration, an extension, the stale versie, the machtiging, and the
course to self-reliance."""

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from pip_plans.models import CursusStatus, Ontzorging
from pip_plans.ontzorgen.services import (
    cursus_vastleggen,
    machtiging_vastleggen,
    zelfredzaamheid_vastleggen,
)
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.ontzorgen.helpers import (
    APRIL,
    D,
    gebeurtenissen,
    periode_wijzigen,
    starten,
)
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking


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
    ontzorging = periode_wijzigen(
        ontzorging,
        casusregisseur,
        versie=ontzorging.versie,
        startdatum=D(2026, 6, 1),
    )
    assert ontzorging.duur_maanden == 9
    assert ontzorging.einddatum == D(2027, 2, 28)


@pytest.mark.django_db
def test_starting_is_refused_without_a_right_to_bijstand(casusregisseur, zevenaar):
    zonder = InburgeraarFactory(gemeente=zevenaar)
    with pytest.raises(ValidationError, match="met recht op bijstand"):
        starten(zonder, casusregisseur)
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
    ontzorging = periode_wijzigen(
        ontzorging,
        casusregisseur,
        verlengd_tot=D(2026, 12, 31),
        verlenging_reden="Huurachterstand; budgetbeheer wordt aangevraagd.",
        andere_grondslag="pw57_budgetbeheer",
    )
    assert ontzorging.einddatum == D(2026, 12, 31)
    assert ontzorging.versie == 2
    assert ontzorging.andere_grondslag == "pw57_budgetbeheer"
    assert (
        "verlengd tot 31 december 2026 (maatwerk, op grond van Participatiewet art. "
        "57 (budgetbeheer))" in gebeurtenissen(dossier)[-1]
    )


@pytest.mark.django_db
def test_an_extension_without_a_reason_changes_nothing(dossier, casusregisseur):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        periode_wijzigen(
            ontzorging,
            casusregisseur,
            verlengd_tot=D(2026, 12, 31),
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
