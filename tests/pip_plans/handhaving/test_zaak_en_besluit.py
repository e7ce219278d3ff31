"""Handhaving (DOMAIN.md §7): the rules of the bestuurlijke boete, the services of a
handhavingszaak, the letters, and samenloop with a Participatiewet maatregel."""

import datetime as dt
import subprocess
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Inburgeraar
from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.rules import (
    beslistermijn,
    beslistermijn_verstreken,
    besluit_fouten,
    boete_toegestaan,
    in_samenloop,
    rapport_vereist,
    zaak_fouten,
    zienswijze_termijn,
)
from pip_plans.handhaving.samenloop import samenloop, samenloop_voor_rsd
from pip_plans.handhaving.selectors import bezwaar_tijdig, boetebeschikking
from pip_plans.handhaving.services import (
    besluit_nemen,
    boete_bezwaar_beslissen,
    boete_bezwaar_registreren,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.models import (
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
)
from pip_plans.selectors import met_aandacht
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

D = dt.date
VANDAAG = "2026-03-20"
START = D(2020, 1, 1)
OVERTREDING_OP = D(2026, 2, 2)
RAPPORT_OP = D(2026, 3, 2)
BESLUIT_OP = D(2026, 3, 20)


def pdf_text(brief: Brief) -> str:
    with private_storage.open(brief.pdf) as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def parameter(code: str, waarde, vanaf=START) -> None:
    Parameter.objects.create(
        code=code, geldig_vanaf=vanaf, waarde=Decimal(waarde), bron="Test"
    )


def besluit_regels(**changes) -> dict:
    """A boete that passes every rule: € 300, verwijtbaar, no rapport needed."""
    args = {
        "besluit": "boete",
        "besluit_op": D(2026, 3, 20),
        "vandaag": D(2026, 3, 20),
        "datum_overtreding": D(2026, 2, 2),
        "boetebedrag": Decimal("300"),
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Wist van de afspraak en kwam niet.",
        "afzien_reden": "",
        "rapport_op": None,
        "voorgenomen_bedrag": None,
        "zienswijze_tot": None,
        "zienswijze_ontvangen_op": None,
        "maximum": Decimal("800"),
        "rapport_grens": Decimal("340"),
        "toegestaan": True,
        "doelgroep_label": "Asielstatushouders",
    }
    args.update(changes)
    return besluit_fouten(**args)


MET_RAPPORT = {
    "rapport_op": D(2026, 3, 1),
    "voorgenomen_bedrag": Decimal("800"),
    "zienswijze_tot": D(2026, 3, 15),
}


# --- Pure rules ---------------------------------------------------------------------


def test_euro_and_dates_are_written_the_dutch_way():
    assert euro(Decimal("800")) == "€ 800,00"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert datum_tekst(D(2026, 3, 5)) == "5 maart 2026"


def test_rapport_is_needed_only_above_the_limit():
    grens = Decimal("340")
    assert not rapport_vereist(Decimal("340"), grens)
    assert rapport_vereist(Decimal("340.01"), grens)
    assert not rapport_vereist(None, grens)


def test_beslistermijn_is_thirteen_weeks_after_the_rapport():
    assert beslistermijn(D(2026, 3, 5), 13) == D(2026, 6, 4)
    assert not beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 4))
    assert beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 5))
    assert not beslistermijn_verstreken(None, D(2026, 6, 5))


def test_zienswijze_term_defaults_to_weeks_after_the_rapport():
    assert zienswijze_termijn(D(2026, 3, 5), 2) == D(2026, 3, 19)


def test_fine_above_the_maximum_is_refused_naming_the_maximum():
    fouten = besluit_regels(boetebedrag=Decimal("800.01"), **MET_RAPPORT)
    assert "€ 800,00" in fouten["boetebedrag"]
    assert besluit_regels(boetebedrag=Decimal("800"), **MET_RAPPORT) == {}


def test_fine_must_be_more_than_zero():
    assert "boetebedrag" in besluit_regels(boetebedrag=Decimal("0"))
    assert "boetebedrag" in besluit_regels(boetebedrag=None)


def test_fine_of_exactly_340_needs_no_rapport():
    assert besluit_regels(boetebedrag=Decimal("340")) == {}


def test_fine_above_340_without_rapport_is_refused():
    fouten = besluit_regels(boetebedrag=Decimal("340.01"))
    assert "rapport" in fouten["boetebedrag"]
    assert "€ 340,00" in fouten["boetebedrag"]


