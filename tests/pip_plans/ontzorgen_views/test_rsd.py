"""The ontzorgen page of the RSD klantmanager: payments, the machtiging and the vaste
lasten, and nothing from intake, health or handhaving."""

from decimal import Decimal

from django.urls import reverse

import pytest

from pip_plans.models import Betaling
from pip_plans.ontzorgen.services import ontzorging_starten
from tests.factories.intake import InburgeraarFactory, afgeronde_intake
from tests.pip_plans.ontzorgen_views.helpers import (
    D,
    actie,
    betaling_post,
    huur,
    last_post,
    pagina,
    rsd_pagina,
    title,
)

pytestmark = pytest.mark.django_db


def test_rsd_records_a_payment_and_the_machtiging(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    response = client.get(rsd_pagina(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vervangt u die pas na bevestiging" in html
    # The first month not yet paid is offered: April, the period's first month.
    assert 'value="2026-04"' in html

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
        betaling_post(last, bedrag="655,50", bevestigd=str(last.pk)),
        follow=True,
    )
    assert "Huur € 655,50 (vervangen)" in response.content.decode()
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


def test_only_months_begun_count_as_open_the_later_ones_are_still_to_pay(
    client_for, ontzorging, dossier, klantmanager
):
    """Issue 19: "Nog open: € 4.340,00" and "5 maanden open" counted the months to
    come, which a klantmanager reads as arrears. On 15 May: April is paid, May is
    open, June to September are still to pay."""
    last = huur(ontzorging)
    type(last).objects.filter(pk=last.pk).update(bedrag=Decimal("650.00"))
    client = client_for(klantmanager)
    assert (
        client.post(
            actie("rsd_ontzorgen_betaling", dossier),
            betaling_post(last, maand="2026-04"),
        ).status_code
        == 302
    )
    html = client.get(rsd_pagina(dossier)).content.decode()
    assert "nog open (achterstand tot en met deze maand): € 650,00;" in html
    assert "nog te betalen (toekomstige maanden): € 2.600,00." in html
    huur_totaal = "€ 650,00 van € 3.900,00<br>"
    assert (
        f'{huur_totaal}<span class="small">1 maand open</span><br>'
        '<span class="small">4 toekomstige maanden nog te betalen</span>'
    ) in html
    # The four standard costs (the others without an amount yet) in June to
    # September; April's three unpaid others and May's four are open.
    assert html.count("Nog te betalen</span>") == 4 * 4
    assert html.count("Nog niet betaald</span>") == 3 + 4
