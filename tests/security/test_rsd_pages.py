"""The RSD klantmanager's reach (issue 5, SECURITY AC-03/AC-04): for every URL under
/rsd/ another klantmanager's client is a 404, and a marker placed in every health,
intake-note and handhaving text never appears in any page or PDF a klantmanager can
reach. The walk covers every URL pattern of the project (tests/urlwalk.py), so a new
page is covered without anybody remembering it."""

import datetime as dt

from django.db import models
from django.urls import reverse

import pytest

from intake.models import (
    BredeIntake,
    Gesprek,
    IntakeGezondheid,
    IntakeOnderdeel,
    Notitie,
)
from leerroutes.models import Voortgangsgesprek
from leerroutes.services.participatie import activiteit_vastleggen
from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.models import Brief, BriefSoort, Handhavingszaak, Maatregel
from pip_plans.ontzorgen.services import (
    ontzorging_starten,
    ontzorgingsbeschikking_opmaken,
)
from tests.factories.intake import GesprekFactory, NotitieFactory, klaar_voor_pip
from tests.factories.pip_plans import (
    pip_vaststellen,
    vaste_lasten_invullen,
    zaak_tot_boete,
)
from tests.security.test_ac04_health import body_text
from tests.urlwalk import DUMMY, all_urls

pytestmark = pytest.mark.django_db

MARKER = "GEHEIM-RSD-5b2d"
# Every text of these models is health, an intake narrative or handhaving.
GEHEIME_MODELLEN = [
    IntakeGezondheid,
    BredeIntake,
    Gesprek,
    IntakeOnderdeel,
    Notitie,
    Handhavingszaak,
]


def markeer(model) -> None:
    """The marker in every text field of every row of `model`."""
    velden = {
        f.name: models.Value(f"{MARKER} {f.name}")
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField)
    }
    model.objects.update(**velden)


@pytest.fixture
def client_compleet(dossier, casusregisseur, klantmanager):
    """`dossier` (a client of `klantmanager`) with an intake, notes, a PIP, an
    ontzorgen period with its beschikking, a handhavingszaak up to the boete with
    its letters, a maatregel in samenloop and an attended voortgangsgesprek."""
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur)
    intake = dossier.intakes.get()
    GesprekFactory(intake=intake)
    NotitieFactory(inburgeraar=dossier, auteur=casusregisseur)

    ontzorging = ontzorging_starten(
        inburgeraar=dossier, startdatum=dt.date(2026, 2, 1), acting_user=casusregisseur
    )
    vaste_lasten_invullen(ontzorging, klantmanager)
    ontzorgingsbeschikking_opmaken(ontzorging=ontzorging, acting_user=casusregisseur)

    zaak_tot_boete(dossier, casusregisseur, lambda veld: f"{MARKER} {veld}")
    maatregel_vastleggen(
        inburgeraar=dossier,
        grond="re_integratie",
        datum_gedraging=dt.date(2026, 4, 3),
        omschrijving="Niet verschenen bij het werkleerbedrijf",
        besluit_op=dt.date(2026, 4, 20),
        acting_user=klantmanager,
    )
    activiteit_vastleggen(
        inburgeraar=dossier,
        data={
            "soort": "vrijwilligerswerk",
            "organisatie": "Voedselbank",
            "start": dt.date(2026, 3, 1),
        },
        acting_user=casusregisseur,
    )
    Voortgangsgesprek.objects.create(
        inburgeraar=dossier,
        gepland_op=dt.date(2026, 6, 10),
        gehouden_op=dt.date(2026, 6, 10),
        rsd_klantmanager_aanwezig=True,
        verslag=f"{MARKER} verslag",
        afspraken="Zoekt vrijwilligerswerk",
        vastgelegd_door=casusregisseur,
    )
    for model in GEHEIME_MODELLEN:
        markeer(model)
    return dossier


