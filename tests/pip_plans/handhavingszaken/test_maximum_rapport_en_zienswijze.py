"""Handhaving (DOMAIN.md §7): the rules and services of pip_plans.handhaving — the
dated maximum, the € 340 rapport and zienswijze, verwijtbaarheid, fines switched off
per doelgroep, the 13-week term, samenloop with a Participatiewet maatregel, the
waarschuwing and boetebeschikking letters, bezwaar, locking, logging and scope."""

import datetime as dt
import subprocess
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

import pytest

from intake.models import Gebeurtenis, Inburgeraar
from monitoring.werkvoorraad import aandacht
from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.rules import (
    beslistermijn,
    beslistermijn_verstreken,
    in_samenloop,
    rapport_vereist,
    zienswijze_afgewacht,
    zienswijze_termijn,
)
from pip_plans.handhaving.samenloop import samenloop, samenloop_voor_rsd
from pip_plans.handhaving.selectors import (
    bezwaar_tijdig,
    boete_maximum,
    boete_toegestaan_voor,
    boetebeschikking,
)
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
    BesluitSoort,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
)
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking

D = dt.date
OVERTREDING = D(2026, 3, 1)
RAPPORT = D(2026, 3, 2)
ZIENSWIJZE = D(2026, 3, 10)
BESLUIT = D(2026, 3, 20)
WAARSCHUWING_OP = D(2026, 3, 5)
FEITEN = "Twee keer zonder bericht niet verschenen op de afspraak voor de brede intake."
TOELICHTING = "Uitnodigingen ontvangen en bevestigd; geen reden opgegeven."
AFZIEN = "Ziek gebleken, met een verklaring van de huisarts."


# --- Helpers ---------------------------------------------------------------------------


def pdf_text(brief: Brief) -> str:
    with private_storage.open(brief.pdf) as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def vers(zaak: Handhavingszaak) -> Handhavingszaak:
    zaak.refresh_from_db()
    return zaak


def openen(dossier, user, **changes) -> Handhavingszaak:
    data = {
        "overtreding": Overtreding.BREDE_INTAKE,
        "datum_overtreding": OVERTREDING,
        "feiten": FEITEN,
    }
    data.update(changes)
    return handhavingszaak_aanmaken(inburgeraar=dossier, acting_user=user, **data)


def waarschuwen(zaak, user, dagtekening=WAARSCHUWING_OP) -> Brief:
    zaak = vers(zaak)
    return waarschuwing_versturen(
        zaak=zaak, versie=zaak.versie, acting_user=user, dagtekening=dagtekening
    )


def rapport(zaak, user, bedrag="800", **changes) -> Handhavingszaak:
    data = {
        "rapport_op": RAPPORT,
        "voorgenomen_bedrag": Decimal(bedrag),
        "rapport": "De inburgeraar werkte niet mee aan de brede intake.",
    }
    data.update(changes)
    zaak = vers(zaak)
    return rapport_opmaken(zaak=zaak, versie=zaak.versie, acting_user=user, **data)


def zienswijze(zaak, user, op=ZIENSWIJZE, ontvangen=True) -> Handhavingszaak:
    zaak = vers(zaak)
    return zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=ontvangen,
        ontvangen_op=op,
        zienswijze="Ik was ziek." if ontvangen else "",
        acting_user=user,
    )


def boete(bedrag="300", besluit_op=BESLUIT, **changes) -> dict:
    data = {
        "besluit": BesluitSoort.BOETE,
        "besluit_op": besluit_op,
        "boetebedrag": None if bedrag is None else Decimal(bedrag),
        "verwijtbaarheid": Verwijtbaarheid.VOLLEDIG,
        "verwijtbaarheid_toelichting": TOELICHTING,
    }
    data.update(changes)
    return data


def afzien(besluit_op=BESLUIT, reden=AFZIEN) -> dict:
    return {
        "besluit": BesluitSoort.AFZIEN,
        "besluit_op": besluit_op,
        "afzien_reden": reden,
    }


def besluiten(zaak, user, data) -> Handhavingszaak:
    zaak = vers(zaak)
    return besluit_nemen(zaak=zaak, versie=zaak.versie, acting_user=user, **data)


def beschikking(zaak) -> Brief | None:
    return boetebeschikking(vers(zaak))


