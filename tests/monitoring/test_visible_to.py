"""Who sees which signals: the scope of the dossiers, and for an RSD klantmanager
only the end of ontzorgen of their own clients."""

import datetime as dt

from intake.models import Inburgeraar
from monitoring.models import Signaal, SignaalSoort, SignaalVoorkeur
from monitoring.signalering import sweep

from .conftest import ontzorging

DAG = dt.date(2026, 9, 10)


def signalen_van(dossier, user):
    """`dossier` with an overdue PIP and its ontzorgen ending within 4 weeks."""
    Inburgeraar.objects.filter(pk=dossier.pk).update(pip_deadline=dt.date(2026, 6, 30))
    ontzorging(dossier, user, dt.date(2026, 10, 1))
    sweep(DAG)


def soorten(qs) -> set[str]:
    return set(qs.values_list("soort", flat=True))


def test_the_casusregisseur_sees_the_signals_of_their_gemeente(dossier, casusregisseur):
    signalen_van(dossier, casusregisseur)
    assert soorten(Signaal.objects.visible_to(casusregisseur)) == {
        SignaalSoort.PIP_TE_LAAT,
        SignaalSoort.ONTZORGEN_EINDIGT,
        SignaalSoort.INTAKE_NIET_GESTART,
    }


def test_another_gemeentes_casusregisseur_sees_none_of_them(
    dossier, casusregisseur, andere_casusregisseur, dossier_duiven
):
    signalen_van(dossier, casusregisseur)
    zichtbaar = Signaal.objects.visible_to(andere_casusregisseur)
    assert not zichtbaar.filter(inburgeraar=dossier).exists()
    # Only their own Duiven dossier's signal (its intake has not started).
    assert set(zichtbaar.values_list("inburgeraar", flat=True)) == {dossier_duiven.pk}


def test_the_functioneel_beheerder_sees_the_signals_of_their_gemeente(
    dossier, casusregisseur, functioneel_beheerder
):
    signalen_van(dossier, casusregisseur)
    assert Signaal.objects.visible_to(functioneel_beheerder).count() == 3


def test_the_klantmanager_sees_only_the_end_of_ontzorgen_of_their_own_client(
    dossier, casusregisseur, klantmanager, andere_klantmanager
):
    signalen_van(dossier, casusregisseur)
    assert soorten(Signaal.objects.visible_to(klantmanager)) == {
        SignaalSoort.ONTZORGEN_EINDIGT
    }
    assert not Signaal.objects.visible_to(andere_klantmanager).exists()


def test_the_beleidsmedewerker_and_an_inactive_user_see_nothing(
    dossier, casusregisseur, beleidsmedewerker
):
    signalen_van(dossier, casusregisseur)
    assert not Signaal.objects.visible_to(beleidsmedewerker).exists()
    casusregisseur.is_active = False
    assert not Signaal.objects.visible_to(casusregisseur).exists()


def test_a_snoozed_signal_leaves_te_doen_until_its_day(dossier, casusregisseur):
    signalen_van(dossier, casusregisseur)
    Signaal.objects.filter(soort=SignaalSoort.PIP_TE_LAAT).update(
        gesnoozed_tot=dt.date(2026, 9, 14), snooze_reden="Wacht op de tolk."
    )
    te_doen = Signaal.objects.visible_to(casusregisseur).te_doen
    assert SignaalSoort.PIP_TE_LAAT not in soorten(te_doen(dt.date(2026, 9, 13)))
    assert SignaalSoort.PIP_TE_LAAT in soorten(te_doen(dt.date(2026, 9, 14)))


def test_the_digest_holds_the_kinds_the_user_chose(
    dossier, casusregisseur, klantmanager
):
    signalen_van(dossier, casusregisseur)
    assert soorten(Signaal.objects.voor_digest(casusregisseur, DAG)) == {
        SignaalSoort.PIP_TE_LAAT,
        SignaalSoort.ONTZORGEN_EINDIGT,
        SignaalSoort.INTAKE_NIET_GESTART,
    }
    SignaalVoorkeur.objects.create(
        user=casusregisseur, digest_soorten=[SignaalSoort.PIP_TE_LAAT]
    )
    assert soorten(Signaal.objects.voor_digest(casusregisseur, DAG)) == {
        SignaalSoort.PIP_TE_LAAT
    }
    assert soorten(Signaal.objects.voor_digest(klantmanager, DAG)) == {
        SignaalSoort.ONTZORGEN_EINDIGT
    }