def test_fine_above_340_is_refused_when_the_voorgenomen_bedrag_was_not():
    fouten = besluit_regels(
        boetebedrag=Decimal("500"),
        **{**MET_RAPPORT, "voorgenomen_bedrag": Decimal("300")},
    )
    assert "rapport" in fouten["boetebedrag"]


def test_fine_after_rapport_waits_for_zienswijze_or_its_term():
    te_vroeg = besluit_regels(
        besluit_op=D(2026, 3, 15), vandaag=D(2026, 3, 15), **MET_RAPPORT
    )
    assert "zienswijze" in te_vroeg["__all__"]
    assert besluit_regels(besluit_op=D(2026, 3, 16), **MET_RAPPORT) == {}
    ontvangen = besluit_regels(
        besluit_op=D(2026, 3, 10),
        vandaag=D(2026, 3, 10),
        **{**MET_RAPPORT, "zienswijze_ontvangen_op": D(2026, 3, 9)},
    )
    assert ontvangen == {}
    voor_ontvangst = besluit_regels(
        besluit_op=D(2026, 3, 8),
        vandaag=D(2026, 3, 10),
        **{**MET_RAPPORT, "zienswijze_ontvangen_op": D(2026, 3, 9)},
    )
    assert "zienswijze" in voor_ontvangst["__all__"]


@pytest.mark.parametrize("oordeel", ["geen", ""])
def test_no_fine_without_verwijtbaarheid(oordeel):
    fouten = besluit_regels(verwijtbaarheid=oordeel)
    assert "5:41" in fouten["verwijtbaarheid"]


def test_verminderd_verwijtbaar_allows_a_fine():
    assert besluit_regels(verwijtbaarheid="verminderd") == {}


def test_verwijtbaarheid_needs_a_toelichting():
    assert "verwijtbaarheid_toelichting" in besluit_regels(
        verwijtbaarheid_toelichting=" "
    )


def test_fine_is_refused_when_fines_are_switched_off_for_the_doelgroep():
    fouten = besluit_regels(toegestaan=False)
    assert "uitgeschakeld voor asielstatushouders" in fouten["besluit"]


def test_afzien_is_possible_when_fines_are_switched_off_but_needs_a_reason():
    assert besluit_regels(besluit="afzien", toegestaan=False, afzien_reden="Ziek") == {}
    assert "afzien_reden" in besluit_regels(besluit="afzien", afzien_reden="")


def test_besluit_cannot_lie_in_the_future():
    fouten = besluit_regels(besluit_op=D(2026, 3, 21))
    assert "toekomst" in fouten["besluit_op"]


def test_boete_toegestaan_follows_the_doelgroep():
    assert not boete_toegestaan("asiel", asiel=False, gezin_overig=True)
    assert boete_toegestaan("gezin_overig", asiel=False, gezin_overig=True)
    assert not boete_toegestaan("gezin_overig", asiel=True, gezin_overig=False)


def test_samenloop_window_is_inclusive_on_both_sides():
    assert in_samenloop(D(2026, 3, 1), D(2026, 3, 31), 30)
    assert in_samenloop(D(2026, 3, 31), D(2026, 3, 1), 30)
    assert not in_samenloop(D(2026, 3, 1), D(2026, 4, 1), 30)


def test_zaak_date_cannot_lie_in_the_future():
    fouten = zaak_fouten(
        overtreding="pvt",
        datum_overtreding=D(2026, 3, 21),
        feiten="x",
        vandaag=D(2026, 3, 20),
    )
    assert "toekomst" in fouten["datum_overtreding"]


# --- Services -----------------------------------------------------------------------


def nieuwe_zaak(dossier, user, datum=OVERTREDING_OP, **kwargs) -> Handhavingszaak:
    return handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding=kwargs.pop("overtreding", "pvt"),
        datum_overtreding=datum,
        feiten=kwargs.pop(
            "feiten", "Niet verschenen op de PVT-bijeenkomsten van 2 en 9 februari."
        ),
        acting_user=user,
    )


def rapport(zaak, user, bedrag="800", op=RAPPORT_OP, **kwargs):
    return rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(bedrag),
        rapport_op=op,
        rapport="Twee keer niet verschenen; presentielijsten van de aanbieder.",
        acting_user=user,
        **kwargs,
    )


def boete(zaak, user, bedrag="800", op=BESLUIT_OP, **kwargs):
    args = {
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Was uitgenodigd en had geen reden.",
    }
    args.update(kwargs)
    return besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=op,
        boetebedrag=Decimal(bedrag),
        acting_user=user,
        **args,
    )


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