def refused(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        func(*args, **kwargs)
    return exc.value


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def maatregel(dossier, user, datum_gedraging, besluit_op=None):
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond=MaatregelGrond.RE_INTEGRATIE,
        datum_gedraging=datum_gedraging,
        omschrijving="Niet verschenen bij het re-integratiebedrijf.",
        besluit_op=besluit_op or datum_gedraging + dt.timedelta(days=3),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


def parameter(code, vanaf, waarde):
    return Parameter.objects.create(
        code=code, geldig_vanaf=vanaf, waarde=Decimal(waarde), bron="Test"
    )


def bezwaar(zaak, user, ontvangen_op, gronden="Het bedrag is te hoog."):
    zaak = vers(zaak)
    return boete_bezwaar_registreren(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        acting_user=user,
    )


def bezwaar_beslissen(zaak, user, besluit_op, uitkomst=BezwaarUitkomst.ONGEGROND):
    zaak = vers(zaak)
    return boete_bezwaar_beslissen(
        zaak=zaak,
        versie=zaak.versie,
        besluit_op=besluit_op,
        uitkomst=uitkomst,
        acting_user=user,
    )


# --- Pure rules ----------------------------------------------------------------------


def test_the_pure_rules():
    assert not rapport_vereist(Decimal("340"), Decimal("340"))
    assert rapport_vereist(Decimal("340.01"), Decimal("340"))
    assert not rapport_vereist(None, Decimal("340"))
    assert beslistermijn(D(2026, 3, 2), 13) == D(2026, 6, 1)
    assert zienswijze_termijn(D(2026, 3, 2), 2) == D(2026, 3, 16)
    assert in_samenloop(D(2026, 5, 1), D(2026, 5, 31), 30)
    assert in_samenloop(D(2026, 5, 1), D(2026, 4, 1), 30)
    assert not in_samenloop(D(2026, 5, 1), D(2026, 6, 1), 30)
    assert not zienswijze_afgewacht(
        zienswijze_tot=D(2026, 3, 16), zienswijze_ontvangen_op=None, op=D(2026, 3, 16)
    )
    assert zienswijze_afgewacht(
        zienswijze_tot=D(2026, 3, 16), zienswijze_ontvangen_op=None, op=D(2026, 3, 17)
    )
    assert euro(Decimal("800")) == "€ 800,00"
    assert datum_tekst(D(2026, 3, 1)) == "1 maart 2026"


# --- The maximum -------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_of_the_maximum_passes_and_one_cent_more_is_refused(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)

    error = refused(besluiten, zaak, casusregisseur, boete("800.01"))
    assert "€ 800,00" in error.message_dict["boetebedrag"][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.exists()

    besluiten(zaak, casusregisseur, boete("800"))
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_dated_parameter_lowers_the_maximum_from_its_date_on(dossier, casusregisseur):
    parameter("boete_maximum", D(2026, 4, 1), "500")
    assert boete_maximum(D(2026, 3, 31)) == Decimal("800")
    assert boete_maximum(D(2026, 4, 1)) == Decimal("500")

    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")  # the rapport predates the lower maximum
    zienswijze(zaak, casusregisseur)

    for besluit_op in (D(2026, 4, 1), D(2026, 4, 15)):
        error = refused(besluiten, zaak, casusregisseur, boete("800", besluit_op))
        assert "€ 500,00" in error.message_dict["boetebedrag"][0]
    error = refused(besluiten, zaak, casusregisseur, boete("500.01", D(2026, 4, 15)))
    assert "boetebedrag" in error.message_dict

    # A besluit dated before the new maximum still allows € 800.
    besluiten(zaak, casusregisseur, boete("800", D(2026, 3, 31)))
    assert vers(zaak).boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_from_the_date_of_a_lower_maximum_its_amount_passes(dossier, casusregisseur):
    parameter("boete_maximum", D(2026, 4, 1), "500")
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, casusregisseur, boete("500", D(2026, 4, 15)))
    assert vers(zaak).boetebedrag == Decimal("500.00")


# --- The € 340 rapport and zienswijze ------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_of_exactly_the_rapport_limit_needs_no_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("340"))
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.rapport_op is None


@pytest.mark.django_db
def test_above_the_rapport_limit_a_fine_without_rapport_is_refused(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete("340.01"))
    assert "rapport" in error.message_dict["boetebedrag"][0]
    assert "€ 340,00" in error.message_dict["boetebedrag"][0]
    assert vers(zaak).status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_a_fine_above_the_limit_needs_a_rapport_that_announced_it(
    dossier, casusregisseur
):
    """A rapport for € 300 does not cover a fine of € 500 (Awb 5:53)."""
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "300")
    zienswijze(zaak, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete("500"))
    assert "rapport" in error.message_dict["boetebedrag"][0]


