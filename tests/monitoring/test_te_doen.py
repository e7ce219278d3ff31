"""Te doen as the start of the day (issue 19 item 1): signals grouped by urgency
with their counts, each date labelled for what it is, each item linking to the
form that acts on it, vervanging of an absent colleague (logged), and the team
view of a gemeente's teamleider."""

import datetime as dt
import re
import uuid

from django.urls import reverse

import pytest
from freezegun import freeze_time

from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import sweep
from monitoring.te_doen import WEERGAVE, te_doen_groepen, urgentie_filters
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.accounts.models import Gemeente, Role
from zevenaar_inburgering.verwerkingen.models import Verwerking

from .conftest import signalen
from .test_signalering import GEVALLEN
from .test_signalering_extra import BEZWAAR_DAG, UREN_DAG, bezwaar, traject

pytestmark = pytest.mark.django_db

# A Wednesday: "deze week" runs through Sunday 13 December.
VANDAAG = dt.date(2026, 12, 9)


def signaal(dossier, vervaldatum, soort=SignaalSoort.VOORTGANGSGESPREK, **velden):
    """A signal as the sweep makes it (object: the dossier), due on `vervaldatum`."""
    return Signaal.objects.create(
        soort=soort,
        inburgeraar=dossier,
        object_type="intake.inburgeraar",
        object_id=str(uuid.uuid4()),
        vervaldatum=vervaldatum,
        verantwoordelijke=velden.pop("verantwoordelijke", dossier.casusregisseur),
        **velden,
    )


def te_doen(client, query="") -> str:
    html = client.get(reverse("monitoring:werkvoorraad") + query).content.decode()
    start = html.index('id="te-doen"')
    return html[start : html.index("</section>", start)]


def groep(html: str, code: str) -> str:
    start = html.index(f'id="te-doen-{code}"')
    einde = html.find('class="te-doen-groep', start + 1)
    return html[start : einde if einde > 0 else len(html)]


def aantal(html: str, code: str) -> int:
    return int(re.search(r'badge[^"]*">(\d+)</span>', groep(html, code)).group(1))


# --- Grouping and counts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("vervaldatum", "code"),
    [
        (dt.date(2026, 12, 8), "te_laat"),  # yesterday
        (VANDAAG, "deze_week"),
        (dt.date(2026, 12, 13), "deze_week"),  # Sunday
        (dt.date(2026, 12, 14), "binnen_4_weken"),  # next Monday
        (dt.date(2027, 1, 6), "binnen_4_weken"),  # vandaag + 28 days
        (dt.date(2027, 1, 7), "later"),
    ],
)
def test_each_vervaldatum_falls_in_exactly_one_group(dossier, vervaldatum, code):
    signaal(dossier, vervaldatum)
    qs = Signaal.objects.all()
    assert [c for c, q in urgentie_filters(VANDAAG).items() if qs.filter(q)] == [code]


def test_on_a_sunday_deze_week_is_only_today(dossier):
    zondag = dt.date(2026, 12, 13)
    signaal(dossier, zondag + dt.timedelta(days=1))
    groepen = te_doen_groepen(Signaal.objects.all(), zondag, 50)
    assert {g.code: g.aantal for g in groepen}["binnen_4_weken"] == 1


@freeze_time(VANDAAG)
def test_groups_show_their_counts_and_later_is_collapsed(
    client_for, casusregisseur, dossier
):
    for dag, aantal_ in (
        (dt.date(2026, 11, 1), 2),
        (dt.date(2026, 12, 10), 1),
        (dt.date(2026, 12, 20), 3),
        (dt.date(2027, 6, 1), 1),
    ):
        for n in range(aantal_):
            signaal(dossier, dag, soort=list(SignaalSoort)[n])
    html = te_doen(client_for(casusregisseur))
    assert [aantal(html, c) for c in ("te_laat", "deze_week", "binnen_4_weken")] == [
        2,
        1,
        3,
    ]
    assert re.search(r'<details class="te-doen-groep mt-2" id="te-doen-later">', html)
    assert ">Later <span" in html and aantal(html, "later") == 1
    assert "Een signaal verdwijnt vanzelf zodra de oorzaak is opgelost" in html
    assert "verbergt het alleen tot de datum" in html