@freeze_time(VANDAAG)
def test_rapport_stores_zienswijze_term_and_the_13_week_beslistermijn(
    dossier, casusregisseur
):
    zaak = rapport(nieuwe_zaak(dossier, casusregisseur), casusregisseur)
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.zienswijze_tot == D(2026, 3, 16)  # 2 weeks
    assert zaak.beslistermijn == D(2026, 6, 1)  # 13 weeks (Awb 5:51)
    assert Handhavingszaak.objects.get().beslistermijn == D(2026, 6, 1)


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


@freeze_time(VANDAAG)
def test_zienswijze_none_received_only_after_the_term(dossier, casusregisseur):
    zaak = rapport(
        nieuwe_zaak(dossier, casusregisseur),
        casusregisseur,
        op=D(2026, 3, 10),
    )
    with pytest.raises(ValidationError) as error:
        zienswijze_vastleggen(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen=False,
            ontvangen_op=None,
            zienswijze="",
            acting_user=casusregisseur,
        )
    assert "loopt nog" in error.value.message_dict["ontvangen"][0]
    with freeze_time("2026-03-25"):
        zienswijze_vastleggen(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen=False,
            ontvangen_op=None,
            zienswijze="",
            acting_user=casusregisseur,
        )
    assert Gebeurtenis.objects.filter(
        omschrijving__startswith="Geen zienswijze"
    ).exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_above_340_waits_for_the_zienswijze(dossier, casusregisseur):
    zaak = rapport(
        nieuwe_zaak(dossier, casusregisseur), casusregisseur, op=D(2026, 3, 18)
    )
    with pytest.raises(ValidationError, match="Wacht op de zienswijze"):
        boete(zaak, casusregisseur)
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=D(2026, 3, 19),
        zienswijze="Ik was ziek.",
        acting_user=casusregisseur,
    )
    zaak = boete(zaak, casusregisseur, bedrag="500", verwijtbaarheid="verminderd")
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("500")


@freeze_time(VANDAAG)
def test_besluit_above_340_without_rapport_is_refused_and_changes_nothing(
    dossier, casusregisseur
):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="341")
    assert "rapport" in error.value.message_dict["boetebedrag"][0]
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.besluit == "" and zaak.versie == 1
    assert not Brief.objects.exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_of_340_without_rapport_is_a_fine(dossier, casusregisseur):
    zaak = boete(nieuwe_zaak(dossier, casusregisseur), casusregisseur, bedrag="340")
    assert zaak.status == HandhavingStatus.BOETE


@freeze_time(VANDAAG)
def test_besluit_refuses_niet_verwijtbaar(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="100", verwijtbaarheid="geen")
    assert "5:41" in error.value.message_dict["verwijtbaarheid"][0]
    assert not Brief.objects.exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_besluit_follows_the_dated_maximum_on_the_besluit_date(dossier, casusregisseur):
    parameter("boete_maximum", 500, vanaf=D(2026, 3, 19))
    zaak = nieuwe_zaak(dossier, casusregisseur)
    zaak = rapport(zaak, casusregisseur, bedrag="600", op=D(2026, 3, 2))
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=D(2026, 3, 5),
        zienswijze="Geen reactie op de inhoud.",
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="600", op=D(2026, 3, 20))
    assert "€ 500,00" in error.value.message_dict["boetebedrag"][0]
    # On the day before the new maximum, € 600 was allowed.
    zaak = boete(zaak, casusregisseur, bedrag="600", op=D(2026, 3, 18))
    assert zaak.boetebedrag == Decimal("600")


