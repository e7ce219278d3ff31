"""Every handhaving page test runs on 20 March 2026; `beboete_zaak` is a zaak through
every step."""

from decimal import Decimal

import pytest
from freezegun import freeze_time

from pip_plans.handhaving.services import (
    besluit_nemen,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from tests.pip_plans.handhaving_views.helpers import MARKER, D, zaak_voor


@pytest.fixture(autouse=True)
def vandaag():
    with freeze_time("2026-03-20"):
        yield


@pytest.fixture
def beboete_zaak(dossier, casusregisseur):
    """A zaak through every step with the marker in each text: waarschuwing, rapport
    (€ 800), zienswijze, boete."""
    zaak = zaak_voor(dossier, casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=casusregisseur)
    zaak.refresh_from_db()
    zaak = rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(800),
        rapport_op=D(2026, 3, 2),
        rapport=f"Rapport {MARKER}",
        acting_user=casusregisseur,
    )
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=D(2026, 3, 6),
        zienswijze=f"Zienswijze {MARKER}",
        acting_user=casusregisseur,
    )
    return besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=D(2026, 3, 20),
        boetebedrag=Decimal(800),
        verwijtbaarheid="volledig",
        verwijtbaarheid_toelichting=f"Oordeel {MARKER}",
        acting_user=casusregisseur,
    )
