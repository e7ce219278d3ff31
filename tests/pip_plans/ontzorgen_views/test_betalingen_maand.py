"""The RSD klantmanager records a month's payments for every vaste last in one
submit: all or nothing, on the first month not yet paid, a recorded payment
replaced only after a confirmation that shows old against new, one timeline line
per month and a verwerkingenlog row per payment."""

from decimal import Decimal

import pytest

from intake.models import Gebeurtenis
from pip_plans.models import Betaling, VasteLast, VasteLastSoort
from tests.pip_plans.ontzorgen_views.helpers import (
    D,
    actie,
    betalingen_post,
    huur,
    rsd_pagina,
    title,
)
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db


def lasten(ontzorging) -> dict[str, VasteLast]:
    return {last.soort: last for last in ontzorging.vaste_lasten.all()}


def betaald(ontzorging) -> dict:
    return {
        (b.vaste_last.soort, b.maand): (b.bedrag, b.betaald_op)
        for b in Betaling.objects.filter(vaste_last__ontzorging=ontzorging)
    }


def betalen(client, dossier, bedragen, **changes):
    return client.post(
        actie("rsd_ontzorgen_betaling", dossier), betalingen_post(bedragen, **changes)
    )


def test_one_post_records_the_month_for_every_vaste_last(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    kosten = lasten(ontzorging)
    html = client.get(rsd_pagina(dossier)).content.decode()
    for last in kosten.values():
        assert f'name="betaling-bedrag_{last.pk}"' in html
    tijdlijn_voor = Gebeurtenis.objects.filter(inburgeraar=dossier).count()

    response = betalen(
        client,
        dossier,
        {
            kosten["huur"]: "650,00",
            kosten["energie"]: "120,50",
            kosten["water"]: "",  # not paid this month: skipped
            kosten["zorgverzekering"]: "1.150,00",
        },
    )

    assert response.status_code == 302
    mei = D(2026, 5, 1)
    assert betaald(ontzorging) == {
        ("huur", mei): (Decimal("650.00"), mei),
        ("energie", mei): (Decimal("120.50"), mei),
        ("zorgverzekering", mei): (Decimal("1150.00"), mei),
    }
    # One line on the casusregisseur's timeline for the month ...
    tijdlijn = Gebeurtenis.objects.filter(inburgeraar=dossier).order_by("-pk")
    assert tijdlijn.count() == tijdlijn_voor + 1
    assert tijdlijn.first().omschrijving.startswith(
        "Betalingen mei 2026, betaald op 1 mei 2026: "
    )
    # ... and a verwerkingenlog row for every payment, without amounts.
    namen = set(
        Verwerking.objects.filter(actie=Actie.WIJZIGEN).values_list(
            "actie_naam", flat=True
        )
    )
    for soort in ("Huur", "Energie (gas en stroom)", "Zorgverzekering"):
        assert f"Betaling vastgelegd ({soort}, mei 2026)" in namen
    assert not any("€" in naam or "Water" in naam for naam in namen)


def test_the_form_opens_on_the_first_month_not_yet_paid_with_the_amounts_due(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    VasteLast.objects.filter(soort=VasteLastSoort.HUUR).update(bedrag=Decimal(650))
    html = client.get(rsd_pagina(dossier)).content.decode()
    assert 'id="id_betaling-maand" value="2026-04"' in html  # April: nothing paid
    assert f'id="id_betaling-bedrag_{huur(ontzorging).pk}" value="650,00"' in html

    april = {last: "10,00" for last in lasten(ontzorging).values()}
    assert betalen(client, dossier, april, maand="2026-04").status_code == 302
    html = client.get(rsd_pagina(dossier)).content.decode()
    assert 'id="id_betaling-maand" value="2026-05"' in html


def test_overwriting_a_payment_asks_first_and_changes_nothing_without_confirmation(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    kosten = lasten(ontzorging)
    assert betalen(client, dossier, {kosten["huur"]: "650,00"}).status_code == 302
    wijzigingen = Verwerking.objects.filter(actie=Actie.WIJZIGEN).count()

    response = betalen(
        client, dossier, {kosten["huur"]: "655,50", kosten["water"]: "30,00"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze maand is al (deels) vastgelegd" in html
    assert "<td>€ 650,00, betaald op 1 mei 2026</td>" in html
    assert "<td>€ 655,50, betaald op 1 mei 2026</td>" in html
    assert f'name="betaling-bevestigd" value="{kosten["huur"].pk}"' in html
    assert 'value="655,50"' in html and 'value="30,00"' in html
    assert betaald(ontzorging) == {
        ("huur", D(2026, 5, 1)): (Decimal(650), D(2026, 5, 1))
    }
    assert Verwerking.objects.filter(actie=Actie.WIJZIGEN).count() == wijzigingen

    response = client.post(
        actie("rsd_ontzorgen_betaling", dossier),
        betalingen_post(
            {kosten["huur"]: "655,50", kosten["water"]: "30,00"},
            bevestigd=str(kosten["huur"].pk),
        ),
        follow=True,
    )
    assert "Huur € 655,50 (vervangen); Water € 30,00." in response.content.decode()
    assert betaald(ontzorging)[("huur", D(2026, 5, 1))][0] == Decimal("655.50")
    assert ("water", D(2026, 5, 1)) in betaald(ontzorging)
    assert Verwerking.objects.filter(
        actie_naam="Betaling vervangen (Huur, mei 2026)"
    ).exists()


@pytest.mark.parametrize(
    ("energie", "melding"),
    [
        ("veel", "Voer een getal in."),
        ("-5", "Het bedrag moet groter zijn dan € 0,00."),
    ],
)
def test_a_bad_row_changes_nothing_and_keeps_what_was_typed(
    client_for, ontzorging, dossier, klantmanager, energie, melding
):
    kosten = lasten(ontzorging)
    tijdlijn_voor = Gebeurtenis.objects.count()
    response = betalen(
        client_for(klantmanager),
        dossier,
        {kosten["huur"]: "650,00", kosten["energie"]: energie},
    )
    assert response.status_code == 400
    assert title(response).startswith("Fout:")
    html = response.content.decode()
    assert melding in html
    assert 'value="650,00"' in html and f'value="{energie}"' in html
    assert 'aria-invalid="true"' in html
    assert not Betaling.objects.exists()
    assert Gebeurtenis.objects.count() == tijdlijn_voor


def test_a_month_outside_the_period_or_no_amount_is_refused(
    client_for, ontzorging, dossier, klantmanager
):
    client = client_for(klantmanager)
    response = betalen(client, dossier, {huur(ontzorging): "650"}, maand="2026-10")
    assert "Oktober 2026 valt buiten de periode" in response.content.decode()
    response = betalen(client, dossier, {huur(ontzorging): ""})
    assert response.status_code == 400
    assert "ten minste één vaste last" in response.content.decode()
    assert not Betaling.objects.exists()


def test_only_the_own_klantmanager_records_payments(
    client_for, ontzorging, dossier, andere_klantmanager, casusregisseur
):
    post = betalingen_post({huur(ontzorging): "650,00"})
    url = actie("rsd_ontzorgen_betaling", dossier)
    assert client_for(andere_klantmanager).post(url).status_code == 404
    assert client_for(andere_klantmanager).post(url, post).status_code == 404
    assert client_for(casusregisseur).post(url, post).status_code == 403
    assert not Betaling.objects.exists()
