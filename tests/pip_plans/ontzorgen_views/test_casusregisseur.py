"""The ontzorgen pages: the casusregisseur's dossier page and the RSD klantmanager's
page. Scoped (404 out of scope), bad input answered on the form with status 400,
stale forms refused, a fixed number of queries."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis
from pip_plans.models import Betaling, Brief, Ontzorging, VasteLast, VasteLastSoort
from pip_plans.ontzorgen.services import ontzorging_starten
from pip_plans.ontzorgen.vaste_lasten import vaste_last_toevoegen, vaste_last_wijzigen
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory, afgeronde_intake
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mei_2026():
    """In the middle of the period that starts on the dossier's bijstand start."""
    with freeze_time("2026-05-15"):
        yield


D = dt.date


def pagina(dossier):
    return reverse("pip_plans:ontzorgen", args=[dossier.pk])


def rsd_pagina(dossier):
    return reverse("pip_plans:rsd_ontzorgen", args=[dossier.pk])


def actie(naam, dossier):
    return reverse(f"pip_plans:{naam}", args=[dossier.pk])


@pytest.fixture
def ontzorging(dossier, casusregisseur):
    return ontzorging_starten(inburgeraar=dossier, acting_user=casusregisseur)


def huur(ontzorging) -> VasteLast:
    return ontzorging.vaste_lasten.get(soort=VasteLastSoort.HUUR)


def last_post(last, **changes) -> dict:
    prefix = f"last-{last.pk}"
    data = {
        "soort": last.soort,
        "omschrijving": last.omschrijving,
        "begunstigde": "Woonstichting De Liemers",
        "iban": "nl91 abna 0417 1643 00",
        "bedrag": "650,00",
        "frequentie": "maand",
        "vanaf": "",
        "tot": "",
        "versie": str(last.versie),
    }
    data.update(changes)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def betaling_post(last, **changes) -> dict:
    data = {
        "vaste_last": str(last.pk),
        "maand": "2026-05",
        "bedrag": "650,00",
        "betaald_op": "2026-05-01",
    }
    data.update(changes)
    return {f"betaling-{k}": v for k, v in data.items()}


def title(response) -> str:
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")]


