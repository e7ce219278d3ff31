"""The werkvoorraad's "Ontzorgen en handhaving" filter and column: ontzorgen running
or ending within 4 weeks, an open handhavingszaak, samenloop with a maatregel."""

import datetime as dt
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from intake.models import Inburgeraar
from monitoring.werkvoorraad import aandacht
from pip_plans.models import Handhavingszaak, Maatregel, Ontzorging
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.django_db


def ontzorging(dossier, user, start, einde):
    return Ontzorging.objects.create(
        inburgeraar=dossier,
        startdatum=start,
        duur_maanden=6,
        einddatum=einde,
        aangemaakt_door=user,
    )


def zaak(dossier, user, datum, status="overtreding"):
    return Handhavingszaak.objects.create(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=datum,
        feiten="Niet verschenen",
        status=status,
        **(
            {"besluit": "afzien", "afzien_reden": "Ziek"}
            if status == "afgezien"
            else {}
        ),
        aangemaakt_door=user,
    )


def maatregel(dossier, user, datum):
    return Maatregel.objects.create(
        inburgeraar=dossier,
        grond="re_integratie",
        datum_gedraging=datum,
        omschrijving="Niet verschenen op de afspraak",
        besluit_op=datum + timedelta(days=14),
        vastgelegd_door=user,
    )


@pytest.fixture
def personen(zevenaar, casusregisseur, klantmanager):
    vandaag = timezone.localdate()
    maak = lambda naam: InburgeraarFactory(  # noqa: E731
        gemeente=zevenaar, casusregisseur=casusregisseur, achternaam=naam
    )
    p = {
        naam: maak(naam)
        for naam in ("Loopt", "Eindigt", "Voorbij", "Zaak", "Samen", "Ver", "Afgezien")
    }
    ontzorging(
        p["Loopt"],
        casusregisseur,
        vandaag - timedelta(days=30),
        vandaag + timedelta(days=150),
    )
    ontzorging(
        p["Eindigt"],
        casusregisseur,
        vandaag - timedelta(days=160),
        vandaag + timedelta(days=20),
    )
    ontzorging(
        p["Voorbij"],
        casusregisseur,
        vandaag - timedelta(days=400),
        vandaag - timedelta(days=200),
    )
    zaak(p["Zaak"], casusregisseur, dt.date(2026, 3, 1))
    # Samenloop: a maatregel 20 days from the overtreding (window 30 days).
    zaak(p["Samen"], casusregisseur, dt.date(2026, 3, 1))
    maatregel(p["Samen"], klantmanager, dt.date(2026, 3, 21))
    # 40 days apart: no samenloop.
    zaak(p["Ver"], casusregisseur, dt.date(2026, 3, 1))
    maatregel(p["Ver"], klantmanager, dt.date(2026, 4, 10))
    # Afgezien: no samenloop, not open.
    zaak(p["Afgezien"], casusregisseur, dt.date(2026, 3, 1), status="afgezien")
    maatregel(p["Afgezien"], klantmanager, dt.date(2026, 3, 2))
    return p


@pytest.mark.parametrize(
    "soort, verwacht",
    [
        ("ontzorgen", {"Loopt", "Eindigt"}),
        ("ontzorgen_eindigt", {"Eindigt"}),
        ("handhaving", {"Zaak", "Samen", "Ver"}),
        ("samenloop", {"Samen"}),
    ],
)
def test_filter(personen, soort, verwacht):
    namen = set(
        aandacht(
            Inburgeraar.objects.filter(pk__in=[p.pk for p in personen.values()]),
            soort,
            timezone.localdate(),
        ).values_list("achternaam", flat=True)
    )
    assert namen == verwacht


def test_werkvoorraad_column_and_filter(client_for, casusregisseur, personen):
    client = client_for(casusregisseur)
    client.post(
        reverse("monitoring:werkvoorraad"), {"aandacht": "samenloop", "sorteer": "naam"}
    )
    html = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "Samen" in html and "Zaak</a>" not in html
    assert "Samenloop</span>" in html
    client.post(reverse("monitoring:werkvoorraad"), {"aandacht": "", "sorteer": "naam"})
    html = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "Ontzorgen tot" in html and "Handhaving</span>" in html
