"""Ketenoverleg (Doel 4): the list counts each year's meetings against the target,
keten roles record and edit meetings of their own gemeenten, bad or stale input
is answered on the form and saves nothing, and the demo adds its meetings once."""

import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse

import pytest
from freezegun import freeze_time

from leerroutes.models import Organisatie, OrganisatieSoort
from monitoring.demo import keten as demo_keten
from monitoring.models import Ketenoverleg
from monitoring.services.keten import ketenoverleg_vastleggen
from tests.factories.accounts import UserFactory, gemeente
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.parameters.models import Parameter

pytestmark = pytest.mark.django_db

VANDAAG = "2026-06-15 10:00"
LIJST = reverse("monitoring:ketenoverleggen")
NIEUW = reverse("monitoring:ketenoverleg_nieuw")


def wijzigen(overleg) -> str:
    return reverse("monitoring:ketenoverleg_wijzigen", args=[overleg.pk])


@pytest.fixture(autouse=True)
def vandaag():
    with freeze_time(VANDAAG):
        yield


@pytest.fixture
def taalschool(db):
    return Organisatie.objects.create(
        naam="Taalschool Rijnstad", soort=OrganisatieSoort.TAALAANBIEDER
    )


@pytest.fixture
def rsd(db):
    return Organisatie.objects.create(naam="RSD de Liemers", soort=OrganisatieSoort.RSD)


@pytest.fixture
def werkgever(db):
    return Organisatie.objects.create(
        naam="Bouwbedrijf Rijnwaard", soort=OrganisatieSoort.WERKGEVER
    )


@pytest.fixture
def overleg(casusregisseur, zevenaar, taalschool):
    """A Zevenaar meeting earlier this year."""
    return ketenoverleg_vastleggen(
        datum=dt.date(2026, 3, 10),
        onderwerp="Wachttijden taalaanbod",
        gemeenten=[zevenaar],
        partners=[taalschool],
        afspraken="Taalschool meldt wachttijden maandelijks.",
        acting_user=casusregisseur,
    )


def overleg_van(user, gemeenten, partners, datum, onderwerp="Overleg") -> Ketenoverleg:
    return ketenoverleg_vastleggen(
        datum=datum,
        onderwerp=onderwerp,
        gemeenten=gemeenten,
        partners=partners,
        afspraken="",
        acting_user=user,
    )


def formulier(response) -> str:
    """The page's form, without the menu and footer (they name every gemeente)."""
    html = response.content.decode()
    start = html.index('<form method="post" novalidate')
    return html[start : html.index("</form>", start)]


def invoer(gemeenten, partners, **velden) -> dict:
    data = {
        "datum": "2026-06-01",
        "onderwerp": "Instroom statushouders",
        "gemeenten": [g.pk for g in gemeenten],
        "partners": [p.pk for p in partners],
        "afspraken": "Gemeenten delen de instroom per kwartaal.",
    }
    data.update(velden)
    return data


# --- The list -----------------------------------------------------------------------


def test_list_counts_each_year_against_the_doel4_target(
    client_for, casusregisseur, zevenaar, taalschool, rsd, overleg
):
    overleg_van(casusregisseur, [zevenaar], [rsd], dt.date(2025, 4, 1), "Voorjaar")
    overleg_van(casusregisseur, [zevenaar], [rsd], dt.date(2025, 10, 1), "Najaar")
    html = client_for(casusregisseur).get(LIJST).content.decode()
    assert "2026: 1 van de 2 overleggen gehouden" in html
    assert "Nog 1 te gaan dit jaar" in html
    assert "2025: 2 van de 2 overleggen gehouden" in html
    assert "Doel gehaald" in html
    # Newest first, with the gemeenten and partners present.
    assert html.index("Wachttijden taalaanbod") < html.index("Najaar")
    assert html.index("Najaar") < html.index("Voorjaar")
    assert "Taalschool Rijnstad" in html and "RSD de Liemers" in html
    assert "Zevenaar" in html


def test_list_reads_the_target_from_the_dated_parameter(
    client_for, casusregisseur, overleg
):
    Parameter.objects.create(
        code="doel4_ketenoverleggen",
        geldig_vanaf=dt.date(2026, 1, 1),
        waarde=Decimal(4),
        bron="Beleidsplan 2026",
    )
    html = client_for(casusregisseur).get(LIJST).content.decode()
    assert "2026: 1 van de 4 overleggen gehouden" in html


def test_list_shows_the_current_year_without_meetings(client_for, beleidsmedewerker):
    html = client_for(beleidsmedewerker).get(LIJST).content.decode()
    assert "2026: 0 van de 2 overleggen gehouden" in html


