"""LG-05: a refused request for somebody's data is logged with actor and target.

Every URL pattern whose arguments name an object is requested, with the ids of a
dossier the requester may not see and of its related objects, by an RSD
klantmanager (the dossier is another klantmanager's client) and by another
gemeente's casusregisseur. Each answers 403 or 404 and writes exactly one
`geweigerd` row naming the requester and that dossier's betrokkene. Objects that
belong to nobody in particular (an import, a report, a meeting, a letter text)
write no row but a line on the "zevenaar_inburgering.security" logger.

The refusals are logged in one place, verwerkingen.middleware
.GeweigerdeToegangMiddleware; the URL walk makes a new URL part of this test
without anybody remembering it. The Django admin (`beheer/`) is left out: only
staff reach it, everybody else is redirected to the login page (AC-01).
"""

import datetime as dt
import logging
from unittest import mock

from django.db import DatabaseError
from django.urls import get_resolver, reverse

import pytest

from intake.models import Document, DuoImport
from leerroutes.models import (
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    UrenImport,
    Verwijzing,
    Voortgangsgesprek,
)
from monitoring.models import Ketenoverleg, Kwartaalrapport, Signaal
from pip_plans.models import (
    Brief,
    Brieftekst,
    BrieftekstSoort,
    Brievenbundel,
    Ontzorging,
    VasteLast,
)
from tests.factories.accounts import UserFactory
from tests.factories.intake import (
    BredeIntakeFactory,
    InburgeraarFactory,
    WerkervaringFactory,
)
from tests.factories.leerroutes import taalaanbieder
from tests.factories.pip_plans import BezwaarFactory
from tests.monitoring.conftest import handhavingszaak, termijn
from tests.urlwalk import _walk
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.log import bsn_hash
from zevenaar_inburgering.verwerkingen.middleware import (
    named_arguments,
    refusal_targets,
)
from zevenaar_inburgering.verwerkingen.models import Resultaat, Verwerking

pytestmark = pytest.mark.django_db

SECURITY_LOGGER = "zevenaar_inburgering.security"


def refusal_lines(caplog) -> list:
    """The refusals on the security logger (it carries login events too)."""
    return [
        r
        for r in caplog.records
        if r.name == SECURITY_LOGGER and r.getMessage() == "Toegang geweigerd"
    ]


def object_urls() -> list[tuple[str, str]]:
    """(url name, route) of every pattern outside the admin that takes arguments."""
    return [
        (name, route)
        for route, name, _ in _walk(get_resolver().url_patterns)
        if "<" in route and not route.startswith("beheer/")
    ]


OBJECT_URLS = object_urls()

# What each URL argument names, by the path segment in front of it: a key of
# `world` below. "Nobody's" objects are those of no single person.
PERSOONLIJK = {
    "dossiers": "dossier",
    "klanten": "dossier",
    "werkervaring": "werkervaring",
    "pip": "pip",
    "beschikkingen": "beschikking",
    "bezwaren": "bezwaar",
    "brieven": "brief",
    "brievenbundels": "brievenbundel",
    "lasten": "vaste_last",
    "handhaving": "handhavingszaak",
    "participatie": "activiteit",
    "activiteiten": "activiteit",
    "verwijzingen": "verwijzing",
    "voortgangsgesprekken": "voortgangsgesprek",
    "signalen": "signaal",
    "documenten": "document",
}
VAN_NIEMAND = {
    "duo-signalen": "duo_import",
    "uren-import": "uren_import",
    "ketenoverleg": "ketenoverleg",
    "kwartaalrapporten": "kwartaalrapport",
    # A letter text of a gemeente (issue 20 item 2): no person data.
    "briefteksten": "brieftekst",
}


def soort(route: str) -> str:
    """ "persoonlijk" when the route names an object of one person, else "niemand"."""
    segments = {segment for segment, _ in named_arguments(route)}
    return "persoonlijk" if segments & PERSOONLIJK.keys() else "niemand"


