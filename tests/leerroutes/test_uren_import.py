"""The aanbieder's hours file: all or nothing, idempotent per (aanbieder, person,
month, onderdeel), every bad row refused with its reason, set-based for 10,000 rows."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from leerroutes.forms.uren_import import UrenImportForm
from leerroutes.models import (
    Traject,
    UrenImport,
    Urenregistratie,
)
from leerroutes.services.uren_import import uren_importeren
from pip_plans.models import Pip
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory
from tests.factories.leerroutes import taalaanbieder
from zevenaar_inburgering.csvbestand import MAX_FILE_BYTES
from zevenaar_inburgering.termijnen import maanden_later

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
        f"{d.bsn};{maanden_later(START, m):%Y-%m};{onderdeel};{8 + m % 5};12"
        for d in dossiers
        for m in range(maanden)
        for onderdeel in ("nt2", "knm")
    ]
    return KOP + "\n".join(regels) + "\n"


def test_ten_thousand_rows_in_one_go_with_a_fixed_number_of_queries(
    zevenaar, aanbieder, casusregisseur, django_assert_max_num_queries
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
    # The upsert goes in batches of 2,000 rows (four more statements); nothing
    # else grows with the number of rows or people.
    with django_assert_max_num_queries(len(weinig.captured_queries) + 4):
        resultaat = importeer(aanbieder, casusregisseur, groot)
    assert (resultaat.status, resultaat.aantal_nieuw) == ("geimporteerd", 10_000)
    assert Urenregistratie.objects.count() == 10_000

    herhaald = importeer(aanbieder, casusregisseur, groot)
    assert herhaald.aantal_ongewijzigd == 10_000


def test_two_decimals_are_rounded_to_the_stored_one_and_stay_idempotent(
    klaar, aanbieder, casusregisseur
):
    bestand = KOP + f"{klaar.bsn};2026-09;nt2;40,55;48,04\n"
    assert importeer(aanbieder, casusregisseur, bestand).aantal_nieuw == 1
    regel = Urenregistratie.objects.get()
    assert (regel.uren_aanwezig, regel.uren_geroosterd) == (
        Decimal("40.6"),
        Decimal("48.0"),
    )
    assert importeer(aanbieder, casusregisseur, bestand).aantal_ongewijzigd == 1


def test_commas_a_bom_another_column_order_and_spreadsheet_leftovers_are_read(
    zevenaar, aanbieder, casusregisseur
):
    # A spreadsheet drops the BSN's leading zero and leaves rows of only separators.
    persoon = InburgeraarFactory(gemeente=zevenaar, bsn="012345672")
    snel_traject(persoon, aanbieder, casusregisseur)
    bestand = (
        "\ufeffOnderdeel,Maand,Uren_Aanwezig,BSN\n"
        "NT2,09-2026,12.5,12345672\n"
        ",,,\n"
        "knm,2026-09,3,012345672\n"
        ",,,\n"
    )
    resultaat = importeer(aanbieder, casusregisseur, bestand)
    assert (resultaat.status, resultaat.aantal_regels) == ("geimporteerd", 2)
    assert Urenregistratie.objects.get(onderdeel="nt2").uren_geroosterd is None


def test_a_short_row_is_refused_not_crashed_on(klaar, aanbieder, casusregisseur):
    bestand = (
        f"maand;onderdeel;uren_aanwezig;bsn\n2026-09;nt2;4;{klaar.bsn}\n2026-09;knm\n"
    )
    resultaat = importeer(aanbieder, casusregisseur, bestand)
    assert resultaat.status == "geweigerd"
    assert [fout["regel"] for fout in resultaat.fouten] == [3]
    assert "onbekend BSN" in resultaat.fouten[0]["reden"]
    assert "geen getal" in resultaat.fouten[0]["reden"]


def test_keurmerk_follows_its_validity_month_by_month(dossier, casusregisseur):
    verlopen = taalaanbieder("Taalschool Verlopen")
    verlopen.keurmerk_geldig_tot = dt.date(2026, 6, 15)
    verlopen.save()
    snel_traject(dossier, verlopen, casusregisseur)
    importeer(
        verlopen,
        casusregisseur,
        KOP + "\n".join(f"{dossier.bsn};2026-{m:02};nt2;10;" for m in (5, 6, 7)),
    )
    assert dict(Urenregistratie.objects.values_list("maand__month", "keurmerk")) == {
        5: True,
        6: True,  # valid on the first day of the month still counts
        7: False,
    }


def test_a_refused_import_is_kept_with_its_errors(klaar, aanbieder, casusregisseur):
    importeer(aanbieder, casusregisseur, KOP + f"{klaar.bsn};2026-09;nt2;veel;\n")
    resultaat = UrenImport.objects.get()
    assert resultaat.status == "geweigerd"
    assert resultaat.fouten == [{"regel": 2, "reden": "uren_aanwezig is geen getal."}]
    assert resultaat.aantal_nieuw == 0


def test_an_inactive_aanbieder_cannot_be_chosen(aanbieder):
    aanbieder.actief = False
    aanbieder.save()
    form = UrenImportForm(
        {"aanbieder": aanbieder.pk},
        {"bestand": SimpleUploadedFile("uren.csv", KOP.encode())},
    )
    assert "aanbieder" in form.errors


def test_a_file_over_20_mb_is_refused_before_it_is_read(aanbieder):
    form = UrenImportForm(
        {"aanbieder": aanbieder.pk},
        {"bestand": SimpleUploadedFile("groot.csv", b"x" * (MAX_FILE_BYTES + 1))},
    )
    assert form.errors["bestand"] == [
        "Het bestand is groter dan 20 MB. Splits het in delen."
    ]


def resultaat_url(imp):
    return reverse("leerroutes:uren_import_resultaat", args=[imp.pk])


def test_upload_redirects_to_the_result(client_for, klaar, aanbieder, casusregisseur):
    client = client_for(casusregisseur)
    pagina = client.get(reverse("leerroutes:uren_import")).content.decode()
    assert "Kolommen" in pagina and "bsn;maand;onderdeel" in pagina
    response = client.post(
        reverse("leerroutes:uren_import"),
        {
            "aanbieder": aanbieder.pk,
            "bestand": SimpleUploadedFile(
                "oktober.csv", (KOP + f"{klaar.bsn};2026-09;nt2;40;48\n").encode()
            ),
        },
    )
    imp = UrenImport.objects.get()
    assert response.status_code == 302
    assert response.url == resultaat_url(imp)
    assert "1 nieuw" in client.get(response.url).content.decode()
    assert (
        "oktober.csv" in client.get(reverse("leerroutes:uren_import")).content.decode()
    )


def test_an_unreadable_file_is_a_form_error(client_for, aanbieder, casusregisseur):
    response = client_for(casusregisseur).post(
        reverse("leerroutes:uren_import"),
        {"aanbieder": aanbieder.pk, "bestand": SimpleUploadedFile("leeg.csv", b"")},
    )
    assert response.status_code == 400
    assert "Fout:" in response.content.decode()
    assert not UrenImport.objects.exists()


def test_the_result_lists_at_most_200_errors_and_counts_the_rest(
    client_for, aanbieder, casusregisseur
):
    imp = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="fout.csv",
        geupload_door=casusregisseur,
        status="geweigerd",
        aantal_regels=250,
        fouten=[{"regel": n, "reden": "maand onleesbaar."} for n in range(2, 252)],
    )
    pagina = client_for(casusregisseur).get(resultaat_url(imp)).content.decode()
    assert pagina.count("Maand onleesbaar.") == 200
    assert "En nog 50 regels met een fout." in pagina
    lijst = client_for(casusregisseur).get(reverse("leerroutes:uren_import"))
    assert "250 fouten" in lijst.content.decode()


def test_imports_are_seen_within_the_gemeente_only(
    client_for, aanbieder, casusregisseur, andere_casusregisseur, zevenaar
):
    imp = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="uren.csv",
        geupload_door=casusregisseur,
        status="geimporteerd",
    )
    collega = UserFactory(gemeenten=[zevenaar])
    zonder_gemeente = UserFactory()
    zonder_gemeente.gemeenten.clear()
    eigen = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="eigen.csv",
        geupload_door=zonder_gemeente,
        status="geimporteerd",
    )
    assert client_for(collega).get(resultaat_url(imp)).status_code == 200
    assert client_for(andere_casusregisseur).get(resultaat_url(imp)).status_code == 404
    assert list(UrenImport.objects.visible_to(zonder_gemeente)) == [eigen]


def test_other_roles_and_anonymous_users_are_kept_out(
    client, client_for, aanbieder, casusregisseur, klantmanager, beleidsmedewerker
):
    imp = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="uren.csv",
        geupload_door=casusregisseur,
        status="geimporteerd",
    )
    urls = [reverse("leerroutes:uren_import"), resultaat_url(imp)]
    for url in urls:
        assert client.get(url).url.startswith(resolve_url(settings.LOGIN_URL))
    for user in (klantmanager, beleidsmedewerker):
        for url in urls:
            assert client_for(user).get(url).status_code == 403


def test_wrong_methods_are_refused(client_for, aanbieder, casusregisseur):
    imp = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="uren.csv",
        geupload_door=casusregisseur,
        status="geimporteerd",
    )
    client = client_for(casusregisseur)
    assert client.post(resultaat_url(imp)).status_code == 405
    assert client.delete(reverse("leerroutes:uren_import")).status_code == 405
