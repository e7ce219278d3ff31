"""Numbers the browser reads back are written without a thousands separator.

settings.USE_THOUSAND_SEPARATOR makes a template write 1704 as "1.704": right in a
sentence, wrong in an id, a link, a select's value or a number that JavaScript reads
(sessie.js read "1.800" seconds as 1). Those places use |unlocalize; these tests
render them with numbers of 1000 and more."""

import datetime as dt
import re
import uuid

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse

import pytest
from freezegun import freeze_time

from monitoring.models import Signaal, SignaalSoort
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.accounts.models import Gemeente

pytestmark = pytest.mark.django_db


def test_page_links_past_page_999_have_no_dot():
    page = Paginator(range(30_000), 25).get_page(1000)
    html = render_to_string("pagination.html", {"page": page})
    assert 'pagina=999"' in html and 'pagina=1001"' in html
    assert "Pagina 1.000 van 1.200" in html  # text for people stays Dutch


def test_the_session_clock_reads_whole_seconds(client_for, casusregisseur, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    settings.SESSION_WARNING_SECONDS = 1200
    html = (
        client_for(casusregisseur)
        .get(reverse("monitoring:werkvoorraad"))
        .content.decode()
    )
    assert 'data-sessie-inactief="1800"' in html
    assert 'data-sessie-waarschuwing="1200"' in html


@freeze_time("2026-12-09")
def test_team_and_vervanging_with_primary_keys_above_999(client_for):
    """A gemeente and users whose ids have four digits, as in a database that has
    been in use for a while."""
    montferland = Gemeente.objects.create(pk=1704, naam="Montferland", cbs_code="1955")
    teamleider = UserFactory(pk=1705, gemeenten=[montferland])
    collega = UserFactory(pk=1706, gemeenten=[montferland])
    montferland.teamleider = teamleider
    montferland.save()
    dossier = InburgeraarFactory(gemeente=montferland, casusregisseur=collega)
    Signaal.objects.create(
        soort=SignaalSoort.VOORTGANGSGESPREK,
        inburgeraar=dossier,
        object_type="intake.inburgeraar",
        object_id=str(uuid.uuid4()),
        vervaldatum=dt.date(2026, 12, 1),
        verantwoordelijke=collega,
    )
    client = client_for(teamleider)

    team = client.get(reverse("monitoring:team")).content.decode()
    assert 'id="kop-team-1704"' in team and 'aria-labelledby="kop-team-1704"' in team
    assert "?collega=1706#te-doen-te_laat" in team

    werkvoorraad = client.get(
        reverse("monitoring:werkvoorraad") + "?collega=1706"
    ).content.decode()
    assert '<option value="1706" selected>' in werkvoorraad
    assert "?collega=1706" in werkvoorraad  # the uitstellen form's action
    # No four-digit id of these written with a dot anywhere in a tag.
    for html in (team, werkvoorraad):
        tags = " ".join(re.findall(r"<[a-z][^>]*>", html))
        assert not re.search(r"\b1\.70[456]\b", tags)