@pytest.fixture
def world(zevenaar, casusregisseur, andere_klantmanager):
    """A Zevenaar dossier with bijstand, RSD client of `andere_klantmanager`, with one
    of every object a URL can name; and the objects of nobody in particular, all of
    Zevenaar and uploaded or made by its casusregisseur."""
    user = casusregisseur
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=user,
        rsd_klantmanager=andere_klantmanager,
        met_bijstand=True,
        achternaam="Doelwit",
    )
    intake = BredeIntakeFactory(inburgeraar=dossier)
    beschikking = termijn(
        dossier, user, einddatum=dt.date(2029, 3, 1)
    ).eerste_beschikking
    ontzorging = Ontzorging.objects.create(
        inburgeraar=dossier,
        startdatum=dt.date(2026, 4, 1),
        duur_maanden=6,
        einddatum=dt.date(2026, 10, 1),
        aangemaakt_door=user,
    )
    ketenpartner = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort=OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING
    )
    ketenoverleg = Ketenoverleg.objects.create(
        datum=dt.date(2026, 5, 1), onderwerp="Keten", vastgelegd_door=user
    )
    ketenoverleg.gemeenten.add(zevenaar)
    return {
        "dossier": dossier,
        "werkervaring": WerkervaringFactory(intake=intake),
        # Written directly, like the letter below: the service would log it.
        "document": Document.objects.create(
            inburgeraar=dossier,
            soort="diploma",
            datum=dt.date(2026, 3, 1),
            bestandsnaam="diploma.pdf",
            inhoudstype="application/pdf",
            grootte=1,
            bestand="documenten/test.pdf",
            sha256="0" * 64,
            toegevoegd_door=user,
        ),
        "pip": beschikking.pip,
        "beschikking": beschikking,
        "bezwaar": BezwaarFactory(
            beschikking=beschikking,
            ontvangen_op=dt.date(2026, 3, 20),
            geregistreerd_door=user,
        ),
        "brief": Brief.objects.create(
            inburgeraar=dossier,
            ontzorging=ontzorging,
            soort="ontzorgingsbeschikking",
            kenmerk="ONTZ-TEST-1",
            dagtekening=dt.date(2026, 4, 1),
            verzenddatum=dt.date(2026, 4, 1),
            pdf="brieven/test.pdf",
            sha256="0" * 64,
            aangemaakt_door=user,
        ),
        # A bundle with that letter's twin, written directly as well.
        "brievenbundel": Brief.objects.create(
            inburgeraar=dossier,
            soort="uitnodiging_intake",
            bundel=Brievenbundel.objects.create(
                soort="uitnodiging_intake",
                pdf="brieven/bundels/test.pdf",
                sha256="0" * 64,
                aangemaakt_door=user,
            ),
            kenmerk="UITN-TEST-1",
            dagtekening=dt.date(2026, 3, 1),
            verzenddatum=dt.date(2026, 3, 1),
            pdf="brieven/test-uitnodiging.pdf",
            sha256="0" * 64,
            aangemaakt_door=user,
        ).bundel,
        "vaste_last": VasteLast.objects.create(
            ontzorging=ontzorging, inburgeraar=dossier, soort="huur"
        ),
        "handhavingszaak": handhavingszaak(dossier, user),
        "activiteit": Participatieactiviteit.objects.create(
            inburgeraar=dossier,
            soort="vrijwilligerswerk",
            organisatie="Voedselbank",
            start=dt.date(2026, 5, 1),
            vastgelegd_door=user,
        ),
        "verwijzing": Verwijzing.objects.create(
            inburgeraar=dossier,
            ketenpartner=ketenpartner,
            reden="Hulp bij administratie.",
            verstuurd_op=dt.date(2026, 5, 1),
            status_op=dt.date(2026, 5, 1),
            aangemaakt_door=user,
        ),
        "voortgangsgesprek": Voortgangsgesprek.objects.create(
            inburgeraar=dossier, gepland_op=dt.date(2026, 9, 1), vastgelegd_door=user
        ),
        "signaal": Signaal.objects.create(
            soort="pip_week_6",
            inburgeraar=dossier,
            object_type="intake.Inburgeraar",
            object_id=str(dossier.pk),
            vervaldatum=dt.date(2026, 6, 1),
        ),
        "duo_import": DuoImport.objects.create(
            bestandsnaam="duo.csv", geupload_door=user
        ),
        "uren_import": UrenImport.objects.create(
            aanbieder=taalaanbieder(contract=False),
            bestandsnaam="uren.csv",
            geupload_door=user,
            status="geimporteerd",
        ),
        "ketenoverleg": ketenoverleg,
        "kwartaalrapport": Kwartaalrapport.objects.create(
            jaar=2026, kwartaal=1, gemeente=zevenaar
        ),
        # Every gemeente has its published version 1 of each letter text.
        "brieftekst": Brieftekst.objects.get(
            gemeente=zevenaar, soort=BrieftekstSoort.UITNODIGING_INTAKE, versie=1
        ),
    }


