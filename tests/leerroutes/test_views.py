"""The route and participation pages: reachable by the dossier roles, scoped,
bad input answered on the form, and a fixed number of queries."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from leerroutes.models import (
    Examenpoging,
    Participatieactiviteit,
    Routestand,
    Traject,
    UrenBron,
    Urenregistratie,
    Voortgangsgesprek,
)
from leerroutes.services.uren import UrenInvoer, uren_schrijven
from leerroutes.services.voortgang import voortgangsgesprek_plannen
from tests.downloads import csv_text
from tests.factories.intake import InburgeraarFactory
from tests.factories.leerroutes import taalaanbieder
from tests.leerroutes.paginas import geweigerd
from zevenaar_inburgering.termijnen import maanden_later

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def toewijzen_via_pagina(client, dossier, aanbieder):
    """The assignment form sent for `dossier` with `aanbieder`."""
    return client.post(
        reverse("leerroutes:toewijzen", args=[dossier.pk]),
        {
            "aanbieder": aanbieder.pk,
            "start": "2026-12-01",
            "geplande_einde": "2029-06-01",
        },
    )


def urls(dossier):
    return [
        reverse("leerroutes:route", args=[dossier.pk]),
        reverse("leerroutes:participatie", args=[dossier.pk]),
    ]


def test_casusregisseur_sees_route_and_participation(
    client_for, casusregisseur, traject
):
    client = client_for(casusregisseur)
    dossier = traject.inburgeraar
    route, participatie = urls(dossier)
    response = client.get(route)
    assert response.status_code == 200
    assert "Taalschool Liemers" in response.content.decode()
    assert client.get(participatie).status_code == 200
    overzicht = client.get(
        reverse("monitoring:dossier", args=[dossier.pk])
    ).content.decode()
    assert "Route en koers" in overzicht


def test_other_gemeente_gets_404(client_for, andere_casusregisseur, traject):
    client = client_for(andere_casusregisseur)
    for url in urls(traject.inburgeraar):
        assert client.get(url).status_code == 404


def test_rsd_klantmanager_sees_own_clients_route_only(
    client_for, klantmanager, andere_klantmanager, traject, casusregisseur
):
    dossier = traject.inburgeraar
    Participatieactiviteit.objects.create(
        inburgeraar=dossier,
        soort="vrijwilligerswerk",
        organisatie="Kringloop De Liemers",
        start=dt.date(2026, 3, 1),
        vastgelegd_door=casusregisseur,
    )
    url = reverse("leerroutes:rsd_route", args=[dossier.pk])
    response = client_for(klantmanager).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Taalschool Liemers" in html
    assert "Kringloop De Liemers" in html
    # The casusregisseur's pages stay closed to the klantmanager.
    for casus_url in urls(dossier):
        assert client_for(klantmanager).get(casus_url).status_code == 403
    assert client_for(andere_klantmanager).get(url).status_code == 404


def test_assignment_refusal_shows_on_the_form(
    client_for, casusregisseur, dossier_met_pip
):
    verlopen = taalaanbieder("Taalschool Verlopen", keurmerk=False)
    response = toewijzen_via_pagina(
        client_for(casusregisseur), dossier_met_pip, verlopen
    )
    html = geweigerd(response)
    assert "geen geldig keurmerk" in html
    assert 'value="2029-06-01"' in html
    assert not Traject.objects.exists()


def test_assign_via_the_page_takes_contract_hours(
    client_for, casusregisseur, dossier_met_pip, aanbieder
):
    response = toewijzen_via_pagina(
        client_for(casusregisseur), dossier_met_pip, aanbieder
    )
    assert response.status_code == 302
    traject = Traject.objects.get()
    assert {o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()} == {
        "nt2": 600,
        "knm": 80,
        "pvt": 12,
        "map": 40,
    }


def test_bad_hours_keep_input_and_change_nothing(client_for, casusregisseur, traject):
    client = client_for(casusregisseur)
    response = client.post(
        reverse("leerroutes:uren", args=[traject.inburgeraar.pk]),
        {"uren-maand": "2099-01", "uren-uren_aanwezig_nt2": "12,5"},
    )
    html = geweigerd(response)
    assert "De maand ligt in de toekomst." in html
    assert 'value="12,5"' in html
    assert not Urenregistratie.objects.exists()


# The exam date lies in the past only after it: a later date is refused.
@freeze_time("2026-12-07 10:00:00")
def test_exam_form_records_an_attempt(client_for, casusregisseur, traject):
    client = client_for(casusregisseur)
    response = client.post(
        reverse("leerroutes:examen", args=[traject.inburgeraar.pk]),
        {
            "examen-onderdeel": "lezen",
            "examen-niveau": "B1",
            "examen-datum": "2026-11-02",
            "examen-geslaagd": "nee",
        },
    )
    assert response.status_code == 302
    assert Examenpoging.objects.get().geslaagd is False


def test_route_page_queries_do_not_grow_with_hours(
    client_for, casusregisseur, traject, django_assert_max_num_queries
):
    client = client_for(casusregisseur)
    dossier = traject.inburgeraar
    url = reverse("leerroutes:route", args=[dossier.pk])

    def vul(maanden):
        uren_schrijven(
            [
                UrenInvoer(
                    inburgeraar_id=dossier.pk,
                    traject=traject,
                    onderdeel=onderdeel,
                    maand=maanden_later(dt.date(2020, 1, 1), m),
                    uren_aanwezig=Decimal(10),
                    uren_geroosterd=Decimal(12),
                )
                for m in range(maanden)
                for onderdeel in ("nt2", "knm", "pvt")
            ],
            bron=UrenBron.IMPORT,
            acting_user=casusregisseur,
        )

    vul(1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url).status_code == 200
    vul(70)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


def test_route_page_reads_the_pip_the_afronding_and_the_exams_once(
    client_for, casusregisseur, traject
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(casusregisseur)
    url = reverse("leerroutes:route", args=[traject.inburgeraar.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for tabel in ("pip_plans_pip", "leerroutes_afronding", "leerroutes_examenpoging"):
        uit_tabel = [
            q for q in queries if q["sql"].startswith(f'SELECT "{tabel}"."id"')
        ]
        # The dossierkop reads the leerroute on its own (it is on every tab).
        kop = 1 if tabel == "pip_plans_pip" else 0
        assert len(uit_tabel) == 1 + kop, tabel


def test_werkvoorraad_filters_on_koers_and_due_gesprek(
    client_for, casusregisseur, traject
):
    dossier = traject.inburgeraar
    InburgeraarFactory(gemeente=dossier.gemeente, achternaam="Zonderroute")
    Routestand.objects.filter(inburgeraar=dossier).update(koers="risico")
    client = client_for(casusregisseur)
    werkvoorraad = reverse("monitoring:werkvoorraad")

    client.post(werkvoorraad, {"koers": "risico", "sorteer": "naam"})
    html = client.get(werkvoorraad).content.decode()
    assert "Haddad" in html and "Zonderroute" not in html
    assert "Risico" in html

    client.post(werkvoorraad, {"koers": "op_koers", "sorteer": "naam"})
    assert "Haddad" not in client.get(werkvoorraad).content.decode()

    # The first voortgangsgesprek is planned 12 weeks ahead: not yet due.
    client.post(werkvoorraad, {"gesprek_te_doen": "on", "sorteer": "naam"})
    assert "Haddad" not in client.get(werkvoorraad).content.decode()
    assert Voortgangsgesprek.objects.filter(inburgeraar=dossier).exists()
    voortgangsgesprek_plannen(
        inburgeraar=dossier,
        gepland_op=timezone.localdate(),
        acting_user=casusregisseur,
    )
    html = client.get(werkvoorraad).content.decode()
    assert "Haddad" in html and "Zonderroute" not in html


def test_werkvoorraad_export_has_the_koers(client_for, casusregisseur, traject):
    Routestand.objects.filter(inburgeraar=traject.inburgeraar).update(
        koers="niet_op_koers"
    )
    response = client_for(casusregisseur).get(reverse("monitoring:werkvoorraad_export"))
    content = csv_text(response)
    assert "Op koers" in content.splitlines()[0]
    assert "Niet op koers" in content


def test_participation_forms_answer_bad_input_on_the_page(
    client_for, casusregisseur, traject
):
    dossier = traject.inburgeraar
    client = client_for(casusregisseur)
    toevoegen = reverse("leerroutes:activiteit_toevoegen", args=[dossier.pk])
    werk = {
        "soort": "betaald_werk",
        "organisatie": "Bakkerij Smit",
        "start": "2026-05-01",
    }
    html = geweigerd(client.post(toevoegen, werk))
    assert "Vul bij betaald werk de uren per week in." in html
    assert "Bakkerij Smit" in html

    response = client.post(toevoegen, {**werk, "uren_per_week": "16"})
    assert response.status_code == 302
    activiteit = Participatieactiviteit.objects.get()
    response = client.post(
        reverse("leerroutes:activiteit_beeindigen", args=[activiteit.pk]),
        {"beeindigen-einde": "2026-01-01"},
    )
    assert "Het einde ligt voor de start." in geweigerd(response)
    activiteit.refresh_from_db()
    assert activiteit.einde is None
    html = client.get(reverse("leerroutes:participatie", args=[dossier.pk])).content
    assert "Ja, sinds" in html.decode()