@freeze_time(VANDAAG)
def test_fines_switched_off_for_asiel_refuse_boete_but_allow_afzien(
    dossier, casusregisseur
):
    parameter("boete_asiel_toegestaan", 0)
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        boete(zaak, casusregisseur, bedrag="100")
    assert "uitgeschakeld" in error.value.message_dict["besluit"][0]
    zaak = besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="afzien",
        besluit_op=D(2026, 3, 20),
        afzien_reden="Boetes voor asielstatushouders zijn uitgeschakeld.",
        acting_user=casusregisseur,
    )
    assert zaak.status == HandhavingStatus.AFGEZIEN


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_fines_switched_off_for_gezin_overig_leave_asiel_alone(
    dossier, zevenaar, casusregisseur
):
    parameter("boete_gezin_overig_toegestaan", 0)
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True)
    with pytest.raises(ValidationError, match="gezins- en overige migranten"):
        boete(nieuwe_zaak(gezin, casusregisseur), casusregisseur, bedrag="100")
    assert boete(nieuwe_zaak(dossier, casusregisseur), casusregisseur, bedrag="100")


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
            acting_user=casusregisseur,
        )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.rapport_op is None and zaak.versie == 2


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_boetebeschikking_pdf_has_amount_dates_facts_basis_and_bezwaar(
    dossier, casusregisseur
):
    dossier.straat, dossier.huisnummer = "Kerkstraat", "10"
    dossier.postcode, dossier.woonplaats = "6901 AB", "Zevenaar"
    dossier.save()
    zaak = nieuwe_zaak(dossier, casusregisseur)
    zaak = rapport(zaak, casusregisseur, op=D(2026, 3, 5))
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=D(2026, 3, 12),
        zienswijze="Ik wist het niet.",
        acting_user=casusregisseur,
    )
    zaak = boete(
        zaak,
        casusregisseur,
        verwijtbaarheid_toelichting="De uitnodigingen zijn in haar taal uitgelegd.",
    )
    brief = Brief.objects.get(soort=BriefSoort.BOETEBESCHIKKING)
    assert brief.handhavingszaak == zaak
    assert brief.dagtekening == D(2026, 3, 20)
    assert brief.bezwaar_deadline == D(2026, 5, 1)
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
    assert "*****" + dossier.bsn[-4:] in text
    assert dossier.bsn not in text
    assert brief.kenmerk in text


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_boetebeschikking_says_verminderd_verwijtbaar(dossier, casusregisseur):
    boete(
        nieuwe_zaak(dossier, casusregisseur),
        casusregisseur,
        bedrag="125",
        verwijtbaarheid="verminderd",
    )
    text = pdf_text(Brief.objects.get())
    assert "verminderd verwijtbaar" in text
    assert "€ 125,00" in text


@freeze_time(VANDAAG)
def test_pdf_failure_records_no_besluit(dossier, casusregisseur, monkeypatch):
    from pip_plans import brieven

    zaak = nieuwe_zaak(dossier, casusregisseur)

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint stuk")

    monkeypatch.setattr(brieven, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        boete(zaak, casusregisseur, bedrag="100")
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING and zaak.versie == 1
    assert not Gebeurtenis.objects.filter(omschrijving__startswith="Boete").exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_bezwaar_against_the_boete_is_tijdig_within_six_weeks(dossier, casusregisseur):
    zaak = boete(nieuwe_zaak(dossier, casusregisseur), casusregisseur, bedrag="200")
    brief = boetebeschikking(zaak)
    with freeze_time("2026-05-10"):
        zaak = boete_bezwaar_registreren(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen_op=D(2026, 5, 1),
            gronden="Ik was ziek.",
            acting_user=casusregisseur,
        )
        assert bezwaar_tijdig(zaak, brief) is True
        zaak = boete_bezwaar_beslissen(
            zaak=zaak,
            versie=zaak.versie,
            besluit_op=D(2026, 5, 8),
            uitkomst="ongegrond",
            acting_user=casusregisseur,
        )
    assert zaak.bezwaar_uitkomst == "ongegrond"


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_bezwaar_after_six_weeks_is_recorded_as_late(dossier, casusregisseur):
    zaak = boete(nieuwe_zaak(dossier, casusregisseur), casusregisseur, bedrag="200")
    with freeze_time("2026-05-10"):
        zaak = boete_bezwaar_registreren(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen_op=D(2026, 5, 2),
            gronden="",
            acting_user=casusregisseur,
        )
    assert bezwaar_tijdig(zaak, boetebeschikking(zaak)) is False
    assert Gebeurtenis.objects.filter(
        omschrijving__contains="na de bezwaartermijn"
    ).exists()


@freeze_time(VANDAAG)
def test_bezwaar_needs_a_boete(dossier, casusregisseur):
    zaak = nieuwe_zaak(dossier, casusregisseur)
    with pytest.raises(ValidationError, match="boetebeschikking"):
        boete_bezwaar_registreren(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen_op=D(2026, 3, 20),
            gronden="",
            acting_user=casusregisseur,
        )


# --- Maatregel and samenloop ----------------------------------------------------------


def maatregel(dossier, user, datum, **kwargs) -> Maatregel:
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond=kwargs.pop("grond", "re_integratie"),
        datum_gedraging=datum,
        omschrijving="Niet verschenen bij het werkgeversgesprek.",
        besluit_op=datum + dt.timedelta(days=10),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


@freeze_time(VANDAAG)
def test_maatregel_writes_a_maatregel_timeline_entry(dossier, klantmanager):
    maatregel(dossier, klantmanager, D(2026, 2, 1))
    gebeurtenis = Gebeurtenis.objects.get(soort=GebeurtenisSoort.MAATREGEL)
    assert "niet meewerken aan re-integratie" in gebeurtenis.omschrijving
    assert Verwerking.objects.filter(handeling="Maatregel Participatiewet").exists()


@freeze_time(VANDAAG)
def test_maatregel_refuses_bad_input(dossier, klantmanager):
    with pytest.raises(ValidationError) as error:
        maatregel_vastleggen(
            inburgeraar=dossier,
            grond="re_integratie",
            datum_gedraging=D(2026, 4, 1),
            omschrijving="",
            besluit_op=D(2026, 3, 1),
            verlaging_procent=120,
            acting_user=klantmanager,
        )
    assert set(error.value.message_dict) >= {
        "datum_gedraging",
        "omschrijving",
        "verlaging_procent",
    }
    assert not Maatregel.objects.exists()


@freeze_time(VANDAAG)
def test_samenloop_pairs_a_zaak_and_a_maatregel_within_the_window(
    dossier, casusregisseur, klantmanager
):
    zaak = nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    dichtbij = maatregel(dossier, klantmanager, D(2026, 3, 4))  # 30 days
    maatregel(dossier, klantmanager, D(2026, 3, 5))  # 31 days: not
    paren = samenloop(dossier)
    assert [(p.zaak, p.maatregel) for p in paren] == [(zaak, dichtbij)]
    assert paren[0].dagen == 30


@freeze_time(VANDAAG)
def test_samenloop_ignores_afgezien_and_other_people(
    dossier, zevenaar, casusregisseur, klantmanager
):
    zaak = nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    ander = InburgeraarFactory(gemeente=zevenaar)
    maatregel(ander, klantmanager, D(2026, 2, 2))
    assert samenloop(dossier) == []
    maatregel(dossier, klantmanager, D(2026, 2, 3))
    assert len(samenloop(dossier)) == 1
    besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="afzien",
        besluit_op=D(2026, 3, 20),
        afzien_reden="Dubbel gestraft: RSD heeft al een maatregel.",
        acting_user=casusregisseur,
    )
    assert samenloop(dossier) == []


