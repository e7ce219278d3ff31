from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from intake.duo_import import COLUMNS, duo_signalen_importeren
from intake.models import DuoSignaal, Gebeurtenis, Inburgeraar, Status, Uitkomst
from tests.factories.intake import InburgeraarFactory, make_bsn
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db


def csv_file(*rows: dict, delimiter: str = ";") -> bytes:
    lines = [delimiter.join(COLUMNS)]
    for row in rows:
        lines.append(delimiter.join(str(row.get(c, "")) for c in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def nieuw(signaal_id: str, bsn: str, **fields) -> dict:
    return {
        "signaal_id": signaal_id,
        "soort": "nieuw",
        "bsn": bsn,
        "voornamen": "Yonas",
        "achternaam": "Tesfamariam",
        "geboortedatum": "1991-04-12",
        "geslacht": "M",
        "doelgroep": "asielstatushouder",
        "wet_regime": "wi2021",
        "start_inburgeringsplicht": "2026-01-15",
        "datum_kennisgeving": "05-02-2026",
        "gemeente_cbs": "0299",
        **fields,
    }


def wijziging(signaal_id: str, bsn: str, **fields) -> dict:
    """A wijziging: only the cells it carries change the dossier of `bsn`."""
    return {"signaal_id": signaal_id, "soort": "wijziging", "bsn": bsn, **fields}


def correctie(signaal_id: str, corrigeert: str, **fields) -> dict:
    """A correctie of the signal `corrigeert`: without data it reverses it."""
    return {
        "signaal_id": signaal_id,
        "soort": "correctie",
        "corrigeert_signaal_id": corrigeert,
        **fields,
    }


def importeer(content: bytes, user):
    return duo_signalen_importeren(
        content=content, bestandsnaam="signalen.csv", acting_user=user
    )


def outcomes(result) -> list[tuple[str, str]]:
    return [(r.signaal_id, r.uitkomst) for r in result.regels.all()]


def test_nieuw_creates_a_dossier_with_timeline_and_log(casusregisseur):
    bsn = make_bsn(1)
    result = importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    dossier = Inburgeraar.objects.get(bsn=bsn)
    assert outcomes(result) == [("S1", Uitkomst.AANGEMAAKT)]
    assert dossier.status == Status.SIGNAAL_ONTVANGEN
    assert dossier.datum_kennisgeving.isoformat() == "2026-02-05"
    assert dossier.geslacht == "man"
    assert dossier.gemeente.naam == "Zevenaar"
    assert "S1" in dossier.gebeurtenissen.get().omschrijving
    assert Verwerking.objects.get(actie=Actie.IMPORTEREN).object_id == str(dossier.pk)


def test_a_new_asielstatushouder_starts_with_an_asylum_permit_others_unknown(
    casusregisseur,
):
    """DUO reports the doelgroep, not the permit: a family member of an
    asielstatushouder may be a nareiziger (derived asylum permit) or hold a regular
    permit, so it is not guessed (Pw art. 56a, DOMAIN.md §13.5)."""
    importeer(
        csv_file(
            nieuw("S1", make_bsn(1)),
            nieuw("S2", make_bsn(2), doelgroep="gezinshereniger_asiel"),
        ),
        casusregisseur,
    )
    vergunningen = dict(Inburgeraar.objects.values_list("bsn", "verblijfsvergunning"))
    assert vergunningen == {make_bsn(1): "asiel", make_bsn(2): "onbekend"}


def test_the_same_file_twice_changes_nothing(casusregisseur):
    content = csv_file(nieuw("S1", make_bsn(1)), nieuw("S2", make_bsn(2)))
    importeer(content, casusregisseur)
    before = (
        Inburgeraar.objects.count(),
        Gebeurtenis.objects.count(),
        list(Inburgeraar.objects.values_list("versie", flat=True)),
    )
    second = importeer(content, casusregisseur)
    assert {u for _, u in outcomes(second)} == {Uitkomst.ONGEWIJZIGD}
    after = (
        Inburgeraar.objects.count(),
        Gebeurtenis.objects.count(),
        list(Inburgeraar.objects.values_list("versie", flat=True)),
    )
    assert before == after


def test_wijziging_updates_the_fields_it_carries(casusregisseur):
    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    result = importeer(
        csv_file(
            wijziging(
                "S2",
                bsn,
                datum_brp_inschrijving="2026-03-01",
                achternaam="Tesfamariam Haile",
            )
        ),
        casusregisseur,
    )
    dossier = Inburgeraar.objects.get(bsn=bsn)
    assert outcomes(result) == [("S2", Uitkomst.BIJGEWERKT)]
    assert dossier.achternaam == "Tesfamariam Haile"
    assert dossier.voornamen == "Yonas"  # empty cells leave fields alone
    assert dossier.versie == 2
    event = dossier.gebeurtenissen.filter(omschrijving__contains="S2").get()
    assert {
        "veld": "Achternaam",
        "oud": "Tesfamariam",
        "nieuw": "Tesfamariam Haile",
    } in (event.wijzigingen)


def test_correctie_without_data_reverses_a_wijziging(casusregisseur):
    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    importeer(
        csv_file(
            wijziging("S2", bsn, achternaam="Verkeerd", datum_kennisgeving="2026-02-20")
        ),
        casusregisseur,
    )
    result = importeer(csv_file(correctie("C1", "S2")), casusregisseur)
    dossier = Inburgeraar.objects.get(bsn=bsn)
    assert outcomes(result) == [("C1", Uitkomst.TERUGGEDRAAID)]
    assert dossier.achternaam == "Tesfamariam"
    assert dossier.datum_kennisgeving.isoformat() == "2026-02-05"
    assert DuoSignaal.objects.get(signaal_id="S2").gecorrigeerd_door.signaal_id == "C1"


def test_correctie_does_not_undo_a_later_change_by_a_person(casusregisseur):
    from intake import services

    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    importeer(
        csv_file(wijziging("S2", bsn, achternaam="Duo", voornamen="Yonas Haile")),
        casusregisseur,
    )
    dossier = Inburgeraar.objects.get(bsn=bsn)
    services.inburgeraar_wijzigen(
        inburgeraar=dossier,
        data={"achternaam": "Handmatig"},
        versie=dossier.versie,
        acting_user=casusregisseur,
    )
    result = importeer(csv_file(correctie("C1", "S2")), casusregisseur)
    dossier.refresh_from_db()
    assert dossier.achternaam == "Handmatig"
    assert dossier.voornamen == "Yonas"
    assert "achternaam" in result.regels.get().reden


def test_correctie_of_a_nieuw_signal_ontkoppelt_the_dossier(casusregisseur):
    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    result = importeer(csv_file(correctie("C1", "S1")), casusregisseur)
    assert outcomes(result) == [("C1", Uitkomst.TERUGGEDRAAID)]
    assert Inburgeraar.objects.get(bsn=bsn).status == Status.ONTKOPPELD


def test_correctie_with_data_corrects_those_fields(casusregisseur):
    bsn, correct_bsn = make_bsn(1), make_bsn(2)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    result = importeer(
        csv_file(correctie("C1", "S1", bsn=correct_bsn, geboortedatum="1991-04-21")),
        casusregisseur,
    )
    assert outcomes(result) == [("C1", Uitkomst.GECORRIGEERD)]
    dossier = Inburgeraar.objects.get(bsn=correct_bsn)
    assert dossier.geboortedatum.isoformat() == "1991-04-21"
    assert not Inburgeraar.objects.filter(bsn=bsn).exists()


def test_a_signal_is_corrected_only_once(casusregisseur):
    importeer(csv_file(nieuw("S1", make_bsn(1))), casusregisseur)
    result = importeer(
        csv_file(
            correctie("C1", "S1"),
            correctie("C2", "S1"),
        ),
        casusregisseur,
    )
    assert outcomes(result) == [
        ("C1", Uitkomst.TERUGGEDRAAID),
        ("C2", Uitkomst.GEWEIGERD),
    ]


def test_bad_rows_are_refused_with_a_reason_and_change_nothing(
    casusregisseur, dossier_duiven
):
    good = make_bsn(10)
    result = importeer(
        csv_file(
            nieuw("OK", good),
            nieuw("BSN", "123456789"),
            nieuw("DATUM", make_bsn(11), geboortedatum="31-02-1990"),
            nieuw("GEM", make_bsn(12), gemeente_cbs="0363"),
            nieuw("ANDER", make_bsn(13), gemeente_cbs="0226"),
            nieuw("LEEG", make_bsn(14), achternaam=""),
            wijziging("W", make_bsn(15), achternaam="X"),
            {"signaal_id": "SOORT", "soort": "verwijder", "bsn": make_bsn(16)},
            correctie("C", "ONBEKEND"),
            wijziging("GEHEIM", dossier_duiven.bsn, achternaam="Overschreven"),
        ),
        casusregisseur,
    )
    by_id = {r.signaal_id: r for r in result.regels.all()}
    assert by_id["OK"].uitkomst == Uitkomst.AANGEMAAKT
    refused = {k: r.reden for k, r in by_id.items() if r.uitkomst == Uitkomst.GEWEIGERD}
    assert set(refused) == {
        "BSN",
        "DATUM",
        "GEM",
        "ANDER",
        "LEEG",
        "W",
        "SOORT",
        "C",
        "GEHEIM",
    }
    assert "BSN" in refused["BSN"]
    assert "geboortedatum" in refused["DATUM"]
    assert "0363" in refused["GEM"]
    assert "Duiven" in refused["ANDER"]
    assert "achternaam" in refused["LEEG"]
    assert "geen dossier" in refused["W"]
    assert "geen toegang" in refused["GEHEIM"]
    assert Inburgeraar.objects.count() == 2  # the good one and dossier_duiven
    dossier_duiven.refresh_from_db()
    assert dossier_duiven.achternaam == "Tesfay"
    assert result.samenvatting == {"aangemaakt": 1, "geweigerd": 9}


def test_ragged_rows_are_refused(casusregisseur):
    content = b"signaal_id;soort;bsn\nS1;nieuw\nS2;nieuw;1;2;3\n"
    result = importeer(content, casusregisseur)
    assert [r.uitkomst for r in result.regels.all()] == [Uitkomst.GEWEIGERD] * 2
    assert "kolommen" in result.regels.first().reden


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"signaal_id;soort\n", "ontbreken"),
        ("signaal_id;soort;bsn\n".encode("utf-16"), "UTF-8"),
        (b"signaal_id;soort;bsn\n", "geen signalen"),
    ],
)
def test_unreadable_files_are_refused_whole(casusregisseur, content, message):
    with pytest.raises(ValidationError, match=message):
        importeer(content, casusregisseur)