# --- Access --------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(client, dossier):
    for url in (pagina(dossier), rsd_pagina(dossier)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_each_page_is_for_its_own_role(
    client_for, dossier, casusregisseur, klantmanager, beleidsmedewerker
):
    assert client_for(klantmanager).get(pagina(dossier)).status_code == 403
    assert client_for(casusregisseur).get(rsd_pagina(dossier)).status_code == 403
    assert client_for(beleidsmedewerker).get(pagina(dossier)).status_code == 403


def test_pages_refuse_other_methods(client_for, dossier, casusregisseur, klantmanager):
    assert client_for(casusregisseur).post(pagina(dossier)).status_code == 405
    assert (
        client_for(casusregisseur).get(actie("ontzorgen_starten", dossier)).status_code
        == 405
    )
    assert client_for(klantmanager).post(rsd_pagina(dossier)).status_code == 405


def test_a_casusregisseur_of_another_gemeente_gets_404(
    client_for, ontzorging, dossier, andere_casusregisseur
):
    client = client_for(andere_casusregisseur)
    assert client.get(pagina(dossier)).status_code == 404
    assert client.post(actie("ontzorgen_starten", dossier)).status_code == 404
    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    assert client.post(url, last_post(last)).status_code == 404
    assert huur(ontzorging).bedrag is None


def test_another_klantmanagers_client_is_404(
    client_for, ontzorging, dossier, andere_klantmanager
):
    client = client_for(andere_klantmanager)
    assert client.get(rsd_pagina(dossier)).status_code == 404
    last = huur(ontzorging)
    response = client.post(
        actie("rsd_ontzorgen_betaling", dossier), betaling_post(last)
    )
    assert response.status_code == 404
    url = reverse("pip_plans:rsd_ontzorgen_last_wijzigen", args=[last.pk])
    assert client.post(url, last_post(last)).status_code == 404
    assert not Betaling.objects.exists()


def test_a_klantmanager_does_not_see_a_client_without_bijstand(
    client_for, klantmanager, zevenaar
):
    zonder = InburgeraarFactory(gemeente=zevenaar, rsd_klantmanager=klantmanager)
    assert client_for(klantmanager).get(rsd_pagina(zonder)).status_code == 404


# --- Casusregisseur -------------------------------------------------------------------------


def test_casusregisseur_starts_and_fills_in_ontzorgen(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    response = client.get(pagina(dossier))
    assert response.status_code == 200
    assert 'value="2026-04-01"' in response.content.decode()  # the bijstand start

    response = client.post(
        actie("ontzorgen_starten", dossier), {"start-startdatum": "2026-04-01"}
    )
    assert response.status_code == 302
    ontzorging = Ontzorging.objects.get(inburgeraar=dossier)
    assert ontzorging.einddatum == D(2026, 9, 30)

    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    assert client.post(url, last_post(last)).status_code == 302
    last.refresh_from_db()
    assert last.bedrag == Decimal("650.00")
    assert last.iban == "NL91ABNA0417164300"

    response = client.post(
        actie("ontzorgen_periode", dossier),
        {
            "periode-startdatum": "2026-04-01",
            "periode-bijstand_einde": "",
            "periode-verlengd_tot": "2026-12-31",
            "periode-verlenging_reden": "Huurachterstand.",
            "periode-versie": "1",
        },
    )
    assert response.status_code == 302
    response = client.post(
        actie("ontzorgen_cursus", dossier),
        {
            "cursus-cursus_status": "gepland",
            "cursus-cursus_start": "2026-06-01",
            "cursus-cursus_afgerond_op": "",
            "cursus-versie": "2",
        },
    )
    assert response.status_code == 302
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
    response = client.post(actie("ontzorgen_beschikking", dossier))
    assert response.status_code == 302
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
    response = client_for(casusregisseur).post(actie("ontzorgen_beschikking", dossier))
    assert response.status_code == 400
    assert title(response).startswith("Fout:")
    assert "begunstigde en het bedrag" in response.content.decode()
    assert not Brief.objects.exists()


def test_ontzorgen_is_not_offered_without_a_right_to_bijstand(
    client_for, casusregisseur, zevenaar
):
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True)
    client = client_for(casusregisseur)
    html = client.get(pagina(gezin)).content.decode()
    assert "niet in aanmerking" in html
    response = client.post(
        actie("ontzorgen_starten", gezin), {"start-startdatum": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "alleen voor asielstatushouders" in response.content.decode()
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


# --- RSD klantmanager ---------------------------------------------------------------------


def test_rsd_records_a_payment_and_the_machtiging(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    response = client.get(rsd_pagina(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vervangt die de eerdere betaling" in html
    assert 'value="2026-05"' in html  # this month is offered

    last = huur(ontzorging)
    response = client.post(
        actie("rsd_ontzorgen_betaling", dossier), betaling_post(last)
    )
    assert response.status_code == 302
    betaling = Betaling.objects.get()
    assert (betaling.maand, betaling.bedrag) == (D(2026, 5, 1), Decimal("650.00"))
    assert betaling.vastgelegd_door == klantmanager

    response = client.post(
        actie("rsd_ontzorgen_betaling", dossier),
        betaling_post(last, bedrag="655,50"),
        follow=True,
    )
    assert "Betaling vervangen" in response.content.decode()
    assert Betaling.objects.get().bedrag == Decimal("655.50")

    response = client.post(
        actie("rsd_ontzorgen_machtiging", dossier),
        {"machtiging-machtiging_getekend_op": "2026-04-02", "machtiging-versie": "1"},
    )
    assert response.status_code == 302
    ontzorging.refresh_from_db()
    assert ontzorging.machtiging_getekend_op == D(2026, 4, 2)

    html = client.get(rsd_pagina(dossier)).content.decode()
    assert "€ 655,50" in html
    assert "Deels betaald" not in html  # the amount due is not known yet
    assert "Getekend op 2 april 2026" in html


def test_rsd_edits_a_fixed_cost(client_for, ontzorging, dossier, klantmanager):
    last = huur(ontzorging)
    response = client_for(klantmanager).post(
        reverse("pip_plans:rsd_ontzorgen_last_wijzigen", args=[last.pk]),
        last_post(last, bedrag="1.250,00"),
    )
    assert response.status_code == 302
    assert response["Location"] == rsd_pagina(dossier)
    assert huur(ontzorging).bedrag == Decimal("1250.00")


@pytest.mark.parametrize(
    ("changes", "melding", "getypt"),
    [
        (
            {"maand": "2026-10"},
            "Oktober 2026 valt buiten de periode",
            'value="2026-10"',
        ),
        ({"bedrag": "-5"}, "groter zijn dan", 'value="-5"'),
        ({"bedrag": "0"}, "groter zijn dan", 'value="0"'),
        ({"betaald_op": "2026-05-16"}, "in de toekomst", 'value="2026-05-16"'),
        ({"bedrag": "veel"}, "Voer een getal in.", 'value="veel"'),
    ],
)
def test_a_wrong_payment_is_answered_on_the_form(
    client_for, ontzorging, dossier, klantmanager, changes, melding, getypt
):
    response = client_for(klantmanager).post(
        actie("rsd_ontzorgen_betaling", dossier),
        betaling_post(huur(ontzorging), **changes),
    )
    assert response.status_code == 400
    assert title(response).startswith("Fout:")
    html = response.content.decode()
    assert melding in html
    assert getypt in html
    assert not Betaling.objects.exists()


def test_rsd_cannot_pay_a_cost_of_another_client(
    client_for, ontzorging, dossier, klantmanager, casusregisseur, zevenaar
):
    ander = InburgeraarFactory(
        gemeente=zevenaar, rsd_klantmanager=klantmanager, met_bijstand=True
    )
    andere = ontzorging_starten(inburgeraar=ander, acting_user=casusregisseur)
    response = client_for(klantmanager).post(
        actie("rsd_ontzorgen_betaling", dossier), betaling_post(huur(andere))
    )
    assert response.status_code == 400
    assert not Betaling.objects.exists()


def test_the_rsd_page_shows_nothing_from_intake_health_or_handhaving(
    client_for, ontzorging, dossier, casusregisseur, klantmanager
):
    afgeronde_intake(dossier, casusregisseur)
    html = client_for(klantmanager).get(rsd_pagina(dossier)).content.decode()
    assert "Woont met partner" not in html
    assert reverse("intake:brede_intake", args=[dossier.pk]) not in html
    assert pagina(dossier) not in html
    for woord in ("Brede intake", "Gezondheid", "Handhaving", "Periode wijzigen"):
        assert woord not in html


def test_rsd_sees_that_ontzorgen_has_not_started(client_for, dossier, klantmanager):
    response = client_for(klantmanager).get(rsd_pagina(dossier))
    assert response.status_code == 200
    assert "nog niet gestart" in response.content.decode()


# --- Queries -------------------------------------------------------------------------------


def _betalingen(ontzorging, user, maanden):
    for last in ontzorging.vaste_lasten.all():
        for maand in maanden:
            Betaling.objects.update_or_create(
                vaste_last=last,
                maand=maand,
                defaults={
                    "inburgeraar": ontzorging.inburgeraar,
                    "bedrag": Decimal("10"),
                    "betaald_op": maand,
                    "vastgelegd_door": user,
                },
            )


@pytest.mark.parametrize("rsd", [False, True])
def test_the_pages_run_a_fixed_number_of_queries(
    client_for,
    ontzorging,
    dossier,
    casusregisseur,
    klantmanager,
    django_assert_max_num_queries,
    rsd,
):
    user, url = (
        (klantmanager, rsd_pagina(dossier))
        if rsd
        else (
            casusregisseur,
            pagina(dossier),
        )
    )
    client = client_for(user)
    _betalingen(ontzorging, klantmanager, [D(2026, 4, 1)])
    with django_assert_max_num_queries(100) as weinig:
        assert client.get(url).status_code == 200
    _betalingen(ontzorging, klantmanager, [D(2026, m, 1) for m in range(4, 10)])
    for i in range(3):
        vaste_last_toevoegen(
            ontzorging=ontzorging,
            data={"soort": "overig", "omschrijving": f"Last {i}", "bedrag": Decimal(5)},
            acting_user=casusregisseur,
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


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
