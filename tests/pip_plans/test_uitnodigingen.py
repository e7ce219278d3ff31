"""The uitnodiging for the brede intake made in bulk (issue 20 item 5): the service
pip_plans.services.uitnodigingen.uitnodigingen_maken."""

import datetime as dt
import subprocess
from pathlib import Path

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Status
from pip_plans.models import Brief, BriefSoort, Brievenbundel
from pip_plans.services.uitnodigingen import MAX_BRIEVEN, uitnodigingen_maken
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.pdf import pdf_paginas, pdf_text
from zevenaar_inburgering.documents import private_storage, verify_document
from zevenaar_inburgering.verwerkingen.models import Verwerking

VANDAAG = "2026-03-05 10:00:00"
AFSPRAAK = {
    "afspraak_datum": dt.date(2026, 3, 19),
    "afspraak_tijd": dt.time(10, 30),
    "afspraak_plaats": "Gemeentehuis Zevenaar, Raadhuisplein 1",
}
VERZENDDATUM = dt.date(2026, 3, 6)


def met_adres(gemeente, casusregisseur, achternaam):
    return InburgeraarFactory(
        gemeente=gemeente,
        casusregisseur=casusregisseur,
        achternaam=achternaam,
        met_adres=True,
        huisnummer="12",
    )


@pytest.fixture
def drie(zevenaar, casusregisseur):
    return [
        met_adres(zevenaar, casusregisseur, naam)
        for naam in ("Haddad", "Tesfay", "Yilmaz")
    ]


def maken(dossiers, user, **anders):
    return uitnodigingen_maken(
        dossiers,
        **{**AFSPRAAK, "verzenddatum": VERZENDDATUM, **anders},
        acting_user=user,
    )


def bestanden() -> list[str]:
    """The files in private storage (empty folders may stay)."""
    root = Path(private_storage.location)
    return [str(p) for p in root.rglob("*") if p.is_file()]


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_three_dossiers_get_three_stored_letters_and_one_bundle(drie, casusregisseur):
    brieven = maken(drie, casusregisseur)

    assert [b.inburgeraar.achternaam for b in brieven] == ["Haddad", "Tesfay", "Yilmaz"]
    for brief, dossier in zip(brieven, drie, strict=True):
        brief.refresh_from_db()
        assert brief.soort == BriefSoort.UITNODIGING_INTAKE
        assert brief.dagtekening == dt.date(2026, 3, 5)
        assert brief.verzenddatum == VERZENDDATUM
        assert brief.kenmerk.startswith("UITN-0299-2026-")
        assert verify_document(brief.pdf, brief.sha256)
        tekst = pdf_text(brief)
        assert f"Beste {dossier.naam}" in tekst
        assert "Kerkstraat 12" in tekst and "6901 AB Zevenaar" in tekst
        assert "Gemeente Zevenaar" in tekst
        assert "donderdag 19 maart 2026" in tekst and "10:30 uur" in tekst
        assert "Raadhuisplein 1" in tekst and "tolk" in tekst
        assert "Verzonden op 6 maart 2026" in tekst
        assert Gebeurtenis.objects.filter(
            inburgeraar=dossier, omschrijving__contains=brief.kenmerk
        ).exists()
        assert Verwerking.objects.filter(
            object_id=str(dossier.pk), handeling="Uitnodiging brede intake"
        ).exists()

    bundel = Brievenbundel.objects.get()
    assert {b.bundel_id for b in brieven} == {bundel.pk}
    assert verify_document(bundel.pdf, bundel.sha256)
    with private_storage.open(bundel.pdf) as f:
        samen = f.read()
    with private_storage.open(brieven[0].pdf) as f:
        een = pdf_paginas(f.read())
    assert pdf_paginas(samen) == 3 * een
    tekst = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=samen, capture_output=True)
        .stdout.decode()
        .split()
    )
    assert tekst.index("Haddad") < tekst.index("Tesfay") < tekst.index("Yilmaz")


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_without_a_time_the_letter_says_we_will_call(drie, casusregisseur):
    (brief,) = maken(drie[:1], casusregisseur, afspraak_tijd=None)
    assert "Wij bellen u om de tijd van de afspraak" in pdf_text(brief)


@freeze_time(VANDAAG)
@pytest.mark.parametrize(
    "maak_fout, melding",
    [
        (
            lambda d: d.gemeente.__class__.objects.filter(pk=d.gemeente_id).update(
                telefoon=""
            ),
            "briefhoofd van de gemeente Zevenaar is niet compleet",
        ),
        (
            lambda d: type(d).objects.filter(pk=d.pk).update(postcode=""),
            "het adres niet compleet",
        ),
        (
            lambda d: type(d).objects.filter(pk=d.pk).update(status=Status.VERHUISD),
            "Deze dossiers zijn gesloten",
        ),
    ],
    ids=["briefhoofd", "adres", "gesloten"],
)
def test_one_refused_dossier_refuses_the_batch_naming_it(
    drie, casusregisseur, maak_fout, melding
):
    maak_fout(drie[1])
    with pytest.raises(ValidationError) as fout:
        maken(drie, casusregisseur)
    meldingen = " ".join(fout.value.message_dict["dossiers"])
    assert melding in meldingen and drie[1].naam in meldingen
    assert not Brief.objects.exists() and not Brievenbundel.objects.exists()
    assert bestanden() == []


@freeze_time(VANDAAG)
def test_a_dossier_out_of_scope_refuses_the_batch(drie, casusregisseur, dossier_duiven):
    with pytest.raises(ValidationError) as fout:
        maken([*drie, dossier_duiven], casusregisseur)
    assert "niet van u" in fout.value.message_dict["dossiers"][0]
    assert not Brief.objects.exists()


@freeze_time(VANDAAG)
def test_dates_and_numbers_are_checked_before_anything_is_made(drie, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        maken(drie, casusregisseur, verzenddatum=dt.date(2026, 3, 4))
    assert "vóór de dagtekening" in fout.value.message_dict["verzenddatum"][0]
    with pytest.raises(ValidationError) as fout:
        maken(drie, casusregisseur, afspraak_datum=VERZENDDATUM)
    assert "na de verzenddatum" in fout.value.message_dict["afspraak_datum"][0]
    with pytest.raises(ValidationError) as fout:
        maken([], casusregisseur)
    assert "Kies eerst" in fout.value.message_dict["dossiers"][0]
    veel = InburgeraarFactory.build_batch(MAX_BRIEVEN + 1)
    for i, d in enumerate(veel):
        d.pk = f"00000000-0000-0000-0000-{i:012d}"
    with pytest.raises(ValidationError) as fout:
        maken(veel, casusregisseur)
    assert "ten hoogste 100 brieven" in fout.value.message_dict["dossiers"][0]
    assert not Brief.objects.exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_failing_log_write_stores_nothing(drie, casusregisseur, monkeypatch):
    """LG-02: the verwerkingenlog fails, the batch fails, no file is left."""
    from zevenaar_inburgering.verwerkingen import log

    aanroepen = []

    def kapot(*args, **kwargs):
        aanroepen.append(1)
        if len(aanroepen) == 2:
            raise RuntimeError("log kapot")

    monkeypatch.setattr(log, "log_pdf_generated", kapot)
    with pytest.raises(RuntimeError):
        maken(drie, casusregisseur)
    assert not Brief.objects.exists() and not Brievenbundel.objects.exists()
    assert bestanden() == []