def test_list_leaves_out_another_gemeentes_meetings(
    client_for, andere_casusregisseur, duiven, rsd, overleg
):
    overleg_van(andere_casusregisseur, [duiven], [rsd], dt.date(2026, 2, 2), "Duivens")
    html = client_for(andere_casusregisseur).get(LIJST).content.decode()
    assert "Duivens" in html
    assert "Wachttijden taalaanbod" not in html
    assert "2026: 1 van de 2 overleggen gehouden" in html


def test_list_queries_do_not_grow_with_the_meetings(
    client_for, casusregisseur, zevenaar, taalschool, rsd,
    django_assert_max_num_queries,
):  # fmt: skip
    client = client_for(casusregisseur)
    overleg_van(casusregisseur, [zevenaar], [taalschool], dt.date(2025, 5, 1))
    overleg_van(casusregisseur, [zevenaar], [rsd], dt.date(2026, 5, 1))
    with django_assert_max_num_queries(100) as weinig:
        assert client.get(LIJST).status_code == 200
    for dag in range(1, 11):
        for jaar in (2025, 2026):
            overleg_van(
                casusregisseur, [zevenaar], [taalschool, rsd],
                dt.date(jaar, 4, dag),
            )  # fmt: skip
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(LIJST)
    assert response.content.decode().count("Wijzigen<") == 22