@freeze_time(VANDAAG)
def test_samenloop_follows_the_dated_window(dossier, casusregisseur, klantmanager):
    parameter("samenloop_venster_dagen", 5)
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    maatregel(dossier, klantmanager, D(2026, 2, 10))
    assert samenloop(dossier) == []


@freeze_time(VANDAAG)
def test_samenloop_for_rsd_holds_only_the_maatregel_and_the_casusregisseur(
    dossier, casusregisseur, klantmanager
):
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    eigen = maatregel(dossier, klantmanager, D(2026, 2, 20))
    maatregel(dossier, klantmanager, D(2025, 6, 1))
    meldingen = samenloop_voor_rsd(dossier)
    assert [(m.maatregel, m.casusregisseur) for m in meldingen] == [
        (eigen, casusregisseur)
    ]
    assert not hasattr(meldingen[0], "zaak")


@freeze_time(VANDAAG)
def test_samenloop_annotation_marks_dossiers_in_one_query(
    dossier, zevenaar, casusregisseur, klantmanager, django_assert_num_queries
):
    zonder = InburgeraarFactory(gemeente=zevenaar)
    nieuwe_zaak(zonder, casusregisseur, datum=D(2026, 2, 2))
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    maatregel(dossier, klantmanager, D(2026, 2, 12))
    with django_assert_num_queries(2):  # the window parameter, then the list
        rijen = dict(
            met_aandacht(Inburgeraar.objects.all()).values_list("pk", "heeft_samenloop")
        )
    assert rijen == {dossier.pk: True, zonder.pk: False}
    # The function and the annotation agree.
    assert bool(samenloop(dossier)) is True
    assert bool(samenloop(zonder)) is False


@freeze_time(VANDAAG)
def test_timeline_says_when_a_new_zaak_is_samenloop(
    dossier, casusregisseur, klantmanager
):
    maatregel(dossier, klantmanager, D(2026, 2, 12))
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    assert Gebeurtenis.objects.filter(
        soort=GebeurtenisSoort.HANDHAVING, omschrijving__contains="samenloop"
    ).exists()