@freeze_time(VANDAAG)
def test_counts_stay_whole_when_only_the_most_urgent_50_are_listed(
    client_for, casusregisseur, dossier, django_assert_max_num_queries
):
    """60 overdue, 5 this week, 7 within 4 weeks, 4 later: 50 rows listed (all
    overdue), every count whole, "en N meer" where rows are left out; the number of
    queries is that of a short list."""
    client = client_for(casusregisseur)
    signaal(dossier, dt.date(2026, 12, 1))
    te_doen(client)  # warm up: session and caches
    with django_assert_max_num_queries(100) as weinig:
        te_doen(client)
    soorten = list(SignaalSoort)
    dagen = [
        *(dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(59)),  # te laat
        *[dt.date(2026, 12, 10)] * 5,  # deze week
        *[dt.date(2026, 12, 20)] * 7,  # binnen 4 weken
        *[dt.date(2027, 3, 1)] * 4,  # later
    ]
    for i, dag in enumerate(dagen):
        signaal(dossier, dag, soort=soorten[i % len(soorten)])
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html = te_doen(client)
    groepen = ("te_laat", "deze_week", "binnen_4_weken", "later")
    assert [aantal(html, code) for code in groepen] == [60, 5, 7, 4]
    assert html.count("signaal-actie") == 50
    assert "en 10 meer" in groep(html, "te_laat")
    assert "5 signalen, niet getoond" in groep(html, "deze_week")


# --- Labels and links per soort ---------------------------------------------------


def test_every_soort_has_a_label_and_an_action():
    assert set(WEERGAVE) == set(SignaalSoort.values)
    assert all(w.datum_label and w.actie for w in WEERGAVE.values())


# The data for each kind and the day it is due (test_signalering's cases).
MET_DAG = [(g.soort, g.maak, g.dag or dt.date(2026, 7, 1)) for g in GEVALLEN] + [
    (SignaalSoort.UREN_ONTBREKEN, traject, UREN_DAG),
    (SignaalSoort.BEZWAAR_BESLISTERMIJN, bezwaar, BEZWAAR_DAG),
]


@pytest.mark.parametrize("geval", MET_DAG, ids=lambda g: str(g[0]))
def test_each_item_names_its_date_and_links_to_the_form_that_acts_on_it(
    geval, client_for, casusregisseur, dossier
):
    soort, maak, dag = geval
    obj = maak(dossier, casusregisseur)
    if soort == SignaalSoort.NIET_OP_KOERS:
        obj.koers = "niet_op_koers"
        obj.save(update_fields=["koers"])
    with freeze_time(dag):
        sweep(dag)
        s = signalen(soort).get()
        weergave = WEERGAVE[soort]
        client = client_for(casusregisseur)
        html = te_doen(client)
        datum = f"{s.vervaldatum.day} {_maand(s.vervaldatum)} {s.vervaldatum.year}"
        assert f"{weergave.datum_label.capitalize()} {datum}</span>" in html
        link = re.search(
            rf'<a class="signaal-actie fw-semibold" href="([^"]+)">{weergave.actie}<',
            html,
        ).group(1)
        pagina, fragment = link.split("#")
        response = client.get(pagina)
        assert response.status_code == 200
        assert f'id="{fragment}"' in response.content.decode()


def _maand(dag: dt.date) -> str:
    return [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ][dag.month - 1]  # fmt: skip


# --- Vervanging ----------------------------------------------------------------------


@freeze_time(VANDAAG)
def test_vervanging_shows_the_colleagues_signals_and_logs_it(
    client_for, casusregisseur, collega, zevenaar
):
    van_collega = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=collega, achternaam="Najjar"
    )
    eigen = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, achternaam="Eigenaar"
    )
    signaal(van_collega, dt.date(2026, 12, 1))
    signaal(eigen, dt.date(2026, 12, 2))
    client = client_for(casusregisseur)

    html = te_doen(client)
    assert "Eigenaar" in html and "Najjar" not in html
    assert not Verwerking.objects.filter(handeling="Te doen (vervanging)").exists()

    html = te_doen(client, f"?collega={collega.pk}")
    assert "Najjar" in html and "Eigenaar" not in html
    assert f"U ziet de signalen van {collega.get_full_name()} (vervanging)" in html
    assert "Terug naar mijn eigen signalen" in html
    log = Verwerking.objects.get(handeling="Te doen (vervanging)")
    assert log.object_id == str(van_collega.pk) and log.actor_id == casusregisseur.pk


