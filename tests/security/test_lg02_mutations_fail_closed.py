"""LG-02: the verwerkingenlog is written in the transaction of the change it logs.
When writing it fails, the processing fails (fail closed): nothing is changed, no
document is left behind, no page with personal data is shown, and the user sees
the Dutch error page. This module: changes through the UI, and documents stored in a
transaction that rolls back; reads are in test_lg02_reads_fail_closed.py, "no
sampling" in test_lg02_no_sampling.py, the static guards in test_lg02_static_guards.py.

The log writer is made to fail where a real failure would surface: the single
INSERT of verwerkingen.log._insert (called by log._write) raises a
DatabaseError. Every mutation test first shows that the request attempted the
write and changed nothing, then repeats the same request without the failure to
show it is a real, logged change (so the first half cannot pass vacuously).
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse

import pytest

from intake.models import BredeIntake, Inburgeraar, Werkervaring
from leerroutes.models import Participatieactiviteit, Traject
from pip_plans.handhaving.services import handhavingszaak_aanmaken
from pip_plans.models import Beschikking, Brief, Inburgeringstermijn, Pip, PipStatus
from tests.factories.intake import (
    BredeIntakeFactory,
    InburgeraarFactory,
    klaar_voor_pip,
    make_bsn,
    nieuw_dossier_post,
)
from tests.factories.leerroutes import taalaanbieder
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from tests.intake.test_dossier import form_data
from tests.security.failing_log import (
    assert_error_page,
    assert_fails_closed,
    log_write_fails,
    stored_documents,
)
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

# --- Mutations through the UI -------------------------------------------------------


def test_lg02_dossier_aanmaken_fails_closed(casus_client, zevenaar):
    bsn = make_bsn(4242)

    def send():
        return casus_client.post(
            reverse("intake:dossier_aanmaken"),
            nieuw_dossier_post(bsn, zevenaar),
        )

    assert_fails_closed(send, logged_actie=Actie.AANMAKEN)
    assert Inburgeraar.objects.filter(bsn=bsn).count() == 1


def test_lg02_dossier_wijzigen_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("intake:dossier_wijzigen", args=[dossier.pk]),
            form_data(dossier, achternaam="Haddad-Nieuw"),
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    dossier.refresh_from_db()
    assert dossier.achternaam == "Haddad-Nieuw"


def test_lg02_notitie_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
            {"tekst": "Gebeld over de intake."},
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)


def test_lg02_brede_intake_starten_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("intake:brede_intake", args=[dossier.pk]), {"aanleiding": "eerste"}
        )

    assert_fails_closed(send, logged_actie=Actie.AANMAKEN)
    assert BredeIntake.objects.filter(inburgeraar=dossier).count() == 1


def test_lg02_werkervaring_in_the_intake_fails_closed(casus_client, dossier):
    BredeIntakeFactory(inburgeraar=dossier)

    def send():
        return casus_client.post(
            reverse("intake:intake_werkervaring_toevoegen", args=[dossier.pk]),
            {"beroep": "Kok", "sector": "Horeca", "jaren": "4", "land": "Eritrea"},
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Werkervaring.objects.count() == 1


def test_lg02_pip_opstellen_fails_closed(casus_client, dossier, casusregisseur):
    klaar_voor_pip(dossier, casusregisseur)

    def send():
        return casus_client.post(reverse("pip_plans:pip_opstellen", args=[dossier.pk]))

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Pip.objects.count() == 1


@pytest.mark.pdf
def test_lg02_pip_vaststellen_fails_closed_and_leaves_no_pdf(
    casus_client, dossier, casusregisseur
):
    """Vaststellen writes its log rows last (the PDF's row is the very last), after
    the beschikking, its PDF, the termijn and the dossier status. Failing only that
    last write must undo all of it. (The form first saves the concept in its own
    transaction, with its own row: that part is a separate, completed processing.)"""
    klaar_voor_pip(dossier, casusregisseur)
    from pip_plans.services.pip import pip_opstellen

    pip = pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    data = {
        k: ("on" if v is True else v)
        for k, v in complete_pip_data().items()
        if v not in (None, False)
    }

    def send():
        pip.refresh_from_db()
        return casus_client.post(
            reverse("leerroutes:pip_bewerken", args=[dossier.pk, pip.pk]),
            {
                **data,
                "bewerkversie": pip.bewerkversie,
                "voorbeeld_gezien": "on",
                "actie": "vaststellen",
            },
        )

    status_before = Inburgeraar.objects.get(pk=dossier.pk).status
    with log_write_fails(lambda row: row.actie == Actie.PDF_GENEREREN) as attempted:
        response = send()
    assert [row.handeling for row in attempted] == ["Beschikking"]
    assert_error_page(response)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.exists()
    assert not Inburgeringstermijn.objects.exists()
    assert Inburgeraar.objects.get(pk=dossier.pk).status == status_before
    assert not Verwerking.objects.filter(actie_naam="PIP vastgesteld").exists()
    assert stored_documents() == set()  # the rendered PDF was removed again

    response = send()
    assert response.status_code == 302
    beschikking = Beschikking.objects.get()
    assert stored_documents() == {Path(settings.PRIVATE_MEDIA_ROOT) / beschikking.pdf}
    assert Verwerking.objects.filter(actie=Actie.PDF_GENEREREN).count() == 1


@pytest.mark.pdf
def test_lg02_handhaving_waarschuwing_fails_closed_and_leaves_no_letter(
    casus_client, dossier, casusregisseur
):
    zaak = handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 2, 2),
        feiten="Niet verschenen.",
        acting_user=casusregisseur,
    )

    def send():
        return casus_client.post(
            reverse("pip_plans:handhaving_waarschuwing", args=[zaak.pk]),
            {"waarschuwing-versie": "1", "waarschuwing-opdracht": "Kom op 1 april."},
        )

    assert_fails_closed(send, logged_actie=Actie.PDF_GENEREREN)
    assert Brief.objects.count() == 1
    assert len(stored_documents()) == 1


@pytest.mark.pdf
def test_lg02_traject_toewijzen_fails_closed(casus_client, dossier, casusregisseur):
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur)
    aanbieder = taalaanbieder()
    start = Inburgeraar.objects.get(pk=dossier.pk).termijn.startdatum

    def send():
        return casus_client.post(
            reverse("leerroutes:toewijzen", args=[dossier.pk]),
            {
                "aanbieder": aanbieder.pk,
                "start": start.isoformat(),
                "geplande_einde": (start + dt.timedelta(days=900)).isoformat(),
            },
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Traject.objects.count() == 1


def test_lg02_participatie_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("leerroutes:activiteit_toevoegen", args=[dossier.pk]),
            {
                "soort": "betaald_werk",
                "organisatie": "Bakkerij Smit",
                "uren_per_week": "16",
                "start": "2026-05-01",
            },
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Participatieactiviteit.objects.count() == 1


# --- Documents stored in a transaction that rolls back --------------------------------


def test_lg02_a_document_is_removed_when_its_log_row_fails_also_when_nested(
    casusregisseur,
):
    from zevenaar_inburgering.documents import atomic_with_documents, store_document

    dossier = InburgeraarFactory()

    @atomic_with_documents
    def opmaken(naam):
        """Stores a document and logs it, like brieven.brief_opmaken."""
        stored = store_document(b"%PDF-1.7 test", folder="test", filename=naam)[0]
        log.log_pdf_generated(dossier, user=casusregisseur, handeling="Test")
        return stored

    @atomic_with_documents
    def service(fail: bool):
        stored = opmaken("binnen.pdf")
        if fail:  # a later step of the outer transaction fails
            raise DatabaseError("test")
        return stored

    with pytest.raises(DatabaseError), log_write_fails():
        opmaken("los.pdf")
    assert stored_documents() == set()
    with pytest.raises(DatabaseError):
        service(fail=True)
    assert stored_documents() == set()
    name = service(fail=False)
    assert stored_documents() == {Path(settings.PRIVATE_MEDIA_ROOT) / name}
