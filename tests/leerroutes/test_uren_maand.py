"""A month of hours for every onderdeel of the traject in one submit on the route
page: all or nothing, recorded hours replaced only after a confirmation that shows
old against new, one timeline line per month and a verwerkingenlog row per
onderdeel."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis
from leerroutes.models import Organisatie, Traject, TrajectOnderdeel, Urenregistratie
from leerroutes.services.uren import geen_traject_reden
from tests.leerroutes.paginas import geweigerd
from tests.leerroutes.services.helpers import gelogd
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

VANDAAG = "2026-12-07 10:00:00"


def post_uren(client, dossier, maand="2026-10", **rijen):
    """The hours form: `rijen` as nt2=("40", "48") (aanwezig, geroosterd)."""
    data = {"uren-maand": maand}
    for onderdeel, (aanwezig, geroosterd) in rijen.items():
        data[f"uren-uren_aanwezig_{onderdeel}"] = aanwezig
        data[f"uren-uren_geroosterd_{onderdeel}"] = geroosterd
    return client.post(reverse("leerroutes:uren", args=[dossier.pk]), data)


def vastgelegd(dossier) -> dict:
    return {
        u.onderdeel: (u.uren_aanwezig, u.uren_geroosterd)
        for u in Urenregistratie.objects.filter(inburgeraar=dossier)
    }


@freeze_time(VANDAAG)
def test_one_post_records_the_month_for_every_onderdeel(
    client_for, casusregisseur, in_traject
):
    client = client_for(casusregisseur)
    html = client.get(reverse("leerroutes:route", args=[in_traject.pk])).content
    for onderdeel in ("nt2", "knm", "pvt", "map"):
        assert f'name="uren-uren_aanwezig_{onderdeel}"'.encode() in html
    tijdlijn_voor = Gebeurtenis.objects.filter(inburgeraar=in_traject).count()

    response = post_uren(
        client,
        in_traject,
        nt2=("40", "48"),
        knm=("7,5", ""),
        pvt=("", ""),  # an empty row is skipped
        map=("0", "4"),
    )

    assert response.status_code == 302
    assert vastgelegd(in_traject) == {
        "nt2": (Decimal(40), Decimal(48)),
        "knm": (Decimal("7.5"), None),
        "map": (Decimal(0), Decimal(4)),
    }
    assert {u.maand for u in Urenregistratie.objects.all()} == {dt.date(2026, 10, 1)}
    # One line on the casusregisseur's timeline for the month ...
    nieuw = Gebeurtenis.objects.filter(inburgeraar=in_traject).order_by("-pk")
    assert nieuw.count() == tijdlijn_voor + 1
    assert nieuw.first().omschrijving == (
        "Uren oktober 2026: NT2 (taal) 40 aanwezig; KNM 7,5 aanwezig; "
        "MAP (module arbeidsmarkt en participatie) 0 aanwezig"
    )
    # ... and a verwerkingenlog row for every onderdeel.
    assert gelogd(in_traject, "Uren vastgelegd (NT2 (taal), oktober 2026)")
    assert gelogd(in_traject, "Uren vastgelegd (KNM, oktober 2026)")
    assert gelogd(
        in_traject,
        "Uren vastgelegd (MAP (module arbeidsmarkt en participatie), oktober 2026)",
    )
    assert not Verwerking.objects.filter(actie_naam__contains="PVT").exists()


@freeze_time(VANDAAG)
def test_overwriting_a_month_asks_first_and_changes_nothing_without_confirmation(
    client_for, casusregisseur, in_traject
):
    client = client_for(casusregisseur)
    assert post_uren(client, in_traject, nt2=("40", "48")).status_code == 302
    wijzigingen = Verwerking.objects.filter(actie=Actie.WIJZIGEN).count()

    html = geweigerd(post_uren(client, in_traject, nt2=("30", "48"), knm=("8", "")))
    assert "Deze maand is al (deels) vastgelegd" in html
    assert "<td>40 aanwezig, 48 geroosterd</td>" in html
    assert "<td>30 aanwezig, 48 geroosterd</td>" in html
    assert 'name="uren-bevestigd" value="nt2"' in html
    assert 'value="30"' in html and 'value="8"' in html  # what was typed stays
    assert vastgelegd(in_traject) == {"nt2": (Decimal(40), Decimal(48))}
    assert Verwerking.objects.filter(actie=Actie.WIJZIGEN).count() == wijzigingen

    response = client.post(
        reverse("leerroutes:uren", args=[in_traject.pk]),
        {
            "uren-maand": "2026-10",
            "uren-uren_aanwezig_nt2": "30",
            "uren-uren_geroosterd_nt2": "48",
            "uren-uren_aanwezig_knm": "8",
            "uren-bevestigd": "nt2",
        },
    )
    assert response.status_code == 302
    assert vastgelegd(in_traject) == {
        "nt2": (Decimal(30), Decimal(48)),
        "knm": (Decimal(8), None),
    }
    assert gelogd(in_traject, "Uren vervangen (NT2 (taal), oktober 2026)")
    # The same values again replace nothing, so nothing is asked.
    assert post_uren(client, in_traject, nt2=("30", "48")).status_code == 302


@freeze_time(VANDAAG)
def test_a_confirmation_covers_only_the_rows_it_showed(
    client_for, casusregisseur, in_traject
):
    client = client_for(casusregisseur)
    post_uren(client, in_traject, nt2=("40", ""), knm=("8", ""))
    response = client.post(
        reverse("leerroutes:uren", args=[in_traject.pk]),
        {
            "uren-maand": "2026-10",
            "uren-uren_aanwezig_nt2": "30",
            "uren-uren_aanwezig_knm": "6",
            "uren-bevestigd": "nt2",  # confirmed NT2 only
        },
    )
    assert 'value="nt2,knm"' in geweigerd(response)
    assert vastgelegd(in_traject) == {"nt2": (40, None), "knm": (8, None)}


@freeze_time(VANDAAG)
@pytest.mark.parametrize(
    ("rijen", "melding", "getypt"),
    [
        (
            {"nt2": ("12,5", ""), "knm": ("veel", "")},
            "Voer een getal in.",
            ['value="12,5"', 'value="veel"'],
        ),
        (
            {"nt2": ("12,5", ""), "knm": ("9", "8")},
            "Meer uren aanwezig dan geroosterd.",
            ['value="12,5"', 'value="9"', 'value="8"'],
        ),
        (
            {"nt2": ("12,5", ""), "pvt": ("", "4")},
            "Vul ook de uren aanwezig in",
            ['value="12,5"', 'value="4"'],
        ),
        ({"nt2": ("", ""), "knm": ("", "")}, "ten minste één onderdeel", []),
    ],
)
def test_a_bad_row_changes_nothing_and_keeps_what_was_typed(
    client_for, casusregisseur, in_traject, rijen, melding, getypt
):
    tijdlijn_voor = Gebeurtenis.objects.count()
    html = geweigerd(post_uren(client_for(casusregisseur), in_traject, **rijen))
    assert melding in html
    for waarde in getypt:
        assert waarde in html
    assert "<title>Fout:" in html
    assert not Urenregistratie.objects.exists()
    assert Gebeurtenis.objects.count() == tijdlijn_voor


@freeze_time(VANDAAG)
def test_the_hours_error_names_the_real_cause_when_an_aanbieder_is_assigned(
    client_for, casusregisseur, in_traject
):
    # The traject starts on 2 March 2026: February has no traject.
    html = geweigerd(
        post_uren(client_for(casusregisseur), in_traject, "2026-02", nt2=("4", ""))
    )
    assert "In februari 2026 liep er nog geen traject" in html
    assert "begint op 2 maart 2026" in html
    assert "wijs eerst een aanbieder toe" not in html
    assert not Urenregistratie.objects.exists()


def test_geen_traject_reden_names_an_ended_traject_or_none_at_all():
    mei = dt.date(2026, 5, 1)
    assert geen_traject_reden([], mei) == (
        "Er is nog geen traject: wijs eerst een aanbieder toe."
    )
    beeindigd = Traject(
        aanbieder=Organisatie(naam="Taalschool Oost"),
        start=dt.date(2026, 1, 5),
        einde=dt.date(2026, 3, 31),
    )
    assert geen_traject_reden([beeindigd], mei) == (
        "In mei 2026 liep er geen traject: het traject bij Taalschool Oost is "
        "beëindigd op 31 maart 2026. Wijs een aanbieder toe voor deze maand of kies "
        "een eerdere maand."
    )


def test_another_gemeente_gets_404_and_the_klantmanager_403(
    client_for, andere_casusregisseur, klantmanager, in_traject
):
    for user, status in ((andere_casusregisseur, 404), (klantmanager, 403)):
        response = post_uren(client_for(user), in_traject, nt2=("4", ""))
        assert response.status_code == status
    assert not Urenregistratie.objects.exists()


def test_route_page_queries_do_not_grow_with_onderdelen(
    client_for, casusregisseur, traject, django_assert_max_num_queries
):
    client = client_for(casusregisseur)
    url = reverse("leerroutes:route", args=[traject.inburgeraar.pk])
    onderdelen = TrajectOnderdeel.objects.filter(traject=traject)
    bewaard = list(onderdelen.exclude(onderdeel="nt2"))
    onderdelen.exclude(onderdeel="nt2").delete()
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        assert b"uren_aanwezig_nt2" in client.get(url).content
    TrajectOnderdeel.objects.bulk_create(bewaard)
    assert Traject.objects.get().onderdelen.count() == 4
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert b"uren_aanwezig_map" in client.get(url).content
