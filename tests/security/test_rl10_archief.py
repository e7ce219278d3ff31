"""RL-10 and DOMAIN §13.6: archiving before deleting. Before the retention job
anonymises a dossier it writes the dossier's decisions to their archive package
(zevenaar_inburgering/archief.py, docs/archief.md); when it cannot, it changes
nothing. The decisions stay in the app afterwards, immutable.

The dossier: a Zevenaar asielstatushouder whose PIP was vastgesteld on 5 March 2026,
a bezwaar against it declared ongegrond on 20 April, and a handhavingszaak up to the
boete on 1 June — every PDF rendered by the services. It moved away on 2 June 2026;
the job runs on 1 June 2032, six years later.
"""

import hashlib
import io
import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake import tasks
from intake.models import Inburgeraar, Status
from pip_plans.models import Beschikking, BezwaarUitkomst, Brief, BriefSoort, Pip
from pip_plans.services import bezwaar as bezwaar_services
from tests.factories.intake import klaar_voor_pip
from tests.factories.pip_plans import pip_vaststellen, zaak_tot_boete
from tests.security.bewaartermijn import D
from zevenaar_inburgering import archief, bewaartermijn
from zevenaar_inburgering.archief import ArchiefExportMislukt
from zevenaar_inburgering.documents import private_storage, verify_document
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

RUN = "2032-06-01 03:30:00"
# Raw SQL: the ORM's delete would stop at on_delete=PROTECT before the trigger.
VERWIJDEREN = {
    Beschikking: "DELETE FROM pip_plans_beschikking WHERE id = %s",
    Brief: "DELETE FROM pip_plans_brief WHERE id = %s",
}


@pytest.fixture
def afgesloten(dossier, casusregisseur, collega):
    """The dossier of the module docstring, closed on 2 June 2026."""
    with freeze_time("2026-03-05 10:00:00"):
        klaar_voor_pip(dossier, casusregisseur)
        beschikking = pip_vaststellen(dossier, casusregisseur)
    with freeze_time("2026-04-20 10:00:00"):
        bezwaar = bezwaar_services.bezwaar_registreren(
            beschikking=beschikking,
            ontvangen_op=D(2026, 3, 15),
            gronden="Onderwijsroute niet onderzocht",
            acting_user=casusregisseur,
        )
        bezwaar_services.bezwaar_beslissen(
            bezwaar=bezwaar,
            versie=bezwaar.versie,
            besluit_datum=D(2026, 4, 20),
            uitkomst=BezwaarUitkomst.ONGEGROND,
            toelichting="De B1-route past.",
            acting_user=collega,
        )
    with freeze_time("2026-06-01 10:00:00"):
        zaak_tot_boete(dossier, casusregisseur, lambda veld: f"Tekst {veld}", collega)
    with freeze_time("2026-06-02 10:00:00"):
        dossier.refresh_from_db()
        dossier.status = Status.VERHUISD
        dossier.save()
    return dossier


def _draai() -> int:
    with freeze_time(RUN):
        return tasks.dossiers_anonimiseren()


def _documenten(dossier) -> list:
    return [*Beschikking.objects.filter(inburgeraar=dossier), *dossier.brieven.all()]


def _pakket(dossier) -> Path:
    return Path(settings.ARCHIEF_EXPORT_ROOT) / "0299" / str(dossier.pk)


def _inhoud(map_: Path) -> dict[str, bytes]:
    return {pad.name: pad.read_bytes() for pad in sorted(map_.iterdir())}


def test_decisions_are_exported_to_the_package_before_anonymising(afgesloten):
    documenten = _documenten(afgesloten)
    soorten = {getattr(d, "soort", "pip_beschikking") for d in documenten}
    assert soorten == {
        "pip_beschikking",
        BriefSoort.BESLISSING_OP_BEZWAAR,
        BriefSoort.WAARSCHUWING,
        BriefSoort.VOORNEMEN,
        BriefSoort.RAPPORT,
        BriefSoort.BOETEBESCHIKKING,
    }

    assert _draai() == 1

    pakket = _inhoud(_pakket(afgesloten))
    assert set(pakket) == {"manifest.json"} | {
        f"{d.kenmerk}.{ext}" for d in documenten for ext in ("pdf", "json")
    }
    for document in documenten:
        pdf = pakket[f"{document.kenmerk}.pdf"]
        assert pdf.startswith(b"%PDF-")
        assert hashlib.sha256(pdf).hexdigest() == document.sha256
        with private_storage.open(document.pdf, "rb") as bestand:
            assert pdf == bestand.read()  # the stored bytes, not a new render
    manifest = json.loads(pakket["manifest.json"])
    assert manifest["dossier"] == str(afgesloten.pk)
    assert manifest["gemeente_cbs_code"] == "0299"
    assert {b["naam"]: b["sha256"] for b in manifest["bestanden"]} == {
        naam: hashlib.sha256(inhoud).hexdigest()
        for naam, inhoud in pakket.items()
        if naam != "manifest.json"
    }
    afgesloten.refresh_from_db()
    assert afgesloten.geanonimiseerd_op is not None


