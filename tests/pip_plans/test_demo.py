"""The demo region's intakes and PIPs: every state occurs, and a second run adds
nothing. One test, because building the region renders some 200 beschikkingen."""

from io import StringIO

from django.core.management import call_command

import pytest

from intake.models import BredeIntake, Inburgeraar
from pip_plans.models import Beschikking, Bezwaar, Pip, Verlenging
from zevenaar_inburgering.documents import verify_document

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count() for m in (BredeIntake, Pip, Beschikking, Bezwaar, Verlenging)
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

    before = counts()
    out = StringIO()
    call_command("demo_region", stdout=out)
    assert counts() == before
    assert "bestaan al" in out.getvalue()
