"""The aanbieder's hours file: all or nothing, idempotent per (aanbieder, person,
month, onderdeel), every bad row refused with its reason, set-based for 10,000 rows."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from leerroutes.models import (
    Traject,
    UrenImport,
    Urenregistratie,
)
from leerroutes.uren_import import uren_importeren
from pip_plans.models import Pip
from pip_plans.rules import add_months
from tests.factories import InburgeraarFactory
from tests.leerroutes.conftest import taalaanbieder

pytestmark = pytest.mark.django_db

KOP = "bsn;maand;onderdeel;uren_aanwezig;uren_geroosterd\n"
START = dt.date(2024, 1, 1)


def snel_traject(dossier, aanbieder, user, start=START, einde=None):
    """A traject straight in the database: the import only needs it to exist."""
    pip = Pip.objects.create(
        inburgeraar=dossier, versie=1, leerroute="b1", aangemaakt_door=user
    )
    return Traject.objects.create(
        inburgeraar=dossier,
        pip=pip,
        leerroute="b1",
        aanbieder=aanbieder,
        contract=aanbieder.contracten.first(),
        start=start,
        geplande_einde=dt.date(2027, 1, 1),
        einde=einde,
        einde_reden="beeindigd" if einde else "",
        aangemaakt_door=user,
    )


def importeer(aanbieder, user, tekst):
    return uren_importeren(
        aanbieder=aanbieder,
        content=tekst.encode(),
        bestandsnaam="uren.csv",
        acting_user=user,
    )


@pytest.fixture
def klaar(dossier, aanbieder, casusregisseur):
    snel_traject(dossier, aanbieder, casusregisseur)
    return dossier


def test_import_is_idempotent_and_a_new_value_replaces(
    klaar, aanbieder, casusregisseur
):
    bestand = KOP + f"{klaar.bsn};2026-09;nt2;40,5;48\n{klaar.bsn};09-2026;knm;6;8\n"
    eerste = importeer(aanbieder, casusregisseur, bestand)
    assert (eerste.status, eerste.aantal_nieuw) == ("geimporteerd", 2)
    assert Urenregistratie.objects.get(onderdeel="nt2").uren_aanwezig == Decimal("40.5")
    assert Urenregistratie.objects.get(onderdeel="nt2").keurmerk is True

    tweede = importeer(aanbieder, casusregisseur, bestand)
    assert (
        tweede.aantal_nieuw,
        tweede.aantal_gewijzigd,
        tweede.aantal_ongewijzigd,
    ) == (
        0,
        0,
        2,
    )
    assert Urenregistratie.objects.count() == 2

    derde = importeer(
        aanbieder, casusregisseur, KOP + f"{klaar.bsn};2026-09;nt2;44;48\n"
    )
    assert derde.aantal_gewijzigd == 1
    assert Urenregistratie.objects.get(onderdeel="nt2").uren_aanwezig == 44
    assert klaar.routestand.uren_gevolgd == 50


def test_hours_without_keurmerk_are_marked(dossier, casusregisseur):
    zonder = taalaanbieder("Taalschool Zonder", keurmerk=False)
    snel_traject(dossier, zonder, casusregisseur)
    importeer(zonder, casusregisseur, KOP + f"{dossier.bsn};2026-09;nt2;40;\n")
    assert Urenregistratie.objects.get().keurmerk is False


def test_every_bad_row_is_refused_with_its_reason_and_nothing_is_written(
    klaar, aanbieder, casusregisseur, dossier_duiven
):
    zonder_traject = InburgeraarFactory(gemeente=klaar.gemeente)
    bestand = KOP + "\n".join(
        [
            f"{klaar.bsn};2026-09;nt2;40;48",  # 2: good
            "999999990;2026-09;nt2;40;48",  # 3: unknown BSN
            f"{dossier_duiven.bsn};2026-09;nt2;40;48",  # 4: another gemeente
            f"{klaar.bsn};september;nt2;40;48",  # 5: bad month
            f"{klaar.bsn};2099-01;nt2;40;48",  # 6: future month
            f"{klaar.bsn};2026-08;zwemmen;40;48",  # 7: unknown onderdeel
            f"{klaar.bsn};2026-07;nt2;-4;48",  # 8: negative
            f"{klaar.bsn};2026-06;nt2;50;48",  # 9: more than scheduled
            f"{zonder_traject.bsn};2026-09;nt2;40;48",  # 10: no traject there
            f"{klaar.bsn};2026-09;nt2;41;48",  # 11: same key twice
            f"{klaar.bsn};2026-05;nt2;veel;48",  # 12: not a number
        ]
    )
    resultaat = importeer(aanbieder, casusregisseur, bestand)
    assert resultaat.status == "geweigerd"
    redenen = {fout["regel"]: fout["reden"] for fout in resultaat.fouten}
    assert set(redenen) == set(range(3, 13))
    assert "onbekend BSN" in redenen[3]
    assert "onbekend BSN" in redenen[4]  # out of scope reads as unknown
    assert "maand onleesbaar" in redenen[5]
    assert "toekomst" in redenen[6]
    assert "onbekend onderdeel" in redenen[7]
    assert "negatief" in redenen[8]
    assert "meer uren aanwezig dan geroosterd" in redenen[9]
    assert "geen traject" in redenen[10]
    assert "al eerder in het bestand" in redenen[11]
    assert "geen getal" in redenen[12]
    assert not Urenregistratie.objects.exists()
    assert not klaar.gebeurtenissen.filter(soort="leerroute").exists()


def test_hours_outside_the_traject_are_refused(dossier, aanbieder, casusregisseur):
    snel_traject(
        dossier,
        aanbieder,
        casusregisseur,
        start=dt.date(2026, 3, 10),
        einde=dt.date(2026, 6, 5),
    )
    resultaat = importeer(
        aanbieder,
        casusregisseur,
        KOP
        + f"{dossier.bsn};2026-02;nt2;4;\n{dossier.bsn};2026-03;nt2;4;\n"
        + f"{dossier.bsn};2026-06;nt2;4;\n{dossier.bsn};2026-07;nt2;4;\n",
    )
    assert [fout["regel"] for fout in resultaat.fouten] == [2, 5]


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        (b"", "leeg"),
        (b"bsn;maand\n1;2", "ontbreken"),
        (KOP.encode(), "alleen een kopregel"),
        ("bsn;maand;onderdeel;uren_aanwezig\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_unreadable_files_are_refused_whole(aanbieder, casusregisseur, inhoud, melding):
    with pytest.raises(ValidationError, match=melding):
        uren_importeren(
            aanbieder=aanbieder,
            content=inhoud,
            bestandsnaam="x.csv",
            acting_user=casusregisseur,
        )
    assert not UrenImport.objects.exists()


def _bestand(dossiers, maanden):
    regels = [
        f"{d.bsn};{add_months(START, m):%Y-%m};{onderdeel};{8 + m % 5};12"
        for d in dossiers
        for m in range(maanden)
        for onderdeel in ("nt2", "knm")
    ]
    return KOP + "\n".join(regels) + "\n"


def test_ten_thousand_rows_in_one_go_with_a_fixed_number_of_queries(
    zevenaar, aanbieder, casusregisseur
):
    dossiers = [InburgeraarFactory(gemeente=zevenaar) for _ in range(200)]
    for dossier in dossiers:
        snel_traject(dossier, aanbieder, casusregisseur)
    klein = _bestand(dossiers[:2], 2)
    with CaptureQueriesContext(connection) as weinig:
        assert importeer(aanbieder, casusregisseur, klein).aantal_nieuw == 8
    Urenregistratie.objects.all().delete()

    groot = _bestand(dossiers, 25)  # 200 people × 25 months × 2 onderdelen
    assert groot.count("\n") == 10_001
    with CaptureQueriesContext(connection) as veel:
        resultaat = importeer(aanbieder, casusregisseur, groot)
    assert (resultaat.status, resultaat.aantal_nieuw) == ("geimporteerd", 10_000)
    assert Urenregistratie.objects.count() == 10_000
    # Batches of 2,000 rows grow the count a little; rows never do one each.
    assert len(veel.captured_queries) <= len(weinig.captured_queries) + 10

    herhaald = importeer(aanbieder, casusregisseur, groot)
    assert herhaald.aantal_ongewijzigd == 10_000


def test_upload_page_result_and_scope(
    client_for, klaar, aanbieder, casusregisseur, andere_casusregisseur, klantmanager
):
    client = client_for(casusregisseur)
    assert "Kolommen" in client.get(reverse("leerroutes:uren_import")).content.decode()
    response = client.post(
        reverse("leerroutes:uren_import"),
        {
            "aanbieder": aanbieder.pk,
            "bestand": SimpleUploadedFile(
                "oktober.csv", (KOP + f"{klaar.bsn};2026-09;nt2;40;48\n").encode()
            ),
        },
    )
    assert response.status_code == 302
    resultaat = client.get(response.url).content.decode()
    assert "1 nieuw" in resultaat

    response = client.post(
        reverse("leerroutes:uren_import"),
        {"aanbieder": aanbieder.pk, "bestand": SimpleUploadedFile("leeg.csv", b"")},
    )
    assert response.status_code == 400

    imp = UrenImport.objects.get()
    assert client_for(andere_casusregisseur).get(response_url(imp)).status_code == 404
    assert client_for(klantmanager).get(response_url(imp)).status_code == 403


def response_url(imp):
    return reverse("leerroutes:uren_import_resultaat", args=[imp.pk])
