"""The dossier header (issue 19 items 4 and 6): the same facts on every dossier tab,
from the same sources as the werkvoorraad, so the header, the tabs and the list
cannot disagree."""

import datetime as dt
import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

import pytest
from freezegun import freeze_time

from intake.models import WetRegime
from leerroutes.routestand import routestand_bijwerken
from tests.factories.leerroutes import taalaanbieder
from tests.leerroutes.scenario import pip_vastgesteld, toewijzen
from zevenaar_inburgering.dossierkop import kopregels

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]  # vaststellen renders the PIP

TABS = (
    "monitoring:dossier",
    "intake:brede_intake",
    "pip_plans:pip",
    "leerroutes:route",
    "leerroutes:participatie",
    "pip_plans:ontzorgen",
    "pip_plans:handhaving",
    "pip_plans:documenten",
)
TERMIJN_EINDE = dt.date(2029, 3, 1)  # scenario: the termijn 2 March 2026 – 1 March 2029


def kop(html: str) -> str:
    """The header with the tabs, as the page writes it."""
    gevonden = re.search(r'<div class="dossierkop .*?</nav>', html, re.S)
    assert gevonden, "no dossier header on the page"
    return gevonden.group(0)


def tekst(regels) -> dict[str, str]:
    return {r.label: " ".join(re.sub(r"<[^>]+>", "", r.waarde).split()) for r in regels}


@freeze_time("2027-06-01 10:00")
def test_every_tab_shows_the_same_header(client_for, dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    aanbieder = taalaanbieder()
    toewijzen(dossier, aanbieder, casusregisseur)
    routestand_bijwerken([dossier.pk], vandaag=dt.date(2027, 6, 1))
    client = client_for(casusregisseur)
    koppen = {
        naam: kop(client.get(reverse(naam, args=[dossier.pk])).content.decode())
        for naam in TABS
    }
    # Identical but for the active tab.
    zonder_actief = {
        re.sub(r' active" aria-current="page"', '"', k) for k in koppen.values()
    }
    assert len(zonder_actief) == 1
    eerste = koppen["monitoring:dossier"]
    dossier.refresh_from_db()
    for verwacht in (
        dossier.bsn_gemaskeerd,
        dossier.get_status_display(),
        "B1-route",
        "tot en met 1 maart 2029",
        f"bij {aanbieder.naam}",
        str(casusregisseur),
    ):
        # As the page writes it: a name such as "van 't Hof" is escaped.
        assert escape(verwacht) in eerste, verwacht
    assert dossier.bsn not in eerste


def test_the_termijn_end_reads_verstreken_from_the_day_after(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    dossier.refresh_from_db()
    laatste_dag = tekst(kopregels(dossier, user=casusregisseur, vandaag=TERMIJN_EINDE))
    assert laatste_dag["Termijn"] == "tot en met 1 maart 2029"
    erna = tekst(
        kopregels(
            dossier, user=casusregisseur, vandaag=TERMIJN_EINDE + dt.timedelta(days=1)
        )
    )
    assert erna["Termijn"] == "verstreken liep tot en met 1 maart 2029"
    assert erna["Route"] == "B1-route"
    assert "PIP-deadline" not in erna  # vastgesteld: the termijn is what counts


@freeze_time("2026-12-07")
def test_before_the_pip_the_header_shows_the_werkvoorraad_s_deadline(
    dossier, casusregisseur
):
    dossier.datum_kennisgeving = dt.date(2026, 11, 2)
    dossier.save()
    dossier.refresh_pip_deadline()
    dossier.refresh_from_db()
    regels = {
        r.label: r.waarde
        for r in kopregels(dossier, user=casusregisseur, vandaag=dt.date(2026, 12, 7))
    }
    assert regels["PIP-deadline"] == render_to_string(
        "intake/_pip_deadline.html", {"dossier": dossier}
    )
    assert "Termijn" not in regels and "Route" not in regels


def test_without_a_traject_the_header_does_not_say_op_koers(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    routestand_bijwerken([dossier.pk], vandaag=dt.date(2026, 5, 1))
    dossier.refresh_from_db()
    regels = tekst(kopregels(dossier, user=casusregisseur, vandaag=dt.date(2026, 5, 1)))
    assert regels["Traject"] == "geen lopend traject"
    assert regels["Op koers"] == "Risico"


def test_a_wi2013_dossier_shows_its_law_and_no_wi2021_dates(dossier, casusregisseur):
    dossier.wet_regime = WetRegime.WI2013
    dossier.start_inburgeringsplicht = dt.date(2021, 6, 1)
    dossier.save()
    regels = tekst(
        kopregels(dossier, user=casusregisseur, vandaag=dt.date(2026, 12, 7))
    )
    assert regels["Wet"] == "Wet inburgering (2013)"
    assert not {"PIP-deadline", "Termijn", "Route", "Op koers"} & regels.keys()
