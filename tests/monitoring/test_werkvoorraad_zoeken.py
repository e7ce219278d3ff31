"""Search that finds (issue 19): names as typed on a Dutch keyboard, "achternaam,
voornaam" as the list shows them, a part of a BSN from four digits and masked; the
active filters as chips; the PIP-deadline filter; the deadline column."""

import datetime as dt
import re

from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Inburgeraar, Status, WerkvoorraadVoorkeur, WetRegime
from monitoring.views.werkvoorraad import ZOEK_SESSION_KEY
from monitoring.werkvoorraad import werkvoorraad
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.django_db

WERKVOORRAAD = reverse("monitoring:werkvoorraad")
VANDAAG = dt.date(2026, 12, 5)


def zoek(client, term: str):
    """Search as the page does (a POST), then read the list."""
    response = client.post(WERKVOORRAAD, {"zoek": term, "sorteer": "naam"})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(WERKVOORRAAD).content.decode()


def gevonden(casusregisseur, term: str) -> set[str]:
    zoek_terms = Inburgeraar.objects.visible_to(casusregisseur).search_terms(term)
    dossiers = werkvoorraad(casusregisseur, {}, zoek_terms, vandaag=VANDAAG)
    return {d.naam for d in dossiers}


@pytest.mark.parametrize(
    "voornamen, achternaam, getypt",
    [
        ("Mehmet", "Doğan", "dogan"),
        ("Mehmet", "Doğan", "Dogan"),
        ("Mehmet", "Doğan", "DOĞAN"),
        ("Ayşe", "Yılmaz", "ayse yilmaz"),
        ("Emre", "Çelik", "celik"),
        ("Hélène", "Dubois", "helene"),
        ("Zeynep", "Öztürk", "Ozturk, Zeynep"),
        ("İbrahim", "Kaya", "ibrahim"),
    ],
)
def test_a_name_is_found_as_typed_on_a_dutch_keyboard(
    casusregisseur, zevenaar, voornamen, achternaam, getypt
):
    persoon = InburgeraarFactory(
        gemeente=zevenaar, voornamen=voornamen, achternaam=achternaam
    )
    InburgeraarFactory(gemeente=zevenaar, voornamen="Yonas", achternaam="Bekele")
    assert gevonden(casusregisseur, getypt) == {persoon.naam}


@pytest.mark.parametrize("getypt", ["Najjar, Dima", "Dima Najjar", "najjar dima"])
def test_both_name_orders_find_the_person(client_for, casusregisseur, zevenaar, getypt):
    InburgeraarFactory(gemeente=zevenaar, voornamen="Dima", achternaam="Najjar")
    InburgeraarFactory(gemeente=zevenaar, voornamen="Dima", achternaam="Haddad")
    InburgeraarFactory(gemeente=zevenaar, voornamen="Omar", achternaam="Najjar")
    page = zoek(client_for(casusregisseur), getypt)
    assert "Najjar, Dima" in page
    assert "Haddad, Dima" not in page and "Najjar, Omar" not in page
    assert "1 dossier gevonden" in page


@pytest.mark.parametrize(
    "getypt, verwacht",
    [
        ("Berg, Jan van den", {"Jan van den Berg"}),
        ("Jan van den Berg", {"Jan van den Berg"}),
        ("van den berg", {"Jan van den Berg", "Piet van den Berg"}),
        # A word is found anywhere in the name, so also in a longer one.
        ("Berg, Jan", {"Jan van den Berg", "Jan Bergkamp"}),
    ],
)
def test_a_tussenvoegsel_does_not_break_the_search(
    casusregisseur, zevenaar, getypt, verwacht
):
    InburgeraarFactory(
        gemeente=zevenaar, voornamen="Jan", tussenvoegsel="van den", achternaam="Berg"
    )
    InburgeraarFactory(gemeente=zevenaar, voornamen="Jan", achternaam="Bergkamp")
    InburgeraarFactory(
        gemeente=zevenaar, voornamen="Piet", tussenvoegsel="van den", achternaam="Berg"
    )
    assert gevonden(casusregisseur, getypt) == verwacht


def test_four_bsn_digits_find_the_dossier_and_the_page_masks_them(
    client_for, casusregisseur, zevenaar, dossier_duiven
):
    persoon = InburgeraarFactory(gemeente=zevenaar, voornamen="Dima")
    anderen = InburgeraarFactory.create_batch(3, gemeente=zevenaar)
    deel = persoon.bsn[2:6]
    client = client_for(casusregisseur)
    page = zoek(client, deel)
    gemaskeerd = f"deel van BSN **{deel[-2:]}"
    assert f"gevonden voor “{gemaskeerd}”" in page
    assert f"Zoek: {gemaskeerd}" in page  # the chip
    assert deel not in page
    assert reverse("monitoring:dossier", args=[persoon.pk]) in page
    for ander in anderen:
        if deel not in ander.bsn:
            assert reverse("monitoring:dossier", args=[ander.pk]) not in page
    # Another gemeente's dossier is never found, not even by its own digits.
    page = zoek(client, dossier_duiven.bsn[1:7])
    assert "0 dossiers gevonden" in page
    # The session keeps dossier ids and the masked description, no digits typed.
    assert client.session[ZOEK_SESSION_KEY]["omschrijving"].endswith(
        "**" + dossier_duiven.bsn[5:7]
    )
    assert dossier_duiven.bsn[1:7] not in str(dict(client.session.items()))