@pytest.mark.pdf
@pytest.mark.django_db
def test_after_the_rapport_the_besluit_waits_for_the_zienswijze(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500")
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.zienswijze_tot == D(2026, 3, 16)

    # While the term runs (up to and including its last day) and nothing came in;
    # also a fine below the limit waits once a rapport was made.
    for bedrag, besluit_op in (("500", D(2026, 3, 3)), ("500", D(2026, 3, 16))):
        error = refused(besluiten, zaak, casusregisseur, boete(bedrag, besluit_op))
        assert "16 maart 2026" in error.message_dict[NON_FIELD_ERRORS][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.exists()

    # After the zienswijze came in: allowed, also within the term.
    zienswijze(zaak, casusregisseur, op=D(2026, 3, 10))
    besluiten(zaak, casusregisseur, boete("500", D(2026, 3, 12)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_besluit_after_the_zienswijze_term_without_zienswijze_is_allowed(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    besluiten(zaak, casusregisseur, boete("800", D(2026, 3, 17)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.django_db
def test_no_zienswijze_can_be_recorded_only_after_the_term(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    # The term of 16 March 2026 has passed (today is later), so "none came" is fine.
    zaak = zienswijze(zaak, casusregisseur, op=None, ontvangen=False)
    assert zaak.zienswijze_ontvangen_op is None
    assert Gebeurtenis.objects.filter(
        omschrijving="Geen zienswijze ontvangen binnen de termijn"
    ).exists()


@pytest.mark.django_db
def test_the_besluit_does_not_precede_the_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur, datum_overtreding=D(2026, 2, 20))
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete("800", D(2026, 3, 1)))
    assert "besluit_op" in error.message_dict


@pytest.mark.django_db
def test_a_besluit_before_the_zienswijze_came_in_is_refused(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur, op=ZIENSWIJZE)
    refused(besluiten, zaak, casusregisseur, boete("800", D(2026, 3, 5)))


@pytest.mark.django_db
def test_the_rapport_refuses_an_amount_above_the_maximum_and_an_empty_rapport(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    error = refused(rapport, zaak, casusregisseur, "800.01")
    assert "€ 800,00" in error.message_dict["voorgenomen_bedrag"][0]

    error = refused(rapport, zaak, casusregisseur, "500", rapport="   ")
    assert "rapport" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "0")
    assert "voorgenomen_bedrag" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", rapport_op=D(2026, 2, 1))
    assert "rapport_op" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", rapport_op=D(2099, 1, 1))
    assert "rapport_op" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", zienswijze_tot=RAPPORT)
    assert "zienswijze_tot" in error.message_dict

    zaak = vers(zaak)
    assert zaak.rapport_op is None and zaak.voorgenomen_bedrag is None
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.versie == 1


@pytest.mark.django_db
def test_a_zienswijze_follows_a_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    refused(zienswijze, zaak, casusregisseur)

    rapport(zaak, casusregisseur, "500")
    error = refused(zienswijze, zaak, casusregisseur, op=D(2026, 3, 1))
    assert "ontvangen_op" in error.message_dict
    error = refused(zienswijze, zaak, casusregisseur, op=D(2099, 1, 1))
    assert "ontvangen_op" in error.message_dict
    assert vers(zaak).zienswijze_ontvangen_op is None

    zienswijze(zaak, casusregisseur)
    assert "al vastgelegd" in messages(refused(zienswijze, zaak, casusregisseur))


# --- Verwijtbaarheid ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("verwijtbaarheid", [Verwijtbaarheid.GEEN, ""])
def test_no_fine_without_verwijtbaarheid(dossier, casusregisseur, verwijtbaarheid):
    zaak = openen(dossier, casusregisseur)
    data = boete("300", verwijtbaarheid=verwijtbaarheid)
    error = refused(besluiten, zaak, casusregisseur, data)
    assert "5:41" in error.message_dict["verwijtbaarheid"][0]
    assert vers(zaak).status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_verwijtbaarheid_needs_a_toelichting(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    error = refused(
        besluiten, zaak, casusregisseur, boete(verwijtbaarheid_toelichting="  ")
    )
    assert "verwijtbaarheid_toelichting" in error.message_dict
    assert vers(zaak).besluit == ""


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_for_verminderd_verwijtbaar_is_allowed(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(
        zaak, casusregisseur, boete("150", verwijtbaarheid=Verwijtbaarheid.VERMINDERD)
    )
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.verwijtbaarheid == Verwijtbaarheid.VERMINDERD
    assert zaak.verwijtbaarheid_toelichting == TOELICHTING
    assert "verminderd verwijtbaar" in pdf_text(beschikking(zaak))


@pytest.mark.django_db
def test_afzien_needs_a_reason(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, afzien(reden=" "))
    assert "afzien_reden" in error.message_dict

    besluiten(zaak, casusregisseur, afzien())
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.AFGEZIEN
    assert zaak.besluit == BesluitSoort.AFZIEN
    assert zaak.afzien_reden == AFZIEN
    assert zaak.boetebedrag is None
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_the_besluit_needs_a_choice_a_valid_date_and_an_amount(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    for data, veld in [
        (boete(besluit="iets"), "besluit"),
        (boete(besluit_op=None), "besluit_op"),
        (boete(besluit_op=D(2026, 2, 28)), "besluit_op"),
        (boete(besluit_op=D(2099, 1, 1)), "besluit_op"),
        (boete("0"), "boetebedrag"),
        (boete(None), "boetebedrag"),
    ]:
        assert veld in refused(besluiten, zaak, casusregisseur, data).message_dict
    assert vers(zaak).versie == 1


@pytest.mark.django_db
def test_the_database_refuses_a_fine_without_verwijtbaarheid(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    naam = "boete_needs_bedrag_and_verwijtbaarheid"
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("300"),
            verwijtbaarheid=Verwijtbaarheid.GEEN,
        )
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("300"),
            verwijtbaarheid="",
        )
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("0"),
            verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
        )
    with (
        pytest.raises(IntegrityError, match="afzien_needs_reden"),
        transaction.atomic(),
    ):
        Handhavingszaak.objects.filter(pk=zaak.pk).update(besluit=BesluitSoort.AFZIEN)
    assert vers(zaak).besluit == ""


@pytest.mark.django_db
def test_the_database_refuses_a_fine_without_an_amount(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE, verwijtbaarheid=Verwijtbaarheid.VOLLEDIG
        )


# --- Fines switched off for a doelgroep ------------------------------------------------


@pytest.mark.django_db
def test_fines_switched_off_for_asiel_leave_only_afzien(dossier, casusregisseur):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    assert dossier.doelgroep_categorie == "asiel"
    assert boete_toegestaan_voor(dossier, D(2026, 3, 31))
    assert not boete_toegestaan_voor(dossier, D(2026, 4, 1))

    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete(besluit_op=D(2026, 4, 15)))
    assert "uitgeschakeld" in error.message_dict["besluit"][0]
    assert "Afzien van een boete kan wel" in error.message_dict["besluit"][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.exists()

    besluiten(zaak, casusregisseur, afzien(besluit_op=D(2026, 4, 15)))
    assert vers(zaak).status == HandhavingStatus.AFGEZIEN


@pytest.mark.pdf
@pytest.mark.django_db
def test_fines_switched_off_for_asiel_still_allow_a_gezinsmigrant(
    zevenaar, casusregisseur
):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    gezin = InburgeraarFactory(
        gezinsmigrant=True, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    assert gezin.doelgroep_categorie == "gezin_overig"
    zaak = openen(gezin, casusregisseur)
    besluiten(zaak, casusregisseur, boete(besluit_op=D(2026, 4, 15)))
    assert vers(zaak).status == HandhavingStatus.BOETE
    assert beschikking(zaak).soort == BriefSoort.BOETEBESCHIKKING


@pytest.mark.pdf
@pytest.mark.django_db
def test_fines_switched_off_for_gezin_overig_leave_asiel_fineable(
    dossier, zevenaar, casusregisseur
):
    parameter("boete_gezin_overig_toegestaan", D(2026, 4, 1), "0")
    gezin = InburgeraarFactory(
        gezinsmigrant=True, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    gezin_zaak = openen(gezin, casusregisseur)
    error = refused(
        besluiten, gezin_zaak, casusregisseur, boete(besluit_op=D(2026, 4, 15))
    )
    assert "uitgeschakeld" in error.message_dict["besluit"][0]
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete(besluit_op=D(2026, 4, 15)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.pdf
@pytest.mark.django_db
def test_an_asiel_dossier_is_fineable_before_the_switch_date(dossier, casusregisseur):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete(besluit_op=D(2026, 3, 31)))
    assert vers(zaak).status == HandhavingStatus.BOETE


# --- The 13-week term ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_rapport_stores_the_13_week_term_and_the_default_zienswijze_term(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500", rapport_op=D(2026, 3, 2))
    zaak = vers(zaak)
    assert zaak.rapport_op == D(2026, 3, 2)
    assert zaak.beslistermijn == D(2026, 6, 1)
    assert zaak.zienswijze_tot == D(2026, 3, 16)
    assert zaak.voorgenomen_bedrag == Decimal("500.00")
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert beslistermijn_verstreken(zaak.beslistermijn, D(2026, 6, 2))
    assert not beslistermijn_verstreken(zaak.beslistermijn, D(2026, 6, 1))


@pytest.mark.django_db
def test_an_explicit_zienswijze_term_is_kept(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500", zienswijze_tot=D(2026, 3, 30))
    assert vers(zaak).zienswijze_tot == D(2026, 3, 30)
    assert vers(zaak).beslistermijn == D(2026, 6, 1)


@pytest.mark.django_db
def test_only_one_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500")
    refused(rapport, zaak, casusregisseur, "600", rapport_op=D(2026, 3, 3))
    assert vers(zaak).voorgenomen_bedrag == Decimal("500.00")


# --- Samenloop -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_maatregel_20_days_from_the_overtreding_is_samenloop(
    dossier, casusregisseur, klantmanager
):
    zaak = openen(dossier, casusregisseur)
    assert samenloop(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(Inburgeraar.objects.all(), "samenloop")

    m = maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    paren = samenloop(dossier)
    assert [(p.zaak.pk, p.maatregel.pk) for p in paren] == [(zaak.pk, m.pk)]
    assert paren[0].dagen == 20
    assert list(Handhavingszaak.objects.met_samenloop()) == [zaak]
    assert dossier in aandacht(Inburgeraar.objects.all(), "samenloop")
    assert [r.maatregel for r in samenloop_voor_rsd(dossier)] == [m]
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.MAATREGEL,
        gebruiker=klantmanager,
        omschrijving__endswith="samenloop met een handhavingszaak",
    ).exists()


@pytest.mark.django_db
def test_samenloop_found_when_the_zaak_comes_after_the_maatregel(
    dossier, casusregisseur, klantmanager
):
    maatregel(dossier, klantmanager, D(2026, 3, 15))
    zaak = openen(dossier, casusregisseur)
    assert [p.zaak for p in samenloop(dossier)] == [zaak]
    assert Gebeurtenis.objects.filter(
        soort=GebeurtenisSoort.HANDHAVING,
        omschrijving__endswith="samenloop met een maatregel Participatiewet",
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("dagen", [-30, -20, 30])
def test_samenloop_works_both_ways_within_the_window(
    dossier, casusregisseur, klantmanager, dagen
):
    zaak = openen(dossier, casusregisseur, datum_overtreding=D(2026, 5, 1))
    maatregel(dossier, klantmanager, D(2026, 5, 1) + dt.timedelta(days=dagen))
    assert [p.zaak for p in samenloop(dossier)] == [zaak]
    assert list(Handhavingszaak.objects.met_samenloop()) == [zaak]
    assert dossier in aandacht(Inburgeraar.objects.all(), "samenloop")


@pytest.mark.django_db
@pytest.mark.parametrize("dagen", [31, -31, 60])
def test_no_samenloop_outside_the_window(dossier, casusregisseur, klantmanager, dagen):
    openen(dossier, casusregisseur, datum_overtreding=D(2026, 5, 1))
    maatregel(dossier, klantmanager, D(2026, 5, 1) + dt.timedelta(days=dagen))
    assert samenloop(dossier) == []
    assert samenloop_voor_rsd(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(Inburgeraar.objects.all(), "samenloop")


@pytest.mark.django_db
def test_no_samenloop_with_another_persons_maatregel(
    dossier, zevenaar, casusregisseur, klantmanager
):
    openen(dossier, casusregisseur)
    ander = InburgeraarFactory(gemeente=zevenaar, rsd_klantmanager=klantmanager)
    maatregel(ander, klantmanager, OVERTREDING + dt.timedelta(days=5))
    assert samenloop(dossier) == []
    assert samenloop(ander) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert not aandacht(Inburgeraar.objects.all(), "samenloop").exists()


@pytest.mark.django_db
def test_no_samenloop_once_the_zaak_is_afgezien(dossier, casusregisseur, klantmanager):
    zaak = openen(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    assert samenloop(dossier)
    besluiten(zaak, casusregisseur, afzien())
    assert samenloop(dossier) == []
    assert samenloop_voor_rsd(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(Inburgeraar.objects.all(), "samenloop")


@pytest.mark.pdf
@pytest.mark.django_db
def test_samenloop_stays_after_a_fine(dossier, casusregisseur, klantmanager):
    zaak = openen(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    besluiten(zaak, casusregisseur, boete())
    assert [p.zaak for p in samenloop(dossier)] == [vers(zaak)]
    assert dossier in aandacht(Inburgeraar.objects.all(), "samenloop")


@pytest.mark.django_db
def test_the_samenloop_window_is_a_dated_parameter(
    dossier, casusregisseur, klantmanager
):
    parameter("samenloop_venster_dagen", D(2026, 1, 1), "10")
    openen(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    assert samenloop(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()


@pytest.mark.django_db
def test_a_maatregel_refuses_future_and_inconsistent_dates(dossier, klantmanager):
    error = refused(
        maatregel, dossier, klantmanager, D(2026, 3, 10), besluit_op=D(2026, 3, 9)
    )
    assert "besluit_op" in error.message_dict
    error = refused(maatregel, dossier, klantmanager, D(2099, 1, 1))
    assert "datum_gedraging" in error.message_dict
    assert not dossier.maatregelen.exists()


# --- Waarschuwen ---------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_waarschuwen_makes_a_letter_that_is_not_a_besluit(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    brief = waarschuwen(zaak, casusregisseur, dagtekening=D(2026, 3, 5))

    assert brief.soort == BriefSoort.WAARSCHUWING
    assert brief.handhavingszaak_id == zaak.pk
    assert brief.dagtekening == D(2026, 3, 5)
    assert brief.bezwaar_deadline is None
    assert brief.kenmerk.startswith("WAARS-0299-2026-")
    tekst = pdf_text(brief)
    assert "Niet meewerken aan de brede intake" in tekst
    assert FEITEN in tekst
    assert "1 maart 2026" in tekst
    assert "5 maart 2026" in tekst
    assert "geen besluit" in tekst
    assert "€ 800,00" in tekst

    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.waarschuwing_op == D(2026, 3, 5)

    error = refused(waarschuwen, zaak, casusregisseur)
    assert "één keer" in messages(error)
    assert Brief.objects.filter(soort=BriefSoort.WAARSCHUWING).count() == 1
    assert vers(zaak).waarschuwing_op == D(2026, 3, 5)


@pytest.mark.django_db
def test_no_waarschuwing_after_the_besluit(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, afzien())
    refused(waarschuwen, zaak, casusregisseur)
    assert not Brief.objects.exists()


# --- Besluiten: boete ----------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_boetebeschikking(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    waarschuwen(zaak, casusregisseur, dagtekening=D(2026, 3, 5))
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, casusregisseur, boete("800", D(2026, 4, 20)))

    brief = beschikking(zaak)
    assert brief.soort == BriefSoort.BOETEBESCHIKKING
    assert brief.handhavingszaak_id == zaak.pk
    assert brief.dagtekening == D(2026, 4, 20)
    assert brief.bezwaar_deadline == D(2026, 6, 1)  # 6 weeks after the besluit
    assert brief.kenmerk.startswith("BOETE-0299-2026-")
    tekst = pdf_text(brief)
    assert "€ 800,00" in tekst
    assert "20 april 2026" in tekst
    assert "1 maart 2026" in tekst
    assert "bezwaar" in tekst
    assert "artikelen 22 en 23" in tekst
    assert "uiterlijk 1 juni 2026" in tekst
    assert "10 maart 2026" in tekst  # the zienswijze was weighed
    assert brief.kenmerk in tekst
    assert TOELICHTING in tekst

    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.besluit == BesluitSoort.BOETE
    assert zaak.besluit_op == D(2026, 4, 20)

    for data in (boete("300"), afzien()):
        error = refused(besluiten, zaak, casusregisseur, data)
        assert "al een besluit" in messages(error)
    assert Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).count() == 1
    assert vers(zaak).boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_after_the_besluit_no_rapport_or_zienswijze(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))
    refused(rapport, zaak, casusregisseur, "300")
    refused(zienswijze, zaak, casusregisseur)
    assert vers(zaak).rapport_op is None


# --- Optimistic locking --------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_versie_is_refused_and_changes_nothing(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    oud = zaak.versie
    rapport(zaak, casusregisseur, "500")
    zaak = vers(zaak)
    assert zaak.versie == oud + 1
    gebeurtenissen = Gebeurtenis.objects.count()
    verwerkingen = Verwerking.objects.count()

    with pytest.raises(ValidationError) as exc:
        besluit_nemen(zaak=zaak, versie=oud, acting_user=casusregisseur, **boete("300"))
    assert exc.value.code == "stale"
    with pytest.raises(ValidationError) as exc:
        zienswijze_vastleggen(
            zaak=zaak,
            versie=oud,
            ontvangen=True,
            ontvangen_op=ZIENSWIJZE,
            zienswijze="Te laat gezien.",
            acting_user=casusregisseur,
        )
    assert exc.value.code == "stale"

    na = vers(zaak)
    assert na.versie == oud + 1
    assert na.status == HandhavingStatus.ZIENSWIJZE
    assert na.besluit == "" and na.zienswijze_ontvangen_op is None
    assert na.rapport_op == RAPPORT and na.voorgenomen_bedrag == Decimal("500.00")
    assert not Brief.objects.exists()
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Verwerking.objects.count() == verwerkingen


@pytest.mark.django_db
def test_a_stale_waarschuwing_makes_no_letter(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    with pytest.raises(ValidationError) as exc:
        waarschuwing_versturen(
            zaak=zaak, versie=zaak.versie + 1, acting_user=casusregisseur
        )
    assert exc.value.code == "stale"
    assert not Brief.objects.exists()
    assert vers(zaak).status == HandhavingStatus.OVERTREDING


# --- Gebeurtenis and verwerkingenlog ---------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_every_step_writes_a_gebeurtenis_and_a_verwerking(dossier, casusregisseur):
    def gebeurtenissen():
        return list(
            Gebeurtenis.objects.filter(
                inburgeraar=dossier,
                soort=GebeurtenisSoort.HANDHAVING,
                gebruiker=casusregisseur,
            ).values_list("omschrijving", flat=True)
        )

    def verwerkingen():
        return Verwerking.objects.filter(
            object_id=str(dossier.pk), handeling="Handhaving"
        ).count()

    zaak = openen(dossier, casusregisseur)
    assert len(gebeurtenissen()) == 1 and verwerkingen() == 1
    stappen = [
        lambda: waarschuwen(zaak, casusregisseur),
        lambda: rapport(zaak, casusregisseur, "800"),
        lambda: zienswijze(zaak, casusregisseur),
        lambda: besluiten(zaak, casusregisseur, boete("800")),
        lambda: bezwaar(zaak, casusregisseur, D(2026, 4, 1)),
        lambda: bezwaar_beslissen(zaak, casusregisseur, D(2026, 5, 15)),
    ]
    for n, stap in enumerate(stappen, start=2):
        stap()
        assert len(gebeurtenissen()) == n
        assert verwerkingen() == n
    alle = " | ".join(gebeurtenissen())
    assert "Handhavingszaak gestart: niet meewerken aan de brede intake" in alle
    assert "Schriftelijke waarschuwing verstuurd (WAARS-" in alle
    assert "besluit uiterlijk 1 juni 2026" in alle
    assert "Zienswijze ontvangen op 10 maart 2026" in alle
    assert "Boete opgelegd: € 800,00" in alle
    assert "Bezwaar ontvangen tegen boetebeschikking BOETE-" in alle
    assert "Beslissing op bezwaar tegen de boete: ongegrond" in alle
    # The letters are logged as generated documents besides.
    assert Verwerking.objects.filter(object_id=str(dossier.pk)).count() > verwerkingen()


@pytest.mark.django_db
def test_afzien_and_maatregel_write_a_gebeurtenis_and_a_verwerking(
    dossier, casusregisseur, klantmanager
):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, afzien())
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.HANDHAVING,
        omschrijving="Afgezien van een boete",
    ).exists()
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk),
        handeling="Handhaving",
        actie_naam="Afgezien van een boete",
    ).exists()

    maatregel(dossier, klantmanager, D(2026, 3, 10))
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk),
        actie_naam="Maatregel vastgelegd",
        actor=klantmanager,
    ).exists()


@pytest.mark.django_db
def test_a_refused_step_writes_nothing(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    refused(besluiten, zaak, casusregisseur, boete("900"))
    refused(rapport, zaak, casusregisseur, "900")
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.HANDHAVING).count() == 1
    assert Verwerking.objects.filter(object_id=str(dossier.pk)).count() == 1


# --- Bezwaar -------------------------------------------------------------------------


@pytest.mark.django_db
def test_bezwaar_only_against_a_fine(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    error = refused(bezwaar, zaak, casusregisseur, D(2026, 4, 1))
    assert "boetebeschikking" in messages(error)

    besluiten(zaak, casusregisseur, afzien())
    error = refused(bezwaar, zaak, casusregisseur, D(2026, 4, 1))
    assert "boetebeschikking" in messages(error)
    assert vers(zaak).bezwaar_ontvangen_op is None


@pytest.mark.pdf
@pytest.mark.django_db
def test_bezwaar_dates_are_checked(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))  # besluit 20 March, deadline 1 May
    brief = beschikking(zaak)
    assert brief.bezwaar_deadline == D(2026, 5, 1)

    for ontvangen_op in (D(2026, 3, 19), D(2099, 1, 1), None):
        error = refused(bezwaar, zaak, casusregisseur, ontvangen_op)
        assert "ontvangen_op" in error.message_dict
    assert vers(zaak).bezwaar_ontvangen_op is None
    assert "Registreer eerst" in messages(
        refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 4, 15))
    )

    bezwaar(zaak, casusregisseur, D(2026, 4, 1), gronden=" Het bedrag is te hoog. ")
    zaak = vers(zaak)
    assert zaak.bezwaar_ontvangen_op == D(2026, 4, 1)
    assert zaak.bezwaar_gronden == "Het bedrag is te hoog."
    assert bezwaar_tijdig(zaak, brief) is True
    assert "al geregistreerd" in messages(
        refused(bezwaar, zaak, casusregisseur, D(2026, 4, 2))
    )

    for besluit_op in (D(2026, 3, 31), D(2099, 1, 1), None):
        error = refused(bezwaar_beslissen, zaak, casusregisseur, besluit_op)
        assert "besluit_op" in error.message_dict
    error = refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 5, 15), "x")
    assert "uitkomst" in error.message_dict
    assert vers(zaak).bezwaar_uitkomst == ""

    bezwaar_beslissen(zaak, casusregisseur, D(2026, 5, 15))
    zaak = vers(zaak)
    assert zaak.bezwaar_besluit_op == D(2026, 5, 15)
    assert zaak.bezwaar_uitkomst == BezwaarUitkomst.ONGEGROND
    assert "al beslist" in messages(
        refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 5, 16))
    )


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_late_bezwaar_is_recorded_as_late(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))  # deadline 1 May
    bezwaar(zaak, casusregisseur, D(2026, 5, 2))
    assert bezwaar_tijdig(vers(zaak), beschikking(zaak)) is False
    assert bezwaar_tijdig(vers(zaak), None) is None
    assert Gebeurtenis.objects.filter(
        omschrijving__endswith="(na de bezwaartermijn)"
    ).exists()


# --- Opening -------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_refuses_a_future_date_and_missing_facts(dossier, casusregisseur):
    error = refused(openen, dossier, casusregisseur, datum_overtreding=D(2099, 1, 1))
    assert "datum_overtreding" in error.message_dict
    error = refused(openen, dossier, casusregisseur, feiten="  ", overtreding="x")
    assert {"feiten", "overtreding"} <= set(error.message_dict)
    assert not Handhavingszaak.objects.exists()
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.HANDHAVING).exists()