# --- Access -------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, overleg):
    for url in (LIJST, NIEUW, wijzigen(overleg)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/inloggen/")


def test_rsd_klantmanager_gets_403(client_for, klantmanager, overleg):
    client = client_for(klantmanager)
    for url in (LIJST, NIEUW, wijzigen(overleg)):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_another_gemeentes_meeting_is_404_on_edit(
    client_for, andere_casusregisseur, duiven, rsd, overleg
):
    client = client_for(andere_casusregisseur)
    url = wijzigen(overleg)
    assert client.get(url).status_code == 404
    response = client.post(
        url, invoer([duiven], [rsd], versie=overleg.versie, onderwerp="Overgenomen")
    )
    assert response.status_code == 404
    overleg.refresh_from_db()
    assert overleg.onderwerp == "Wachttijden taalaanbod" and overleg.versie == 1


def test_wrong_method_is_405(client_for, casusregisseur, overleg):
    client = client_for(casusregisseur)
    assert client.post(LIJST).status_code == 405
    assert client.put(NIEUW).status_code == 405
    assert client.delete(wijzigen(overleg)).status_code == 405


# --- Recording a meeting ------------------------------------------------------------


@pytest.mark.parametrize("persona", ["casusregisseur", "beleidsmedewerker"])
def test_keten_roles_record_a_meeting(
    request, client_for, persona, zevenaar, taalschool, rsd
):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    form = client.get(NIEUW)
    assert form.status_code == 200
    response = client.post(NIEUW, invoer([zevenaar], [taalschool, rsd]), follow=True)
    assert response.redirect_chain == [(LIJST, 302)]
    assert "Het ketenoverleg is vastgelegd." in response.content.decode()
    overleg = Ketenoverleg.objects.get()
    assert overleg.datum == dt.date(2026, 6, 1)
    assert overleg.onderwerp == "Instroom statushouders"
    assert list(overleg.gemeenten.all()) == [zevenaar]
    assert set(overleg.partners.all()) == {taalschool, rsd}
    assert overleg.vastgelegd_door == user and overleg.versie == 1


def test_form_offers_own_gemeenten_and_active_ketenpartners_only(
    client_for, casusregisseur, duiven, taalschool, werkgever
):
    Organisatie.objects.create(
        naam="Gesloten Taalhuis", soort=OrganisatieSoort.TAALAANBIEDER, actief=False
    )
    html = formulier(client_for(casusregisseur).get(NIEUW))
    assert "Zevenaar" in html and "Taalschool Rijnstad" in html
    assert "Duiven" not in html
    assert "Bouwbedrijf Rijnwaard" not in html
    assert "Gesloten Taalhuis" not in html
    # Checkbox groups are fieldsets with a legend.
    assert "<legend" in html and "Aanwezige gemeenten" in html


def test_bad_input_is_400_with_the_typed_input_and_nothing_saved(
    client_for, casusregisseur, taalschool
):
    response = client_for(casusregisseur).post(
        NIEUW,
        invoer([], [taalschool], datum="2026-07-01", onderwerp="Getypt onderwerp XYZ"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert "De datum ligt in de toekomst" in html
    assert "Kies minstens één gemeente die aan tafel zat." in html
    assert 'value="Getypt onderwerp XYZ"' in html
    assert 'value="2026-07-01"' in html
    assert "Gemeenten delen de instroom per kwartaal." in html
    # The messages are linked to their fields.
    assert 'aria-describedby="id_datum_error"' in html
    assert 'aria-invalid="true"' in html
    assert not Ketenoverleg.objects.exists()


def test_a_werkgever_or_another_gemeente_is_refused(
    client_for, casusregisseur, duiven, werkgever
):
    response = client_for(casusregisseur).post(NIEUW, invoer([duiven], [werkgever]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "U kunt alleen uw eigen gemeenten kiezen." in html
    assert "Kies alleen ketenpartners uit de lijst." in html
    assert not Ketenoverleg.objects.exists()


# --- Editing ------------------------------------------------------------------------


def test_edit_saves_and_raises_the_versie(
    client_for, beleidsmedewerker, zevenaar, rsd, overleg
):
    client = client_for(beleidsmedewerker)
    html = client.get(wijzigen(overleg)).content.decode()
    assert "Wachttijden taalaanbod" in html and 'name="versie" value="1"' in html
    response = client.post(
        wijzigen(overleg),
        invoer([zevenaar], [rsd], versie=1, onderwerp="Wachttijden en RSD"),
    )
    assert response.status_code == 302 and response.url == LIJST
    overleg.refresh_from_db()
    assert overleg.onderwerp == "Wachttijden en RSD" and overleg.versie == 2
    assert list(overleg.partners.all()) == [rsd]


def test_stale_versie_is_refused_and_overwrites_nothing(
    client_for, casusregisseur, beleidsmedewerker, zevenaar, taalschool, rsd, overleg
):
    # Somebody else saved after the casusregisseur opened the form (versie 1).
    client_for(beleidsmedewerker).post(
        wijzigen(overleg), invoer([zevenaar], [rsd], versie=1, onderwerp="Eerst")
    )
    response = client_for(casusregisseur).post(
        wijzigen(overleg),
        invoer([zevenaar], [taalschool], versie=1, onderwerp="Te laat getypt"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert "Iemand anders heeft dit ketenoverleg gewijzigd" in html
    assert 'value="Te laat getypt"' in html
    overleg.refresh_from_db()
    assert overleg.onderwerp == "Eerst" and overleg.versie == 2
    assert list(overleg.partners.all()) == [rsd]


def test_edit_keeps_the_gemeenten_the_user_does_not_serve(
    client_for, zevenaar, duiven, rsd
):
    regio = UserFactory(role=Role.BELEIDSMEDEWERKER, gemeenten=[zevenaar, duiven])
    overleg = overleg_van(regio, [zevenaar, duiven], [rsd], dt.date(2026, 5, 5))
    casus_zevenaar = UserFactory(role=Role.CASUSREGISSEUR, gemeenten=[zevenaar])
    client = client_for(casus_zevenaar)
    assert "Ook aanwezig: Duiven" in client.get(wijzigen(overleg)).content.decode()
    response = client.post(
        wijzigen(overleg), invoer([zevenaar], [rsd], versie=1, onderwerp="Bijgewerkt")
    )
    assert response.status_code == 302
    assert set(overleg.gemeenten.all()) == {zevenaar, duiven}


def test_edit_keeps_a_partner_that_is_no_longer_active(
    client_for, casusregisseur, zevenaar, taalschool, overleg
):
    Organisatie.objects.filter(pk=taalschool.pk).update(actief=False)
    client = client_for(casusregisseur)
    assert "Taalschool Rijnstad" in client.get(wijzigen(overleg)).content.decode()
    response = client.post(
        wijzigen(overleg), invoer([zevenaar], [taalschool], versie=1)
    )
    assert response.status_code == 302
    assert list(overleg.partners.all()) == [taalschool]


# --- Demo ---------------------------------------------------------------------------


def test_demo_adds_meetings_once(zevenaar, taalschool, rsd, werkgever):
    gemeente("Duiven"), gemeente("Westervoort")
    UserFactory(
        username="beleid",
        role=Role.BELEIDSMEDEWERKER,
        gemeenten=[gemeente(n) for n in ("Zevenaar", "Duiven", "Westervoort")],
    )
    uit = io.StringIO()
    demo_keten.vul_aan(stdout=uit)
    overleggen = list(Ketenoverleg.objects.prefetch_related("gemeenten", "partners"))
    assert 6 <= len(overleggen) <= 8
    laatste = overleggen[0]  # newest first
    assert dt.timedelta(weeks=2) <= dt.date(2026, 6, 15) - laatste.datum
    assert dt.date(2026, 6, 15) - laatste.datum <= dt.timedelta(weeks=5)
    per_jaar = {o.datum.year for o in overleggen}
    assert per_jaar == {2024, 2025, 2026}
    for jaar in (2024, 2025):
        assert 2 <= sum(o.datum.year == jaar for o in overleggen) <= 3
    for o in overleggen:
        assert {g.naam for g in o.gemeenten.all()} == {
            "Zevenaar",
            "Duiven",
            "Westervoort",
        }
        assert o.partners.all() and werkgever not in o.partners.all()

    demo_keten.vul_aan(stdout=io.StringIO())
    assert Ketenoverleg.objects.count() == len(overleggen)