def url_for(route_name: str, route: str, world: dict) -> str:
    kwargs = {}
    for segment, kwarg in named_arguments(route):
        key = PERSOONLIJK.get(segment) or VAN_NIEMAND.get(segment)
        assert key, f"{route}: say in PERSOONLIJK or VAN_NIEMAND what {segment} is"
        kwargs[kwarg] = world[key].pk
    return reverse(route_name, kwargs=kwargs)


def request(client, url):
    """GET, or POST for a view that only takes POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def geweigerd():
    return Verwerking.objects.filter(resultaat=Resultaat.GEWEIGERD)


@pytest.fixture(params=["klantmanager", "andere_casusregisseur"])
def requester(request):
    """A user who may not see `world`'s dossier: an RSD klantmanager of another
    client, and the casusregisseur of another gemeente."""
    return request.getfixturevalue(request.param)


def test_lg05_the_walk_finds_the_object_urls():
    assert len(OBJECT_URLS) > 60
    assert {soort(route) for _, route in OBJECT_URLS} == {"persoonlijk", "niemand"}


def test_lg05_every_url_argument_is_classified_for_the_middleware():
    """A new kind of object in a URL must be declared in an app's refusal_targets (and here)."""
    segments = {s for _, route in OBJECT_URLS for s, _ in named_arguments(route)}
    assert segments <= refusal_targets().keys(), segments - refusal_targets().keys()
    assert segments == PERSOONLIJK.keys() | VAN_NIEMAND.keys()
    for segment in PERSOONLIJK:
        assert refusal_targets()[segment] is not None, segment
    for segment in VAN_NIEMAND:
        assert refusal_targets()[segment] is None, segment


@pytest.mark.parametrize(
    ("url_name", "route"),
    [u for u in OBJECT_URLS if soort(u[1]) == "persoonlijk"],
    ids=[name for name, route in OBJECT_URLS if soort(route) == "persoonlijk"],
)
def test_lg05_refused_access_to_a_persons_object_is_logged_once(
    client_for, world, requester, url_name, route
):
    url = url_for(url_name, route, world)
    client = client_for(requester)
    before = Verwerking.objects.count()

    response = request(client, url)

    assert response.status_code in (403, 404), (url, response.status_code)
    assert "Doelwit" not in response.content.decode()
    assert Verwerking.objects.count() == before + 1
    row = geweigerd().get()
    assert row.actor == requester
    assert row.actor_rol == requester.role
    assert row.betrokkene_id == bsn_hash(world["dossier"].bsn)
    assert row.object_id == str(world["dossier"].pk)
    assert row.gemeente_id == world["dossier"].gemeente_id
    assert url_name in row.actie_naam and str(response.status_code) in row.actie_naam


@pytest.mark.parametrize(
    ("url_name", "route"),
    [u for u in OBJECT_URLS if soort(u[1]) == "niemand"],
    ids=[name for name, route in OBJECT_URLS if soort(route) == "niemand"],
)
def test_lg05_refused_access_to_nobodys_object_goes_to_the_security_log(
    client_for, world, requester, url_name, route, caplog
):
    url = url_for(url_name, route, world)
    client = client_for(requester)
    caplog.set_level(logging.WARNING, logger=SECURITY_LOGGER)

    response = request(client, url + "?pagina=2")

    assert response.status_code in (403, 404), (url, response.status_code)
    assert not Verwerking.objects.exists()
    [record] = refusal_lines(caplog)
    assert record.data == {
        "actor_id": requester.pk,
        "path": url,  # without the query string
        "status": response.status_code,
        "view": url_name,
    }


