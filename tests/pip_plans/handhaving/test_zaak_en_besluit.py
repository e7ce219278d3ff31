"""Handhaving (DOMAIN.md §7), the services of a handhavingszaak: aanmaken, the
waarschuwing, the rapport and zienswijze, and the besluit with its dated maximum,
fines switched off per doelgroep and the stale versie."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis
from pip_plans.handhaving.services import (
    besluit_nemen,
    rapport_opmaken,
    waarschuwing_versturen,
)
from pip_plans.models import Brief, BriefSoort, HandhavingStatus, Handhavingszaak
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.handhaving.helpers import (
    VANDAAG,
    D,
    boete,
    gehoord,
    nieuwe_zaak,
    parameter,
    rapport,
    zienswijze,
)
from tests.pip_plans.pdf import pdf_text
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


@freeze_time(VANDAAG)
def test_aanmaken_records_the_zaak_with_a_timeline_entry_and_a_log_row(
    dossier, casusregisseur
):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.versie == 1
    gebeurtenis = Gebeurtenis.objects.get(soort=GebeurtenisSoort.HANDHAVING)
    assert "Handhavingszaak gestart" in gebeurtenis.omschrijving
    assert Verwerking.objects.filter(actie_naam="Handhavingszaak gestart").count() == 1


@freeze_time(VANDAAG)
def test_aanmaken_refuses_a_date_in_the_future_and_stores_nothing(
    dossier, casusregisseur
):
    with pytest.raises(ValidationError) as error:
        nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 3, 21))
    assert "datum_overtreding" in error.value.message_dict
    assert not Handhavingszaak.objects.exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_waarschuwing_makes_a_letter_and_sets_the_status(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    brief = waarschuwing_versturen(
        zaak=zaak,
        versie=zaak.versie,
        opdracht="Kom op 1 april naar de PVT-bijeenkomst.",
        acting_user=casusregisseur,
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.waarschuwing_op == D(2026, 3, 20)
    assert brief.soort == BriefSoort.WAARSCHUWING
    assert brief.bezwaar_deadline is None
    text = pdf_text(brief)
    assert "Schriftelijke waarschuwing" in text
    assert "20 maart 2026" in text
    assert "2 februari 2026" in text
    assert "Niet verschenen op de PVT-bijeenkomsten" in text
    assert "Kom op 1 april naar de PVT-bijeenkomst." in text
    assert "ten hoogste € 800,00" in text
    assert "geen bezwaar" in text
    assert brief.kenmerk in text


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_second_waarschuwing_is_refused(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=1, acting_user=casusregisseur)
    zaak.refresh_from_db()
    with pytest.raises(ValidationError):
        waarschuwing_versturen(
            zaak=zaak, versie=zaak.versie, acting_user=casusregisseur
        )
    assert Brief.objects.count() == 1


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_rapport_stores_zienswijze_term_and_the_13_week_beslistermijn(
    dossier, casusregisseur
):
    zaak = rapport(nieuwe_zaak(dossier, casusregisseur), casusregisseur)
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.rapport_door == casusregisseur
    assert zaak.zienswijze_tot == D(2026, 3, 16)  # 2 weeks
    assert zaak.beslistermijn == D(2026, 6, 1)  # 13 weeks (Awb 5:51)
    assert Handhavingszaak.objects.get().beslistermijn == D(2026, 6, 1)


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_rapport_follows_the_dated_beslistermijn_parameter(dossier, casusregisseur):
    parameter("boete_beslistermijn_weken", 10, vanaf=D(2026, 1, 1))
    zaak = rapport(nieuwe_zaak(dossier, casusregisseur), casusregisseur)
    assert zaak.beslistermijn == D(2026, 5, 11)


@freeze_time(VANDAAG)
def test_rapport_refuses_an_intended_fine_above_the_maximum(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        rapport(zaak, casusregisseur, bedrag="900")
    assert "€ 800,00" in error.value.message_dict["voorgenomen_bedrag"][0]
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING and zaak.versie == 1


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_zienswijze_none_received_only_after_the_term(dossier, casusregisseur):
    zaak = rapport(
        nieuwe_zaak(dossier, casusregisseur),
        casusregisseur,
        op=D(2026, 3, 10),
    )
    with pytest.raises(ValidationError) as error:
        zienswijze(zaak, casusregisseur)
    assert "loopt nog" in error.value.message_dict["ontvangen"][0]
    with freeze_time("2026-03-25"):
        zienswijze(zaak, casusregisseur)
    assert Gebeurtenis.objects.filter(
        omschrijving__startswith="Geen zienswijze"
    ).exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_waits_for_the_zienswijze(dossier, casusregisseur, collega):
    zaak = rapport(
        nieuwe_zaak(dossier, casusregisseur), casusregisseur, op=D(2026, 3, 18)
    )
    with pytest.raises(ValidationError, match="Wacht op de zienswijze"):
        boete(zaak, collega)
    zaak = zienswijze(zaak, casusregisseur, D(2026, 3, 19))
    zaak = boete(zaak, collega, bedrag="500", verwijtbaarheid="verminderd")
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("500")
    assert zaak.besluit_door == collega


@freeze_time(VANDAAG)
def test_besluit_above_340_without_rapport_is_refused_and_changes_nothing(
    dossier, casusregisseur
):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="341")
    assert "rapport" in error.value.message_dict["__all__"][0]
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.besluit == "" and zaak.versie == 1
    assert not Brief.objects.exists()


@freeze_time(VANDAAG)
def test_besluit_of_340_without_rapport_is_refused_too(dossier, casusregisseur):
    """Awb art. 5:53 looks at the maximum (€ 800), not the amount: the old rule let
    a fine of € 340 through without rapport; now it is refused."""
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="340")
    assert "Maak eerst het rapport op" in error.value.message_dict["__all__"][0]
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_refuses_niet_verwijtbaar(dossier, casusregisseur, collega):
    zaak = gehoord(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, collega, bedrag="100", verwijtbaarheid="geen")
    assert "5:41" in error.value.message_dict["verwijtbaarheid"][0]
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_follows_the_dated_maximum_on_the_besluit_date(
    dossier, casusregisseur, collega
):
    parameter("boete_maximum", 500, vanaf=D(2026, 3, 19))
    zaak = nieuwe_zaak(dossier, casusregisseur)
    zaak = rapport(zaak, casusregisseur, bedrag="600", op=D(2026, 3, 2))
    zaak = zienswijze(
        zaak, casusregisseur, D(2026, 3, 5), tekst="Geen reactie op de inhoud."
    )
    with pytest.raises(ValidationError) as error:
        boete(zaak, collega, bedrag="600", op=D(2026, 3, 20))
    assert "€ 500,00" in error.value.message_dict["boetebedrag"][0]
    # On the day before the new maximum, € 600 was allowed.
    zaak = boete(zaak, collega, bedrag="600", op=D(2026, 3, 18))
    assert zaak.boetebedrag == Decimal("600")


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_fines_switched_off_for_asiel_refuse_boete_but_allow_afzien(
    dossier, casusregisseur, collega
):
    parameter("boete_asiel_toegestaan", 0)
    zaak = gehoord(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, collega, bedrag="100")
    assert "uitgeschakeld" in error.value.message_dict["besluit"][0]
    zaak = besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="afzien",
        besluit_op=D(2026, 3, 20),
        afzien_reden="Boetes voor asielstatushouders zijn uitgeschakeld.",
        acting_user=collega,
    )
    assert zaak.status == HandhavingStatus.AFGEZIEN


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_fines_switched_off_for_gezin_overig_leave_asiel_alone(
    dossier, zevenaar, casusregisseur, collega
):
    parameter("boete_gezin_overig_toegestaan", 0)
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True)
    with pytest.raises(ValidationError, match="gezins- en overige migranten"):
        boete(gehoord(gezin, casusregisseur), collega, bedrag="100")
    assert boete(gehoord(dossier, casusregisseur), collega, bedrag="100")


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_stale_versie_is_refused_and_nothing_changes(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=1, acting_user=casusregisseur)
    with pytest.raises(ValidationError, match="gewijzigd door iemand anders"):
        rapport_opmaken(
            zaak=zaak,
            versie=1,
            voorgenomen_bedrag=Decimal("500"),
            rapport_op=D(2026, 3, 2),
            rapport="Rapport",
            overtreden_voorschrift="artikel 22 Wet inburgering 2021",
            plaats_overtreding="Zevenaar",
            acting_user=casusregisseur,
        )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.rapport_op is None and zaak.versie == 2