def kandidaten(dossier) -> dict[str, str]:
    """Every object id a URL of this client's pages can take."""
    ids = {"dossier": dossier.pk}
    for brief in Brief.objects.filter(inburgeraar=dossier):
        ids[brief.soort] = brief.pk
    ids["zaak"] = Handhavingszaak.objects.get(inburgeraar=dossier).pk
    ids["maatregel"] = Maatregel.objects.get(inburgeraar=dossier).pk
    ids["activiteit"] = dossier.participatieactiviteiten.get().pk
    ids["vaste_last"] = dossier.ontzorging.vaste_lasten.first().pk
    ids["pip"] = dossier.pips.get().pk
    ids["beschikking"] = dossier.beschikkingen.get().pk
    return {naam: str(pk) for naam, pk in ids.items()}


def paden(dossier):
    """(name, route, path) for every URL, once per candidate id where it takes one."""
    ids = kandidaten(dossier)
    for route, name, path in all_urls():
        if DUMMY["uuid"] in path:
            for pk in ids.values():
                yield name, route, path.replace(DUMMY["uuid"], pk)
        else:
            yield name, route, path


@pytest.mark.pdf
def test_rsd_klantmanager_never_sees_health_intake_notes_or_handhaving(
    client_for, klantmanager, client_compleet
):
    dossier = client_compleet
    # The markers are really there, in the rows and in the handhaving letters.
    assert IntakeGezondheid.objects.filter(trauma__startswith=MARKER).exists()
    assert Handhavingszaak.objects.filter(feiten__startswith=MARKER).exists()
    client = client_for(klantmanager)
    bereikt = set()
    for name, _route, path in paden(dossier):
        response = client.get(path)
        assert MARKER not in body_text(response), (name, path)
        if response.status_code == 200:
            bereikt.add(name)
    # The walk reached the klantmanager's pages and the ontzorgingsbeschikking...
    assert {
        "intake:rsd_klanten",
        "leerroutes:rsd_klant",
        "leerroutes:rsd_route",
        "pip_plans:rsd_ontzorgen",
        "pip_plans:rsd_maatregelen",
        "pip_plans:brief_pdf",
    } <= bereikt
    # ... but never a handhaving letter.
    ids = kandidaten(dossier)
    for soort in (BriefSoort.WAARSCHUWING, BriefSoort.BOETEBESCHIKKING):
        url = reverse("pip_plans:brief_pdf", args=[ids[soort]])
        assert client.get(url).status_code == 404


@pytest.mark.pdf
def test_samenloop_warning_on_both_sides_without_handhaving_details(
    client_for, klantmanager, casusregisseur, client_compleet
):
    dossier = client_compleet
    for url in (
        reverse("leerroutes:rsd_klant", args=[dossier.pk]),
        reverse("pip_plans:rsd_maatregelen", args=[dossier.pk]),
    ):
        html = client_for(klantmanager).get(url).content.decode()
        assert "amenloop" in html, url
        assert "€ 800" not in html and MARKER not in html, url
    html = (
        client_for(casusregisseur)
        .get(reverse("pip_plans:handhaving", args=[dossier.pk]))
        .content.decode()
    )
    assert "amenloop" in html


@pytest.mark.pdf
def test_every_rsd_url_is_a_404_for_another_klantmanager(
    client_for, andere_klantmanager, client_compleet
):
    client = client_for(andere_klantmanager)
    rsd = [(n, p) for n, route, p in paden(client_compleet) if route.startswith("rsd/")]
    assert len({n for n, _ in rsd}) >= 8  # klanten, klant, route, ontzorgen, ...
    for name, path in rsd:
        if name == "intake:rsd_klanten":  # their own (empty) caseload
            assert client_compleet.achternaam not in client.get(path).content.decode()
            continue
        assert client.get(path).status_code in (404, 405), (name, path)
        assert client.post(path, {}).status_code in (404, 405), (name, path)