def test_lg05_another_gemeentes_letter_text_goes_to_the_security_log(
    client_for, world, duiven, caplog
):
    """Functioneel beheer of Duiven asking for a letter text of Zevenaar: refused
    by scope (404), not by role; a letter text is nobody's, so no row, a line."""
    beheerder = UserFactory(
        username="beheer.duiven", role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[duiven]
    )
    client = client_for(beheerder)
    caplog.set_level(logging.WARNING, logger=SECURITY_LOGGER)
    url = reverse("pip_plans:brieftekst", args=[world["brieftekst"].pk])

    response = client.get(url)

    assert response.status_code == 404
    assert not Verwerking.objects.exists()
    [record] = refusal_lines(caplog)
    assert record.data == {
        "actor_id": beheerder.pk,
        "path": url,
        "status": 404,
        "view": "pip_plans:brieftekst",
    }


def test_lg05_a_dossier_that_does_not_exist_goes_to_the_security_log(
    client_for, dossier, casusregisseur, caplog
):
    # Nine digits in the id's last group: the path must not be redacted as a BSN.
    url = reverse("monitoring:dossier", args=["c63365ed-8ca6-48b2-86ee-bea099585803"])
    caplog.set_level(logging.WARNING, logger=SECURITY_LOGGER)
    response = client_for(casusregisseur).get(url + "?pagina=2")
    assert response.status_code == 404
    assert not Verwerking.objects.exists()
    [record] = refusal_lines(caplog)
    assert record.data == {
        "actor_id": casusregisseur.pk,
        "path": url,
        "status": 404,
        "view": "monitoring:dossier",
    }


def test_lg05_allowed_requests_write_no_refusal(
    client_for, dossier, casusregisseur, klantmanager, caplog
):
    caplog.set_level(logging.WARNING, logger=SECURITY_LOGGER)
    client = client_for(casusregisseur)
    assert (
        client.get(reverse("monitoring:dossier", args=[dossier.pk])).status_code == 200
    )
    client = client_for(klantmanager)
    assert (
        client.get(reverse("leerroutes:rsd_klant", args=[dossier.pk])).status_code
        == 200
    )
    assert Verwerking.objects.count() == 2
    assert not geweigerd().exists()
    assert not refusal_lines(caplog)


def test_lg05_the_owners_own_client_refused_by_role_is_logged(
    client_for, dossier, klantmanager
):
    """A klantmanager's own client, on a page of the casusregisseur (the brede intake
    with health data): refused by role (403), and logged as such."""
    response = client_for(klantmanager).get(
        reverse("intake:brede_intake", args=[dossier.pk])
    )
    assert response.status_code == 403
    row = geweigerd().get()
    assert row.actor == klantmanager
    assert row.object_id == str(dossier.pk)


def test_lg05_an_anonymous_request_writes_no_refusal(client, dossier):
    response = client.get(reverse("monitoring:dossier", args=[dossier.pk]))
    assert response.status_code == 302
    assert not Verwerking.objects.exists()


def test_lg05_a_refusal_that_cannot_be_logged_is_an_error(
    client_for, world, andere_casusregisseur
):
    """Fail closed here too (LG-02): no refusal goes unlogged; the 404 becomes a 500,
    which shows nothing either."""
    client = client_for(andere_casusregisseur)
    client.raise_request_exception = False
    url = reverse("monitoring:dossier", args=[world["dossier"].pk])
    with mock.patch.object(log, "_insert", side_effect=DatabaseError("test")):
        response = client.get(url)
    assert response.status_code == 500
    assert "Doelwit" not in response.content.decode()
    assert not geweigerd().exists()
    assert client.get(url).status_code == 404
    assert geweigerd().count() == 1