@pytest.mark.parametrize(
    "getypt, melding",
    [
        ("123", "Typ minstens 4 cijfers van het BSN, of zoek op naam."),
        ("1 2", "Typ minstens 4 cijfers van het BSN, of zoek op naam."),
        ("123456789012", "Een BSN heeft 9 cijfers en een v-nummer 10"),
    ],
)
def test_too_few_or_too_many_digits_are_refused_on_the_form(
    client_for, casusregisseur, dossier, getypt, melding
):
    client = client_for(casusregisseur)
    zoek(client, "Haddad")
    voor = (
        WerkvoorraadVoorkeur.objects.get(user=casusregisseur).filters,
        client.session[ZOEK_SESSION_KEY],
    )
    response = client.post(
        WERKVOORRAAD, {"zoek": getypt, "sorteer": "-naam", "doelgroep": "gezinsvormer"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert melding in page
    assert f'value="{getypt}"' in page  # what was typed stays
    assert re.search(r"<title>\s*Fout: Werkvoorraad", page)
    # Nothing changed: the saved filters and the search are those of before.
    na = (
        WerkvoorraadVoorkeur.objects.get(user=casusregisseur).filters,
        client.session[ZOEK_SESSION_KEY],
    )
    assert na == voor


def test_a_saved_filter_shows_as_a_chip_the_next_day_and_the_chip_removes_it(
    client_for, casusregisseur, zevenaar
):
    InburgeraarFactory(gemeente=zevenaar, voornamen="Dima", achternaam="Najjar")
    InburgeraarFactory(
        gemeente=zevenaar, voornamen="Omar", achternaam="Saleh", gezinsmigrant=True
    )
    with freeze_time("2026-12-04 16:00"):
        client = client_for(casusregisseur)
        client.post(
            WERKVOORRAAD,
            {
                "zoek": "",
                "gemeente": zevenaar.pk,
                "doelgroep": "gezinsvormer",
                "pip_deadline": "te_laat",
                "alleen_mijn": "on",
                "sorteer": "naam",
            },
        )
    with freeze_time("2026-12-05 09:00"):
        # The next morning, logged in anew.
        client = client_for(casusregisseur)
        page = client.get(WERKVOORRAAD).content.decode()
        assert "Actieve filters" in page
        for chip in (
            "Gemeente: Zevenaar",
            "Doelgroep: Gezinsvormer",
            "PIP-deadline: Te laat",
            "Alleen mijn dossiers",
        ):
            assert f'aria-label="Filter {chip} verwijderen"' in page, chip
        assert "Wis alle filters" in page
        assert "0 dossiers" in page and "Er staan filters aan" in page

        response = client.post(WERKVOORRAAD, {"verwijder": "doelgroep"})
        assert response.status_code == 302
        filters = WerkvoorraadVoorkeur.objects.get(user=casusregisseur).filters
        assert filters["doelgroep"] == ""
        assert filters["gemeente"] == zevenaar.pk and filters["alleen_mijn"] is True
        page = client.get(WERKVOORRAAD).content.decode()
        assert "Doelgroep: Gezinsvormer" not in page
        assert 'aria-label="Filter Gemeente: Zevenaar verwijderen"' in page

        # A name that is no filter changes nothing (and is no error).
        response = client.post(WERKVOORRAAD, {"verwijder": "bestaat_niet"})
        assert response.status_code == 302
        assert WerkvoorraadVoorkeur.objects.get(user=casusregisseur).filters == filters

        client.post(WERKVOORRAAD, {"wissen": "1"})
        page = client.get(WERKVOORRAAD).content.decode()
        assert "Actieve filters" not in page
        assert "Najjar, Dima" in page and "Saleh, Omar" in page


def test_the_search_chip_removes_the_search_only(client_for, casusregisseur, zevenaar):
    InburgeraarFactory(gemeente=zevenaar, voornamen="Dima", achternaam="Najjar")
    InburgeraarFactory(gemeente=zevenaar, voornamen="Omar", achternaam="Saleh")
    client = client_for(casusregisseur)
    client.post(WERKVOORRAAD, {"zoek": "najjar", "doelgroep": "asielstatushouder"})
    page = client.get(WERKVOORRAAD).content.decode()
    assert 'aria-label="Filter Zoek: najjar verwijderen"' in page
    assert "Saleh, Omar" not in page
    client.post(WERKVOORRAAD, {"verwijder": "zoek"})
    page = client.get(WERKVOORRAAD).content.decode()
    assert "Saleh, Omar" in page and "Zoek: najjar" not in page
    assert "Doelgroep: Asielstatushouder" in page


@pytest.fixture
def deadlines(zevenaar):
    """One dossier per deadline state on VANDAAG (5 December 2026)."""

    def maak(naam, **velden):
        return InburgeraarFactory(gemeente=zevenaar, achternaam=naam, **velden)

    dag = dt.timedelta(days=1)
    return {
        "Laat": maak("Laat", pip_deadline=VANDAAG - 3 * dag),
        "Verhuisd": maak(
            "Verhuisd", pip_deadline=VANDAAG - 90 * dag, status=Status.VERHUISD
        ),
        "Vrijgesteld": maak(
            "Vrijgesteld", pip_deadline=VANDAAG - 9 * dag, status=Status.VRIJGESTELD
        ),
        "Vastgesteld": maak(
            "Vastgesteld",
            pip_deadline=VANDAAG - 5 * dag,
            pip_vastgesteld_op=VANDAAG - 6 * dag,
        ),
        "Vandaag": maak("Vandaag", pip_deadline=VANDAAG),
        "Week": maak("Week", pip_deadline=VANDAAG + 7 * dag),
        "Drieweken": maak("Drieweken", pip_deadline=VANDAAG + 14 * dag),
        "Ruim": maak("Ruim", pip_deadline=VANDAAG + 28 * dag),
        "Onbekend": maak("Onbekend", pip_deadline=None),
        "Verhuisdonbekend": maak(
            "Verhuisdonbekend", pip_deadline=None, status=Status.VERHUISD
        ),
        "Wi2013": maak("Wi2013", pip_deadline=None, wi2013=True),
    }


@pytest.mark.parametrize(
    "status, verwacht",
    [
        ("te_laat", {"Laat"}),
        ("minder_dan_2_weken", {"Vandaag", "Week"}),
        ("minder_dan_4_weken", {"Drieweken"}),
        ("onbekend", {"Onbekend"}),
    ],
)
def test_the_deadline_filter_leaves_out_moved_closed_and_vastgesteld_dossiers(
    client_for, casusregisseur, deadlines, status, verwacht
):
    assert deadlines["Wi2013"].wet_regime == WetRegime.WI2013
    filters = {"pip_deadline": status}
    namen = {
        d.achternaam for d in werkvoorraad(casusregisseur, filters, {}, vandaag=VANDAAG)
    }
    assert namen == verwacht
    with freeze_time("2026-12-05 10:00"):
        client = client_for(casusregisseur)
        client.post(WERKVOORRAAD, {"pip_deadline": status, "sorteer": "naam"})
        page = client.get(WERKVOORRAAD).content.decode()
    for naam, persoon in deadlines.items():
        link = reverse("monitoring:dossier", args=[persoon.pk])
        assert (link in page) == (naam in verwacht), naam


def test_a_moved_dossier_does_not_sort_to_the_top_as_late(casusregisseur, deadlines):
    volgorde = [
        d.achternaam
        for d in werkvoorraad(
            casusregisseur, {"sorteer": "pip_deadline"}, {}, vandaag=VANDAAG
        )
    ]
    assert volgorde[:5] == ["Laat", "Vandaag", "Week", "Drieweken", "Ruim"]
    assert volgorde.index("Verhuisd") > volgorde.index("Onbekend")
    assert volgorde.index("Vrijgesteld") > volgorde.index("Vastgesteld")


@freeze_time("2026-12-05 10:00")
def test_the_deadline_column_shows_the_date_and_the_days(
    client_for, casusregisseur, deadlines
):
    page = client_for(casusregisseur).get(WERKVOORRAAD).content.decode()
    assert "12 december 2026" in page and "nog 7 dagen" in page
    assert "2 december 2026" in page and "te laat: 3 dagen" in page
    assert "5 december 2026" in page and "vandaag" in page
    # A vastgesteld PIP or a closed dossier leaves the cell empty.
    assert "PIP vastgesteld op" not in page
    assert "te laat: 90 dagen" not in page and "te laat: 9 dagen" not in page
    assert "te laat: 5 dagen" not in page


@freeze_time("2026-12-05 10:00")
def test_the_dossier_page_still_says_when_the_pip_was_vastgesteld(
    client_for, casusregisseur, deadlines
):
    client = client_for(casusregisseur)
    page = client.get(
        reverse("monitoring:dossier", args=[deadlines["Vastgesteld"].pk])
    ).content.decode()
    assert "PIP vastgesteld op 29 november 2026" in page
    page = client.get(
        reverse("monitoring:dossier", args=[deadlines["Verhuisd"].pk])
    ).content.decode()
    assert "Geen deadline meer (dossier gesloten)" in page
    assert "te laat" not in page.lower()