def test_comma_delimited_file_with_bom_is_read(casusregisseur):
    content = "\ufeff".encode() + csv_file(nieuw("S1", make_bsn(1)), delimiter=",")
    assert outcomes(importeer(content, casusregisseur)) == [("S1", Uitkomst.AANGEMAAKT)]


def test_upload_page_shows_the_result_and_errors(client_for, casusregisseur):
    client = client_for(casusregisseur)
    bsn = make_bsn(3)
    response = client.post(
        reverse("intake:duo_import"),
        {
            "bestand": SimpleUploadedFile(
                "s.csv", csv_file(nieuw("S1", bsn), nieuw("S2", "1"))
            )
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Aangemaakt" in page and "Geweigerd" in page and "Tesfamariam" in page
    response = client.post(
        reverse("intake:duo_import"),
        {"bestand": SimpleUploadedFile("s.csv", b"x;y\n1;2\n")},
    )
    assert response.status_code == 400
    assert "kolommen ontbreken" in response.content.decode()


def test_import_result_is_not_visible_to_another_casusregisseur(
    client_for, casusregisseur, andere_casusregisseur
):
    result = importeer(csv_file(nieuw("S1", make_bsn(1))), casusregisseur)
    url = reverse("intake:duo_import_resultaat", args=[result.pk])
    assert client_for(andere_casusregisseur).get(url).status_code == 404


def test_existing_dossier_with_nieuw_signal_is_updated_not_duplicated(
    casusregisseur, zevenaar
):
    existing = InburgeraarFactory(gemeente=zevenaar, achternaam="Oud")
    result = importeer(
        csv_file(nieuw("S1", existing.bsn, achternaam="Nieuw")), casusregisseur
    )
    assert outcomes(result) == [("S1", Uitkomst.BIJGEWERKT)]
    existing.refresh_from_db()
    assert existing.achternaam == "Nieuw"


@pytest.mark.slow
def test_a_5000_row_file(casusregisseur, django_assert_max_num_queries):
    rows = [
        nieuw(f"S{i}", make_bsn(100_000 + i), achternaam=f"Persoon{i}")
        for i in range(5000)
    ]
    # make_bsn may repeat for different seeds; keep the first of each BSN
    seen, unique_rows = set(), []
    for row in rows:
        if row["bsn"] not in seen:
            seen.add(row["bsn"])
            unique_rows.append(row)
    content = csv_file(*unique_rows)
    with django_assert_max_num_queries(60):
        result = importeer(content, casusregisseur)
    assert result.samenvatting == {"aangemaakt": len(unique_rows)}
    assert Inburgeraar.objects.count() == len(unique_rows)
    assert Verwerking.objects.filter(actie=Actie.IMPORTEREN).count() == len(unique_rows)
    again = importeer(content, casusregisseur)
    assert again.samenvatting == {"ongewijzigd": len(unique_rows)}


def test_correctie_naming_only_the_same_bsn_is_a_reversal(casusregisseur):
    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    result = importeer(csv_file(correctie("C1", "S1", bsn=bsn)), casusregisseur)
    assert outcomes(result) == [("C1", Uitkomst.TERUGGEDRAAID)]
    assert Inburgeraar.objects.get(bsn=bsn).status == Status.ONTKOPPELD


def test_a_new_signal_reconnects_an_ontkoppeld_dossier(casusregisseur):
    bsn = make_bsn(1)
    importeer(csv_file(nieuw("S1", bsn)), casusregisseur)
    importeer(csv_file(correctie("C1", "S1")), casusregisseur)
    result = importeer(csv_file(nieuw("S2", bsn)), casusregisseur)
    assert outcomes(result) == [("S2", Uitkomst.BIJGEWERKT)]
    assert Inburgeraar.objects.get(bsn=bsn).status == Status.SIGNAAL_ONTVANGEN


def test_an_invalid_bsn_is_reported_once(casusregisseur):
    result = importeer(csv_file(nieuw("S1", "123456789")), casusregisseur)
    assert result.regels.get().reden == "bsn: ongeldig BSN (9 cijfers en de elfproef)"


def test_a_person_outside_18_to_the_aow_age_is_imported_and_flagged(casusregisseur):
    """Wet art. 3 [S]: flagged for review on the result page, not refused."""
    result = importeer(
        csv_file(
            nieuw("S1", make_bsn(1), geboortedatum="2009-05-01"),
            nieuw("S2", make_bsn(2), geboortedatum="1950-05-01"),
            nieuw("S3", make_bsn(3)),
        ),
        casusregisseur,
    )
    regels = {r.signaal_id: r for r in result.regels.all()}
    assert {r.uitkomst for r in regels.values()} == {Uitkomst.AANGEMAAKT}
    assert "jonger dan 18 jaar" in regels["S1"].reden
    assert "AOW-leeftijd" in regels["S2"].reden
    assert regels["S3"].reden == ""
