"""Signals on the werkvoorraad in a real browser: the sweep (in production the
nightly Celery job, here called directly for today) puts "Brede intake niet
gestart" and "PIP-deadline: nog 2 weken" on a casusregisseur's "Te doen" list (not
the signal of a colleague's dossier). The casusregisseur follows the first one to
the dossier and starts the brede intake there; after the next sweep it is gone and
the other one stays. Then they snooze the second one: first without a reason, then
too far ahead, then for a day that is not in the future (each refused with a Dutch
message, what was typed kept), then properly; it leaves "Te doen" and another sweep
does not bring it back. axe-core checks the pages on the way (WCAG 2.1 A/AA).

Dates are relative to the real `timezone.localdate()` (no frozen clock): the live
server's views and the snooze service use the same clock."""

import datetime as dt
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from intake.models import BredeIntake, Inburgeraar, Status
from monitoring.models import Signaal, SignaalSoort
from monitoring.services.signalen import SNOOZE_MAX_DAGEN
from monitoring.signalering import INTAKE_GESTART_BINNEN, sweep
from tests.e2e.stappen import (
    assert_unique_ids,
    gemeld,
    intake_starten,
    klik_en_wacht,
    menu_volgen,
    nl_datum,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory
from tests.monitoring.conftest import intake
from zevenaar_inburgering.accounts.models import Role

pytestmark = pytest.mark.e2e

INTAKE_NIET_GESTART = SignaalSoort.INTAKE_NIET_GESTART
PIP_WEEK_8 = SignaalSoort.PIP_WEEK_8
REDEN = "Wacht op het verslag van de leerbaarheidstoets van de taalaanbieder."
VERPLICHT = "Dit veld is verplicht."
TE_VER = f"U kunt een signaal hoogstens {SNOOZE_MAX_DAGEN} dagen uitstellen."
NIET_NA_VANDAAG = "Kies een datum na vandaag."
GEEN_SIGNALEN = "Geen signalen: er is vandaag niets dat uw aandacht vraagt."


def dossier_met_datums(gemeente, casusregisseur, *, kennisgeving, **velden):
    """A dossier whose DUO-kennisgeving and BRP-inschrijving are on `kennisgeving`,
    with the PIP deadline computed from them as the services do."""
    dossier = InburgeraarFactory(
        gemeente=gemeente,
        casusregisseur=casusregisseur,
        datum_kennisgeving=kennisgeving,
        datum_brp_inschrijving=kennisgeving,
        **velden,
    )
    dossier.refresh_pip_deadline()
    dossier.save()
    return dossier


@pytest.fixture
def signaal_situatie(zevenaar, casusregisseur):
    """Three Zevenaar dossiers, after the sweep of today:

    - Amal Haddad (ours): kennisgeving 5 weeks ago, no brede intake, so "Brede
      intake niet gestart" (due a week ago); her PIP deadline is 5 weeks away;
    - Yonas Tesfay (ours): kennisgeving 9 weeks ago, intake started, so the PIP
      deadline is a week away: "PIP-deadline: nog 2 weken (week 8)";
    - Farid Karimi (a colleague's): no intake either; his signal is the colleague's
      and is not on our "Te doen" list.
    """
    vandaag = timezone.localdate()
    collega = UserFactory(
        username="casus.collega", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )
    haddad = dossier_met_datums(
        zevenaar,
        casusregisseur,
        kennisgeving=vandaag - dt.timedelta(weeks=5),
        voornamen="Amal",
        achternaam="Haddad",
    )
    tesfay = dossier_met_datums(
        zevenaar,
        casusregisseur,
        kennisgeving=vandaag - dt.timedelta(weeks=9),
        voornamen="Yonas",
        achternaam="Tesfay",
        status=Status.INTAKE_LOOPT,
    )
    intake(tesfay, casusregisseur, gestart_op=vandaag - dt.timedelta(weeks=7))
    karimi = dossier_met_datums(
        zevenaar,
        collega,
        kennisgeving=vandaag - dt.timedelta(weeks=5),
        voornamen="Farid",
        achternaam="Karimi",
    )
    assert tesfay.pip_deadline == vandaag + dt.timedelta(weeks=1)

    resultaat = sweep(vandaag)

    assert resultaat[INTAKE_NIET_GESTART] == 2  # Haddad and Karimi
    assert resultaat[PIP_WEEK_8] == 1  # Tesfay
    assert Signaal.objects.count() == 3, list(Signaal.objects.all())
    return {
        "vandaag": vandaag,
        "haddad": haddad,
        "tesfay": tesfay,
        "karimi": karimi,
        "intake_signaal": Signaal.objects.get(
            soort=INTAKE_NIET_GESTART, inburgeraar=haddad
        ),
        "pip_signaal": Signaal.objects.get(soort=PIP_WEEK_8, inburgeraar=tesfay),
    }


def regel(te_doen, dossier):
    """The item of `dossier` on the "Te doen" list."""
    return te_doen.locator("li").filter(
        has=te_doen.page.get_by_role("link", name=dossier.naam, exact=True)
    )


def test_casusregisseur_resolves_and_snoozes_signals(
    live_server, login, casusregisseur, signaal_situatie
):
    s = signaal_situatie
    vandaag = s["vandaag"]
    haddad, tesfay = s["haddad"], s["tesfay"]
    intake_signaal, pip_signaal = s["intake_signaal"], s["pip_signaal"]
    werkvoorraad_url = f"{live_server.url}/werkvoorraad/"
    uitstellen_url = f"{live_server.url}/signalen/{pip_signaal.pk}/uitstellen/"
    assert intake_signaal.vervaldatum == (
        haddad.datum_kennisgeving + INTAKE_GESTART_BINNEN
    )
    assert pip_signaal.vervaldatum == tesfay.pip_deadline

    # --- Login: the werkvoorraad with both signals -----------------------------------
    page = login(casusregisseur)
    expect(page).to_have_url(werkvoorraad_url)
    expect(page).to_have_title("Werkvoorraad — Liemers Inburgering")
    te_doen = page.get_by_role("region", name="Te doen")
    items = te_doen.locator("li")
    expect(items).to_have_count(2)
    # Ordered by vervaldatum: the overdue intake first (red), then the PIP (amber).
    expect(items.nth(0)).to_contain_text(
        f"{nl_datum(intake_signaal.vervaldatum)} Amal Haddad: Brede intake niet gestart"
    )
    expect(items.nth(0).locator(".badge")).to_have_class(re.compile("text-bg-danger"))
    expect(items.nth(1)).to_contain_text(
        f"{nl_datum(pip_signaal.vervaldatum)} Yonas Tesfay: "
        "PIP-deadline: nog 2 weken (week 8)"
    )
    expect(items.nth(1).locator(".badge")).to_have_class(re.compile("text-bg-warning"))
    expect(
        te_doen.get_by_role("link", name="Amal Haddad", exact=True)
    ).to_have_attribute("href", f"/dossiers/{haddad.pk}/")
    expect(
        te_doen.get_by_role("link", name="Yonas Tesfay", exact=True)
    ).to_have_attribute("href", f"/dossiers/{tesfay.pk}/")
    # The colleague's dossier is in the list of dossiers, its signal not in "Te doen".
    expect(page.get_by_role("link", name="Karimi, Farid")).to_be_visible()
    expect(te_doen).not_to_contain_text("Karimi")
    # Each snooze form is closed until its "Uitstellen" is opened.
    expect(te_doen.get_by_label("Reden")).to_have_count(2)
    expect(te_doen.get_by_label("Reden").first).to_be_hidden()
    assert_accessible(page, "de werkvoorraad met twee signalen")
    regel(te_doen, tesfay).locator("summary").click()
    expect(regel(te_doen, tesfay).get_by_label("Reden")).to_be_visible()
    assert_accessible(page, "de werkvoorraad met een uitstelformulier open")
    # One snooze form per signal: the prefix keeps the fields' ids apart.
    assert_unique_ids(page, "de werkvoorraad met twee signalen")

    # --- The first signal: follow it to the dossier and start the brede intake -------
    klik_en_wacht(page, te_doen.get_by_role("link", name="Amal Haddad", exact=True))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{haddad.pk}/")
    intake_starten(page, live_server, haddad)
    assert_accessible(page, "de intakepagina na het starten")
    nieuwe_intake = BredeIntake.objects.get(inburgeraar=haddad)
    assert nieuwe_intake.gestart_op == vandaag
    assert nieuwe_intake.gestart_door == casusregisseur
    assert Inburgeraar.objects.get(pk=haddad.pk).status == Status.INTAKE_LOOPT

    # Starting the intake resolves nothing by itself: the (nightly) sweep does.
    resultaat = sweep(vandaag)
    assert resultaat["opgelost"] == 1
    assert sum(resultaat[str(soort)] for soort in SignaalSoort) == 0  # nothing new
    intake_signaal.refresh_from_db()
    assert intake_signaal.opgelost_op is not None
    pip_signaal.refresh_from_db()
    assert pip_signaal.is_open

    menu_volgen(page, "Werkvoorraad")
    expect(page).to_have_url(werkvoorraad_url)
    expect(items).to_have_count(1)
    expect(te_doen).not_to_contain_text("Brede intake niet gestart")
    expect(te_doen).not_to_contain_text("Amal Haddad")
    expect(items.first).to_contain_text(
        "Yonas Tesfay: PIP-deadline: nog 2 weken (week 8)"
    )
    assert_accessible(page, "de werkvoorraad met één signaal")

    # --- Snooze the second signal: without a reason ----------------------------------
    tot = vandaag + dt.timedelta(days=14)
    pip_regel = regel(te_doen, tesfay)
    pip_regel.locator("summary").click()
    formulier = pip_regel.locator("form")
    formulier.get_by_label("Uitstellen tot").fill(tot.isoformat())
    formulier.get_by_label("Reden").fill("")
    klik_en_wacht(page, formulier.get_by_role("button", name="Uitstellen", exact=True))

    expect(page).to_have_url(uitstellen_url)
    expect(page).to_have_title("Fout: Werkvoorraad — Liemers Inburgering")
    # The form of the signal with the error is open, with the message and the date.
    expect(pip_regel.locator("details")).to_have_attribute("open", "")
    expect(formulier).to_contain_text(VERPLICHT)
    expect(formulier.get_by_label("Reden")).to_have_attribute("aria-invalid", "true")
    expect(formulier.get_by_label("Uitstellen tot")).to_have_value(tot.isoformat())
    pip_signaal.refresh_from_db()
    assert pip_signaal.gesnoozed_tot is None
    assert pip_signaal.snooze_reden == ""
    assert_accessible(page, "de werkvoorraad met een fout: geen reden")
    assert_unique_ids(page, "de werkvoorraad met een fout")

    # --- Too far ahead: refused by the service, the reason kept ----------------------
    te_ver = vandaag + dt.timedelta(days=SNOOZE_MAX_DAGEN + 1)
    formulier.get_by_label("Uitstellen tot").fill(te_ver.isoformat())
    formulier.get_by_label("Reden").fill(REDEN)
    klik_en_wacht(page, formulier.get_by_role("button", name="Uitstellen", exact=True))
    expect(page).to_have_url(uitstellen_url)
    expect(page).to_have_title("Fout: Werkvoorraad — Liemers Inburgering")
    expect(formulier).to_contain_text(TE_VER)
    expect(formulier).not_to_contain_text(VERPLICHT)
    expect(formulier.get_by_label("Uitstellen tot")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(formulier.get_by_label("Uitstellen tot")).to_have_value(te_ver.isoformat())
    expect(formulier.get_by_label("Reden")).to_have_value(REDEN)
    pip_signaal.refresh_from_db()
    assert pip_signaal.gesnoozed_tot is None
    assert_accessible(page, "de werkvoorraad met een fout: te ver vooruit")

    # --- Today is not a day to snooze until ------------------------------------------
    formulier.get_by_label("Uitstellen tot").fill(vandaag.isoformat())
    klik_en_wacht(page, formulier.get_by_role("button", name="Uitstellen", exact=True))
    expect(page).to_have_url(uitstellen_url)
    expect(formulier).to_contain_text(NIET_NA_VANDAAG)
    expect(formulier.get_by_label("Reden")).to_have_value(REDEN)
    pip_signaal.refresh_from_db()
    assert pip_signaal.gesnoozed_tot is None

    # --- Properly: two weeks, with the reason ----------------------------------------
    formulier.get_by_label("Uitstellen tot").fill(tot.isoformat())
    klik_en_wacht(page, formulier.get_by_role("button", name="Uitstellen", exact=True))
    expect(page).to_have_url(f"{werkvoorraad_url}#te-doen")
    expect(page).to_have_title("Werkvoorraad — Liemers Inburgering")
    gemeld(page, "Het signaal is uitgesteld.")
    expect(items).to_have_count(0)
    expect(te_doen).to_contain_text(GEEN_SIGNALEN)
    pip_signaal.refresh_from_db()
    assert pip_signaal.gesnoozed_tot == tot
    assert pip_signaal.snooze_reden == REDEN
    assert pip_signaal.is_open  # put aside, not resolved
    # Back on the "te doen" list on the day it was snoozed until, not before.
    snoozed = Signaal.objects.filter(pk=pip_signaal.pk)
    assert not snoozed.te_doen(tot - dt.timedelta(days=1)).exists()
    assert snoozed.te_doen(tot).exists()
    assert_accessible(page, "de werkvoorraad zonder signalen")

    # The next sweep neither resolves nor un-snoozes it.
    resultaat = sweep(vandaag)
    assert resultaat["opgelost"] == 0
    assert resultaat["heropend"] == 0
    pip_signaal.refresh_from_db()
    assert pip_signaal.is_open
    assert pip_signaal.gesnoozed_tot == tot
    assert pip_signaal.snooze_reden == REDEN
    page.reload()
    expect(te_doen).to_contain_text(GEEN_SIGNALEN)
    expect(items).to_have_count(0)