def test_metadata_of_a_beschikking_and_a_beslissing_op_bezwaar(afgesloten):
    beschikking = Beschikking.objects.get(inburgeraar=afgesloten)
    beslissing = afgesloten.brieven.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR)

    _draai()

    pakket = _pakket(afgesloten)
    meta = json.loads((pakket / f"{beschikking.kenmerk}.json").read_text())
    assert meta == {
        "formaat": "liemers-inburgering-archiefpakket",
        "versie": 1,
        "gemeente": {"naam": "Zevenaar", "cbs_code": "0299"},
        "dossier": str(afgesloten.pk),
        "zaaktype": "Persoonlijk plan inburgering en participatie (PIP)",
        "documentsoort": {"code": "pip_beschikking", "naam": "PIP-beschikking"},
        "kenmerk": beschikking.kenmerk,
        "besluitdatum": "2026-03-05",
        "verzenddatum": "2026-03-05",
        "vastgesteld_op": beschikking.pip.vastgesteld_op.isoformat(),
        "bestand": {
            "naam": f"{beschikking.kenmerk}.pdf",
            "mediatype": "application/pdf",
            "pdf_variant": "pdf/a-3u",
            "sha256": beschikking.sha256,
        },
        "archiefnominatie": "vernietigen",
        "selectielijst_bewaartermijn_jaren": 10,
    }
    meta = json.loads((pakket / f"{beslissing.kenmerk}.json").read_text())
    assert meta["documentsoort"] == {
        "code": "beslissing_op_bezwaar",
        "naam": "Beslissing op bezwaar",
    }
    assert meta["zaaktype"] == "Bezwaar inburgering"
    assert (meta["besluitdatum"], meta["verzenddatum"]) == ("2026-04-20",) * 2
    assert meta["bestand"]["sha256"] == beslissing.sha256


def test_nominatie_and_term_are_dated_parameters_per_gemeente(afgesloten):
    """The gemeente's selectielijst sets them (DOMAIN §13.6 [U]): a row of its own
    from a date wins over the seeded general one, for decisions dated from then."""
    bron = "Selectielijst Zevenaar (test)"
    for code, waarde in (("archief_bewaren", 1), ("archief_bewaartermijn_jaren", 20)):
        Parameter.objects.create(
            code=code,
            gemeente=afgesloten.gemeente,
            geldig_vanaf="2026-04-01",
            waarde=waarde,
            bron=bron,
        )
    beschikking = Beschikking.objects.get(inburgeraar=afgesloten)
    beslissing = afgesloten.brieven.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR)

    _draai()

    def meta(document) -> tuple:
        tekst = (_pakket(afgesloten) / f"{document.kenmerk}.json").read_text()
        waarden = json.loads(tekst)
        return waarden["archiefnominatie"], waarden["selectielijst_bewaartermijn_jaren"]

    assert meta(beschikking) == ("vernietigen", 10)  # 5 March: the seeded row
    assert meta(beslissing) == ("bewaren", 20)  # 20 April: Zevenaar's own


