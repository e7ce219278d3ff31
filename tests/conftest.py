"""Personas, one line each saying what they may see; the `--vandaag` option; the
`pdf` mark."""

import datetime as dt
from zoneinfo import ZoneInfo

import freezegun.api
import pytest
import weasyprint
from freezegun import freeze_time
from freezegun.api import FakeDate, FakeDatetime

from tests.factories.accounts import UserFactory, gemeente
from tests.factories.intake import InburgeraarFactory
from tests.otp import verifieer
from zevenaar_inburgering.accounts.models import Role

# --- The whole session on another day (make test-calendar) ----------------------------

VANDAAG_TIJD = dt.time(9, 30)  # the time of day when --vandaag gives none
_VANDAAG_KLOK = pytest.StashKey()


def pytest_addoption(parser):
    parser.addoption(
        "--vandaag",
        metavar="JJJJ-MM-DD[THH:MM]",
        help=(
            "run the session with the clock moved to this day (09:30 "
            "Europe/Amsterdam unless a time is given); the clock runs on from there "
            "(freezegun, tick=True). Processes the tests start and PostgreSQL's "
            "now() keep the real clock."
        ),
    )


def vandaag_moment(waarde: str) -> dt.datetime:
    """The aware Europe/Amsterdam moment of a --vandaag value."""
    if "T" in waarde or " " in waarde:
        moment = dt.datetime.fromisoformat(waarde)
    else:
        moment = dt.datetime.combine(dt.date.fromisoformat(waarde), VANDAAG_TIJD)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    return moment


# (Through the module: freezegun replaces every real date class a module holds.)
def _date_repr(self):
    """FakeDate(2027, 4, 1) -> datetime.date(2027, 4, 1)"""
    tekst = freezegun.api.real_date.__repr__(self)
    return "datetime.date" + tekst.removeprefix(type(self).__name__)


def _datetime_repr(self):
    tekst = freezegun.api.real_datetime.__repr__(self)
    return "datetime.datetime" + tekst.removeprefix(type(self).__name__)


def pytest_configure(config):
    # Started before collection, so that dates computed at import or collection
    # time (parametrisations) are on the moved day too.
    waarde = config.getoption("vandaag", None)
    if waarde:
        klok = freeze_time(vandaag_moment(waarde), tick=True)
        klok.start()
        config.stash[_VANDAAG_KLOK] = klok
        # Every date the code makes is now freezegun's FakeDate: let it print as
        # datetime.date(...), as on the real clock, so that only the day differs.
        FakeDate.__repr__ = _date_repr
        FakeDatetime.__repr__ = _datetime_repr


def pytest_unconfigure(config):
    klok = config.stash.get(_VANDAAG_KLOK, None)
    if klok is not None:
        klok.stop()
        del config.stash[_VANDAAG_KLOK]
        del FakeDate.__repr__, FakeDatetime.__repr__


def pytest_report_header(config):
    waarde = config.getoption("vandaag", None)
    if waarde:
        moment = vandaag_moment(waarde).astimezone(ZoneInfo("Europe/Amsterdam"))
        return f"vandaag: {moment:%Y-%m-%d %H:%M} Europe/Amsterdam (freezegun, tick)"
    return None


# --- Tests that render PDFs (-m "not pdf" leaves them out) ---------------------------

# Fixtures that render a PDF while they build (a PIP vastgesteld through the
# services): a test that uses one is a `pdf` test. Others are marked where they are.
PDF_FIXTUREN = {"dossier_met_pip", "traject", "in_traject"}


def pytest_collection_modifyitems(items):
    for item in items:
        if PDF_FIXTUREN.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pdf)


@pytest.fixture(autouse=True)
def pdf_alleen_in_pdf_tests(request, monkeypatch):
    """A test that renders a PDF without the `pdf` mark fails, so that a quick run
    (-m "not pdf") leaves out every WeasyPrint render."""
    if request.node.get_closest_marker("pdf") or request.node.get_closest_marker("e2e"):
        yield
        return
    gerenderd = []
    render = weasyprint.HTML.render

    def tellen(self, *args, **kwargs):
        gerenderd.append(self)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", tellen)
    yield
    assert not gerenderd, "This test renders a PDF: mark it @pytest.mark.pdf"


# --- Fixtures -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 is slow by design; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media_in_tmp(settings, tmp_path):
    """Generated documents go to a temporary folder, never into the work tree."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture(autouse=True)
def archief_in_tmp(settings, tmp_path):
    """So do the archive packages of the retention job (docs/archief.md)."""
    settings.ARCHIEF_EXPORT_ROOT = tmp_path / "archief"


@pytest.fixture
def zevenaar(db):
    return gemeente("Zevenaar")


@pytest.fixture
def duiven(db):
    return gemeente("Duiven")


@pytest.fixture
def casusregisseur(zevenaar):
    """Sees every dossier of Zevenaar."""
    return UserFactory(
        username="casus.zevenaar", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )


@pytest.fixture
def collega(zevenaar):
    """A second casusregisseur of Zevenaar: takes the step that functiescheiding
    (Awb art. 10:3) keeps from `casusregisseur`, e.g. the boetebesluit after their
    rapport, or the beslissing op bezwaar against their decision."""
    return UserFactory(
        username="casus.zevenaar.2", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )


@pytest.fixture
def andere_casusregisseur(duiven):
    """Another gemeente's casusregisseur: sees Duiven's dossiers, none of Zevenaar's."""
    return UserFactory(
        username="casus.duiven", role=Role.CASUSREGISSEUR, gemeenten=[duiven]
    )


@pytest.fixture
def klantmanager(zevenaar):
    """RSD klantmanager: sees only the dossiers assigned to them."""
    return UserFactory(
        username="km.a", role=Role.RSD_KLANTMANAGER, gemeenten=[zevenaar]
    )


@pytest.fixture
def andere_klantmanager(zevenaar):
    """Another RSD klantmanager: none of the first one's clients."""
    return UserFactory(
        username="km.b", role=Role.RSD_KLANTMANAGER, gemeenten=[zevenaar]
    )


@pytest.fixture
def beleidsmedewerker(zevenaar):
    """Aggregates only: no dossier at all."""
    return UserFactory(
        username="beleid", role=Role.BELEIDSMEDEWERKER, gemeenten=[zevenaar]
    )


@pytest.fixture
def functioneel_beheerder(zevenaar):
    """Users, gemeenten and the verwerkingenlog; the dossiers of Zevenaar."""
    return UserFactory(
        username="beheer", role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[zevenaar]
    )


@pytest.fixture
def dossier(zevenaar, casusregisseur, klantmanager):
    """A Zevenaar dossier with bijstand, assigned to `casusregisseur` and `klantmanager`."""
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        rsd_klantmanager=klantmanager,
        met_bijstand=True,
        voornamen="Amal",
        achternaam="Haddad",
    )


@pytest.fixture
def dossier_duiven(duiven, andere_casusregisseur):
    return InburgeraarFactory(
        gemeente=duiven, casusregisseur=andere_casusregisseur, achternaam="Tesfay"
    )


@pytest.fixture
def client_for(client):
    """Log the test client in as `user`, password and second factor, and return it.
    (A bare `client.force_login(user)` is a user with a password only: every page
    sends them to the second-factor step.)"""

    def login(user):
        client.force_login(user)
        verifieer(client, user)
        return client

    return login