# --- Scope ---------------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_scope_of_zaken_and_letters(
    dossier, casusregisseur, klantmanager, andere_casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    waarschuwing = waarschuwen(zaak, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, casusregisseur, boete("800"))
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    boetebrief = beschikking(zaak)

    assert list(Handhavingszaak.objects.visible_to(casusregisseur)) == [zaak]
    assert not Handhavingszaak.objects.visible_to(klantmanager).exists()
    assert not Handhavingszaak.objects.visible_to(andere_casusregisseur).exists()
    assert not Handhavingszaak.objects.visible_to(klantmanager).met_samenloop().exists()

    assert set(Brief.objects.visible_to(casusregisseur)) == {waarschuwing, boetebrief}
    klantmanager_brieven = Brief.objects.visible_to(klantmanager)
    assert not klantmanager_brieven.filter(
        soort__in=[BriefSoort.WAARSCHUWING, BriefSoort.BOETEBESCHIKKING]
    ).exists()
    assert not klantmanager_brieven.exists()
    assert not Brief.objects.visible_to(andere_casusregisseur).exists()

    # The klantmanager sees their own maatregel, the andere casusregisseur nothing.
    assert dossier.maatregelen.model.objects.visible_to(klantmanager).count() == 1
    assert not dossier.maatregelen.model.objects.visible_to(
        andere_casusregisseur
    ).exists()
