"""The demo region's intakes, PIPs, ontzorgen and handhaving: every state occurs,
and a second run adds nothing. One test, because building the region renders some
200 beschikkingen."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from intake.models import BredeIntake, Inburgeraar
from pip_plans.models import (
    Beschikking,
    Betaling,
    Bezwaar,
    Brief,
    Handhavingszaak,
    Maatregel,
    Ontzorging,
    Pip,
    Verlenging,
)
from pip_plans.ontzorgen import fase_van
from zevenaar_inburgering.documents import verify_document

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (
            BredeIntake,
            Pip,
            Beschikking,
            Bezwaar,
            Verlenging,
            Ontzorging,
            Betaling,
            Handhavingszaak,
            Brief,
        )
    ]


def test_demo_region_has_intakes_and_pips_in_every_state():
    call_command("demo_region", stdout=StringIO())
    intakes = BredeIntake.objects.all()
    assert intakes.filter(status="loopt").exists()
    assert intakes.filter(status="afgerond").exists()
    pips = Pip.objects.all()
    assert pips.filter(status="concept", reden="initieel").exists()
    for reden in ("initieel", "schakelen", "afschalen", "verhuizing"):
        assert pips.filter(status="vastgesteld", reden=reden).exists(), reden
    assert pips.filter(status="concept", reden="herziening_na_bezwaar").exists()
    beschikking = Beschikking.objects.order_by("kenmerk").first()
    assert verify_document(beschikking.pdf, beschikking.sha256)
    assert Bezwaar.objects.filter(uitkomst="").exists()
    assert Bezwaar.objects.filter(uitkomst="ongegrond").exists()
    assert Verlenging.objects.exists()
    statuses = {d.pip_deadline_status for d in Inburgeraar.objects.all()}
    assert {"vastgesteld", "te_laat", "opgeschort"} <= statuses
    assert Inburgeraar.objects.filter(
        pip_uitstel_informatie_ontvangen__isnull=False
    ).exists()
    # some PIPs were vastgesteld after their deadline
    late = [
        b
        for b in Beschikking.objects.select_related("inburgeraar", "pip")
        if b.pip.versie == 1 and b.dagtekening > b.inburgeraar.pip_deadline
    ]
    assert late

    # Ontzorgen in every phase, with RSD's payments and the beschikkingen.
    vandaag = timezone.localdate()
    fasen = {fase_van(o, vandaag) for o in Ontzorging.objects.all()}
    assert fasen == {"nog_niet_gestart", "actief", "verlengd", "beeindigd"}
    assert Ontzorging.objects.exclude(bijstand_einde=None).exists()
    assert Betaling.objects.exists()
    assert Brief.objects.filter(soort="ontzorgingsbeschikking").exists()
    # Handhaving at every step, with both letters, a bezwaar and samenloop.
    zaken = Handhavingszaak.objects.all()
    statussen = set(zaken.values_list("status", flat=True))
    assert statussen == {
        "overtreding",
        "gewaarschuwd",
        "zienswijze",
        "boete",
        "afgezien",
    }
    assert zaken.filter(status="zienswijze", zienswijze_ontvangen_op=None).exists()
    assert zaken.filter(beslistermijn__lt=vandaag, besluit="").exists()
    assert zaken.exclude(bezwaar_ontvangen_op=None).exists()
    assert {"waarschuwing", "boetebeschikking"} <= set(
        Brief.objects.values_list("soort", flat=True)
    )
    assert Maatregel.objects.exists() and zaken.met_samenloop().exists()
    # Several klantmanagers, each with their own caseload.
    assert (
        Inburgeraar.objects.filter(bijstand=True)
        .exclude(rsd_klantmanager=None)
        .values("rsd_klantmanager")
        .distinct()
        .count()
        >= 2
    )

    before = counts()
    out = StringIO()
    call_command("demo_region", stdout=out)
    assert counts() == before
    assert "bestaan al" in out.getvalue()
