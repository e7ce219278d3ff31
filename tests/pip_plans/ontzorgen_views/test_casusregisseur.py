"""The ontzorgen page of the casusregisseur: starting and filling in ontzorgen, the
beschikking, bad input answered on the form with status 400, and stale forms refused."""

from decimal import Decimal

from django.urls import reverse

import pytest

from intake.models import Gebeurtenis
from pip_plans.models import Brief, Ontzorging, VasteLast, VasteLastSoort
from pip_plans.ontzorgen.vaste_lasten import vaste_last_wijzigen
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.http import doorgestuurd
from tests.pip_plans.ontzorgen_views.helpers import (
    D,
    actie,
    huur,
    last_post,
    pagina,
    title,
)
from tests.project.test_pdf import pdf_text
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


def test_casusregisseur_starts_and_fills_in_ontzorgen(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    response = client.get(pagina(dossier))
    assert response.status_code == 200
    assert 'value="2026-04-01"' in response.content.decode()  # the bijstand start

    doorgestuurd(
        client, actie("ontzorgen_starten", dossier), {"start-startdatum": "2026-04-01"}
    )
    ontzorging = Ontzorging.objects.get(inburgeraar=dossier)
    assert ontzorging.einddatum == D(2026, 9, 30)

    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    doorgestuurd(client, url, last_post(last))
    last.refresh_from_db()
    assert last.bedrag == Decimal("650.00")
    assert last.iban == "NL91ABNA0417164300"

    doorgestuurd(
        client,
        actie("ontzorgen_periode", dossier),
        {
            "periode-startdatum": "2026-04-01",
            "periode-bijstand_einde": "",
            "periode-verlengd_tot": "2026-12-31",
            "periode-verlenging_reden": "Huurachterstand.",
            "periode-andere_grondslag": "pw57_budgetbeheer",
            "periode-versie": "1",
        },
    )
    doorgestuurd(
        client,
        actie("ontzorgen_cursus", dossier),
        {
            "cursus-cursus_status": "gepland",
            "cursus-cursus_start": "2026-06-01",
            "cursus-cursus_afgerond_op": "",
            "cursus-versie": "2",
        },
    )
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == D(2026, 12, 31)
    assert ontzorging.cursus_start == D(2026, 6, 1)

    response = client.get(pagina(dossier))
    html = response.content.decode()
    assert "Woonstichting De Liemers" in html
    assert "€ 650,00" in html
    assert "31 december 2026" in html
    assert "Verlengd tot (maatwerk)" in html
    assert (
        len(
            Gebeurtenis.objects.filter(
                inburgeraar=dossier, soort=GebeurtenisSoort.ONTZORGEN
            )
        )
        == 4
    )
    assert Verwerking.objects.filter(
        actie_naam="Dossier bekeken", handeling="Dossier"
    ).exists()


@pytest.mark.pdf
def test_casusregisseur_makes_the_beschikking_and_it_is_listed(
    client_for, ontzorging, dossier, casusregisseur
):
    for last in ontzorging.vaste_lasten.all():
        vaste_last_wijzigen(
            vaste_last=last,
            versie=1,
            data={
                "soort": last.soort,
                "begunstigde": "Ontvanger",
                "bedrag": Decimal("100"),
            },
            acting_user=casusregisseur,
        )
    client = client_for(casusregisseur)
    # The voorbeeld first (issue 20): the letter marked CONCEPT, nothing stored.
    voorbeeld = client.post(actie("ontzorgen_voorbeeld", dossier))
    assert voorbeeld.status_code == 200
    assert voorbeeld["Content-Type"] == "application/pdf"
    assert "no-store" in voorbeeld["Cache-Control"]
    assert "CONCEPT: een voorbeeld" in " ".join(pdf_text(voorbeeld.content).split())
    assert not Brief.objects.exists()
    # Then the beschikking, once the voorbeeld is confirmed as seen.
    response = client.post(actie("ontzorgen_beschikking", dossier))
    assert response.status_code == 400
    assert "Bekijk eerst het voorbeeld van de brief" in response.content.decode()
    assert not Brief.objects.exists()
    doorgestuurd(
        client, actie("ontzorgen_beschikking", dossier), {"voorbeeld_gezien": "on"}
    )
    brief = Brief.objects.get()
    html = client.get(pagina(dossier)).content.decode()
    download = reverse("pip_plans:brief_pdf", args=[brief.pk])
    assert download in html
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_beschikking_is_refused_while_costs_are_incomplete(
    client_for, ontzorging, dossier, casusregisseur
):
    response = client_for(casusregisseur).post(
        actie("ontzorgen_beschikking", dossier), {"voorbeeld_gezien": "on"}
    )
    assert response.status_code == 400
    assert title(response).startswith("Fout:")
    assert "begunstigde en het bedrag" in response.content.decode()
    assert not Brief.objects.exists()


def test_ontzorgen_is_not_offered_without_an_asylum_permit(
    client_for, casusregisseur, zevenaar
):
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True)
    client = client_for(casusregisseur)
    html = client.get(pagina(gezin)).content.decode()
    assert "alleen voor houders van een asielvergunning" in html
    assert 'name="start-startdatum"' not in html
    response = client.post(
        actie("ontzorgen_starten", gezin), {"start-startdatum": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "alleen voor houders van een asielvergunning" in response.content.decode()
    assert not Ontzorging.objects.exists()


def test_a_wrong_iban_is_answered_on_the_form_and_kept(
    client_for, ontzorging, dossier, casusregisseur
):
    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    response = client_for(casusregisseur).post(
        url, last_post(last, iban="NL92 ABNA 0417 1643 00", begunstigde="Verhuurder X")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert title(response).startswith("Fout:")
    assert "geen geldig IBAN" in html
    assert 'value="NL92 ABNA 0417 1643 00"' in html
    assert 'value="Verhuurder X"' in html
    last.refresh_from_db()
    assert (last.iban, last.begunstigde, last.versie) == ("", "", 1)


def test_an_extension_without_reason_is_answered_on_the_form(
    client_for, ontzorging, dossier, casusregisseur
):
    response = client_for(casusregisseur).post(
        actie("ontzorgen_periode", dossier),
        {
            "periode-startdatum": "2026-04-01",
            "periode-verlengd_tot": "2026-08-31",
            "periode-verlenging_reden": "",
            "periode-versie": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een verlenging ligt na het gewone einde" in html
    assert "schrijf op waarom" in html
    assert 'value="2026-08-31"' in html
    ontzorging.refresh_from_db()
    assert ontzorging.verlengd_tot is None


def test_garbage_input_is_a_400_not_a_500(
    client_for, ontzorging, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    for data in (
        last_post(last, bedrag="zeshonderd", frequentie="dagelijks", versie="x"),
        last_post(last, bedrag="-10", vanaf="2026-13"),
    ):
        assert client.post(url, data).status_code == 400
    response = client.post(
        actie("ontzorgen_cursus", dossier),
        {"cursus-cursus_status": "geheim", "cursus-versie": "1"},
    )
    assert response.status_code == 400
    assert huur(ontzorging).bedrag is None


def test_starting_without_a_date_is_answered_on_the_form(
    client_for, dossier, casusregisseur
):
    dossier.bijstand_start = None
    dossier.save()
    client = client_for(casusregisseur)
    for datum in ("", "31-02-2026", "morgen"):
        response = client.post(
            actie("ontzorgen_starten", dossier), {"start-startdatum": datum}
        )
        assert response.status_code == 400
        assert title(response).startswith("Fout:")
    assert not Ontzorging.objects.exists()


def test_a_stale_form_is_refused_and_changes_nothing(
    client_for, ontzorging, dossier, casusregisseur, klantmanager
):
    client_for(klantmanager).post(
        actie("rsd_ontzorgen_machtiging", dossier),
        {"machtiging-machtiging_getekend_op": "2026-04-02", "machtiging-versie": "1"},
    )
    response = client_for(casusregisseur).post(
        actie("ontzorgen_zelfredzaamheid", dossier),
        {
            "zelfredzaamheid-zelfredzaamheid_vanaf": "2026-10-01",
            "zelfredzaamheid-zelfredzaamheid_toelichting": "Budgetcoach.",
            "zelfredzaamheid-versie": "1",  # loaded before the machtiging was saved
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft het ontzorgen gewijzigd" in html
    assert "Budgetcoach." in html
    ontzorging.refresh_from_db()
    assert ontzorging.zelfredzaamheid_vanaf is None
    assert ontzorging.machtiging_getekend_op == D(2026, 4, 2)

    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    assert client_for(casusregisseur).post(url, last_post(last)).status_code == 302
    response = client_for(klantmanager).post(
        reverse("pip_plans:rsd_ontzorgen_last_wijzigen", args=[last.pk]),
        last_post(last, bedrag="700,00"),  # versie 1, now 2
    )
    assert response.status_code == 400
    assert "Iemand anders heeft deze vaste last gewijzigd" in response.content.decode()
    assert huur(ontzorging).bedrag == Decimal("650.00")


def test_a_cost_is_removed_only_with_a_current_versie(
    client_for, ontzorging, dossier, casusregisseur
):
    water = ontzorging.vaste_lasten.get(soort=VasteLastSoort.WATER)
    url = reverse("pip_plans:ontzorgen_last_verwijderen", args=[water.pk])
    client = client_for(casusregisseur)
    assert client.post(url, {"versie": "7"}).status_code == 400
    assert VasteLast.objects.filter(pk=water.pk).exists()
    assert client.post(url, {"versie": "1"}).status_code == 302
    assert not VasteLast.objects.filter(pk=water.pk).exists()


def test_starting_again_says_it_has_started(
    client_for, ontzorging, dossier, casusregisseur
):
    response = client_for(casusregisseur).post(
        actie("ontzorgen_starten", dossier),
        {"start-startdatum": "2026-05-01"},
        follow=True,
    )
    assert "al gestart" in response.content.decode()
    assert Ontzorging.objects.get().startdatum == D(2026, 4, 1)


def test_the_page_says_the_letterhead_is_incomplete_before_anyone_tries(
    client_for, ontzorging, dossier, casusregisseur
):
    """Issue 20: the beschikking needs the gemeente's whole letterhead."""
    gemeente = dossier.gemeente
    gemeente.telefoon = ""
    gemeente.save()
    html = client_for(casusregisseur).get(pagina(dossier)).content.decode()
    assert "Functioneel beheer moet nog invullen: telefoon." in html