def test_decisions_and_their_pdfs_are_kept_and_stay_immutable(afgesloten):
    voor = {(type(d), d.pk): (d.pdf, d.sha256) for d in _documenten(afgesloten)}

    _draai()

    for (model, pk), (pdf, sha256) in voor.items():
        rij = model.objects.get(pk=pk)
        assert (rij.pdf, rij.sha256) == (pdf, sha256)
        assert verify_document(pdf, sha256)  # still retrievable, unchanged
        with (
            pytest.raises(DatabaseError, match="niet toegestaan"),
            transaction.atomic(),
        ):
            model.objects.filter(pk=pk).update(sha256="")
        with (
            pytest.raises(DatabaseError, match="niet toegestaan"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(VERWIJDEREN[model], [pk])
    # The job switches only the triggers of the rows it wipes off, never these.
    ontgrendeld = {getattr(r, "onveranderlijk", "") for r in bewaartermijn.regels()}
    assert not ontgrendeld & {"beschikking_immutable", "brief_immutable"}


def test_the_app_no_longer_serves_the_pdfs_of_an_anonymised_dossier(
    afgesloten, client_for, casusregisseur
):
    """As before the archive kept them: the copy is for the archive, not for the
    screens (the dossier's casusregisseur still sees the anonymised dossier)."""
    documenten = _documenten(afgesloten)
    urls = [
        reverse("pip_plans:beschikking_pdf", args=[d.pk])
        if isinstance(d, Beschikking)
        else reverse("pip_plans:brief_pdf", args=[d.pk])
        for d in documenten
    ]
    client = client_for(casusregisseur)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)

    _draai()

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


@pytest.mark.parametrize("waar", ["onder een bestand", "/proc"])
def test_an_unwritable_location_stops_the_job_before_anything_changes(
    afgesloten, settings, tmp_path, caplog, waar
):
    """Tests run as root, for whom a read-only directory is still writable: a path
    under a regular file, or under /proc, fails for root too."""
    if waar == "/proc":
        settings.ARCHIEF_EXPORT_ROOT = Path("/proc/archief-liemers")
    else:
        (tmp_path / "bestand").write_text("geen map")
        settings.ARCHIEF_EXPORT_ROOT = tmp_path / "bestand" / "archief"
    bsn = afgesloten.bsn
    pips = list(Pip.objects.filter(inburgeraar=afgesloten).values())

    with (
        caplog.at_level(logging.INFO, logger="zevenaar_inburgering.retentie"),
        pytest.raises(ArchiefExportMislukt),
    ):
        _draai()

    afgesloten.refresh_from_db()
    assert afgesloten.bsn == bsn
    assert afgesloten.achternaam == "Haddad"
    assert afgesloten.geanonimiseerd_op is None
    assert list(Pip.objects.filter(inburgeraar=afgesloten).values()) == pips
    assert not Verwerking.objects.filter(
        object_id=str(afgesloten.pk), actie=Actie.VERWIJDEREN
    ).exists()
    regels = [r for r in caplog.records if r.name == "zevenaar_inburgering.retentie"]
    assert [r.levelname for r in regels] == ["ERROR"]
    assert "archiefexport mislukt" in regels[0].getMessage()
    assert bsn not in regels[0].getMessage()


def test_a_pdf_that_no_longer_matches_its_sha256_stops_the_job(afgesloten):
    beschikking = Beschikking.objects.get(inburgeraar=afgesloten)
    pad = Path(private_storage.path(beschikking.pdf))
    pad.write_bytes(pad.read_bytes() + b"\n")

    with pytest.raises(ArchiefExportMislukt, match=beschikking.kenmerk):
        _draai()

    afgesloten.refresh_from_db()
    assert afgesloten.geanonimiseerd_op is None
    assert not (_pakket(afgesloten) / "manifest.json").exists()


def test_the_command_stops_with_a_message(afgesloten, settings, tmp_path):
    (tmp_path / "bestand").write_text("geen map")
    settings.ARCHIEF_EXPORT_ROOT = tmp_path / "bestand" / "archief"
    with freeze_time(RUN), pytest.raises(CommandError, match="Archiefexport mislukt"):
        call_command("anonimiseren", stdout=io.StringIO())
    assert Inburgeraar.objects.get(pk=afgesloten.pk).geanonimiseerd_op is None


def test_a_second_run_exports_nothing_again(afgesloten):
    assert _draai() == 1
    pakket = _pakket(afgesloten)
    voor = {pad.name: pad.stat().st_mtime_ns for pad in pakket.iterdir()}

    assert _draai() == 0

    assert {pad.name: pad.stat().st_mtime_ns for pad in pakket.iterdir()} == voor


def test_a_run_after_a_failed_one_writes_the_same_package(afgesloten):
    """A run that exported and then rolled back (a crash, another dossier's export
    failing) leaves a package behind; the next run writes the same bytes over it."""
    archief.exporteren(bewaartermijn.archiefstukken([afgesloten.pk]))
    pakket = _pakket(afgesloten)
    voor = _inhoud(pakket)
    tijden = {pad.name: pad.stat().st_mtime_ns for pad in pakket.iterdir()}

    assert _draai() == 1

    assert _inhoud(pakket) == voor
    assert {pad.name: pad.stat().st_mtime_ns for pad in pakket.iterdir()} != tijden