@freeze_time(VANDAAG)
def test_snoozing_in_vervanging_returns_to_the_colleagues_list(
    client_for, casusregisseur, collega, zevenaar
):
    dossier = InburgeraarFactory(gemeente=zevenaar, casusregisseur=collega)
    s = signaal(dossier, dt.date(2026, 12, 1))
    client = client_for(casusregisseur)
    assert f"uitstellen/?collega={collega.pk}" in te_doen(
        client, f"?collega={collega.pk}"
    )
    prefix = f"signaal-{s.pk}"
    response = client.post(
        reverse("monitoring:signaal_uitstellen", args=[s.pk])
        + f"?collega={collega.pk}",
        {f"{prefix}-tot": "2026-12-20", f"{prefix}-reden": "Collega met verlof"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?collega={collega.pk}#te-doen")
    s.refresh_from_db()
    assert s.gesnoozed_tot == dt.date(2026, 12, 20)


@freeze_time(VANDAAG)
def test_a_colleague_out_of_scope_gives_a_form_error_and_no_list(
    client_for, casusregisseur, andere_casusregisseur, dossier_duiven
):
    signaal(dossier_duiven, dt.date(2026, 12, 1))
    client = client_for(casusregisseur)
    for waarde in (andere_casusregisseur.pk, "niets"):
        response = client.get(reverse("monitoring:werkvoorraad") + f"?collega={waarde}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Deze collega kunt u niet vervangen" in html
        assert dossier_duiven.achternaam not in html
        assert "U ziet de signalen van" not in html
    assert not Verwerking.objects.filter(handeling="Te doen (vervanging)").exists()


# --- Team ----------------------------------------------------------------------------


@pytest.fixture
def teamleider(casusregisseur, zevenaar):
    Gemeente.objects.filter(pk=zevenaar.pk).update(teamleider=casusregisseur)
    return casusregisseur


@freeze_time(VANDAAG)
def test_team_counts_per_casusregisseur_and_without_verantwoordelijke(
    client_for,
    teamleider,
    collega,
    zevenaar,
    dossier_duiven,
    django_assert_max_num_queries,
):
    van_collega = InburgeraarFactory(gemeente=zevenaar, casusregisseur=collega)
    eigen = InburgeraarFactory(gemeente=zevenaar, casusregisseur=teamleider)
    niemand = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=None, achternaam="Zonderregisseur"
    )
    client = client_for(teamleider)
    url = reverse("monitoring:team")
    # One signal of each: the count of queries with a few rows ...
    signaal(van_collega, dt.date(2026, 12, 1))
    signaal(eigen, dt.date(2026, 12, 20))
    signaal(niemand, dt.date(2026, 12, 3), verantwoordelijke=None)
    client.get(url)
    with django_assert_max_num_queries(100) as weinig:
        client.get(url)
    # ... is that with more.
    for dag in (dt.date(2026, 12, 2), dt.date(2026, 12, 11), dt.date(2027, 5, 1)):
        signaal(van_collega, dag)
    signaal(dossier_duiven, dt.date(2026, 12, 1))  # another gemeente: not counted
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    rijen = {
        naam.strip(): re.findall(r'<td class="text-end">(?:<a [^>]*>)?(\d+)', rij)
        for naam, rij in re.findall(
            r'<tr class="teamlid">\s*<th scope="row">([^<]+)</th>(.*?)</tr>',
            html,
            re.S,
        )
    }
    assert rijen[collega.get_full_name()] == ["2", "1", "0", "1", "4"]
    assert rijen[teamleider.get_full_name()] == ["0", "0", "1", "0", "1"]
    assert rijen["Zonder verantwoordelijke"] == ["1", "0", "0", "0", "1"]
    assert f"?collega={collega.pk}#te-doen-te_laat" in html
    assert 'href="#zonder-verantwoordelijke">1<' in html
    assert "Zonderregisseur" in html
    assert dossier_duiven.achternaam not in html


def test_team_is_for_a_teamleider_only_and_in_their_menu(
    client_for, casusregisseur, collega, zevenaar
):
    client = client_for(collega)
    assert client.get(reverse("monitoring:team")).status_code == 404
    team = f'href="{reverse("monitoring:team")}">Team</a>'
    assert team not in client.get(reverse("monitoring:werkvoorraad")).content.decode()
    Gemeente.objects.filter(pk=zevenaar.pk).update(teamleider=collega)
    assert client.get(reverse("monitoring:team")).status_code == 200
    assert team in client.get(reverse("monitoring:werkvoorraad")).content.decode()
    klant = UserFactory(
        username="km.team", role=Role.RSD_KLANTMANAGER, gemeenten=[zevenaar]
    )
    Gemeente.objects.filter(pk=zevenaar.pk).update(teamleider=klant)
    assert client_for(klant).get(reverse("monitoring:team")).status_code == 403


@freeze_time(VANDAAG)
def test_vervanging_links_hold_a_colleague_id_above_1000(
    client_for, casusregisseur, zevenaar
):
    # USE_THOUSAND_SEPARATOR wrote id 1704 as "1.704" in the links, which the
    # vervanging then refused.
    collega = UserFactory(
        id=123456, role=Role.CASUSREGISSEUR, gemeenten=[zevenaar], username="c.hoog"
    )
    Gemeente.objects.filter(pk=zevenaar.pk).update(teamleider=casusregisseur)
    dossier = InburgeraarFactory(gemeente=zevenaar, casusregisseur=collega)
    signaal(dossier, dt.date(2026, 12, 1))
    client = client_for(casusregisseur)
    html = te_doen(client, "?collega=123456")
    assert "uitstellen/?collega=123456" in html
    assert (
        "?collega=123456#te-doen-te_laat"
        in client.get(reverse("monitoring:team")).content.decode()
    )
