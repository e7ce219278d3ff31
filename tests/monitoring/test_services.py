import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from freezegun import freeze_time

from monitoring.models import Signaal, SignaalSoort
from monitoring.services.signalen import signaal_snooze_opheffen, signaal_snoozen

VANDAAG = dt.date(2026, 7, 1)


@pytest.fixture
def signaal(dossier, casusregisseur):
    return Signaal.objects.create(
        soort=SignaalSoort.PIP_TE_LAAT,
        inburgeraar=dossier,
        object_type="intake.inburgeraar",
        object_id=str(dossier.pk),
        vervaldatum=dt.date(2026, 6, 30),
        verantwoordelijke=casusregisseur,
    )


@freeze_time("2026-07-01 10:00")
def test_snoozen_puts_the_signal_aside_until_its_day(signaal, casusregisseur):
    signaal_snoozen(
        signaal=signaal,
        tot=dt.date(2026, 7, 8),
        reden="Wacht op informatie van het COA.",
        acting_user=casusregisseur,
    )
    assert not Signaal.objects.te_doen(VANDAAG).exists()
    assert Signaal.objects.te_doen(dt.date(2026, 7, 8)).exists()

    signaal_snooze_opheffen(signaal=signaal, acting_user=casusregisseur)
    assert Signaal.objects.te_doen(VANDAAG).exists()


@freeze_time("2026-07-01 10:00")
def test_lg01_snoozen_and_its_undoing_are_verwerkingen_of_the_dossier(
    signaal, casusregisseur
):
    from zevenaar_inburgering.verwerkingen.log import bsn_hash
    from zevenaar_inburgering.verwerkingen.models import Verwerking

    signaal_snoozen(
        signaal=signaal,
        tot=dt.date(2026, 7, 8),
        reden="Wacht op informatie van het COA.",
        acting_user=casusregisseur,
    )
    signaal_snooze_opheffen(signaal=signaal, acting_user=casusregisseur)
    # One frozen instant and random uuid keys: the rows have no order to test.
    rijen = Verwerking.objects.filter(handeling="Signalering")
    assert sorted(r.actie_naam for r in rijen) == [
        "Signaal uitgesteld",
        "Uitstel van signaal opgeheven",
    ]
    for rij in rijen:
        assert rij.actor == casusregisseur
        assert rij.actie == "wijzigen"
        assert rij.betrokkene_id == bsn_hash(signaal.inburgeraar.bsn)


@freeze_time("2026-07-01 10:00")
@pytest.mark.parametrize(
    ("tot", "reden", "veld"),
    [
        (dt.date(2026, 7, 8), "  ", "reden"),
        (dt.date(2026, 7, 1), "Wacht op de tolk.", "tot"),
        (dt.date(2026, 12, 1), "Wacht op de tolk.", "tot"),
    ],
)
def test_snoozen_needs_a_reason_and_a_day_in_the_near_future(
    signaal, casusregisseur, tot, reden, veld
):
    with pytest.raises(ValidationError) as fout:
        signaal_snoozen(
            signaal=signaal, tot=tot, reden=reden, acting_user=casusregisseur
        )
    assert veld in fout.value.message_dict


def test_a_resolved_signal_cannot_be_snoozed(signaal, casusregisseur):
    Signaal.objects.filter(pk=signaal.pk).update(opgelost_op=timezone.now())
    with pytest.raises(ValidationError):
        signaal_snoozen(
            signaal=signaal,
            tot=timezone.localdate() + dt.timedelta(days=7),
            reden="Wacht op de tolk.",
            acting_user=casusregisseur,
        )
