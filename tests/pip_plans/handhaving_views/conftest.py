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
def beboete_zaak(dossier, casusregisseur, collega):
    """A zaak through every step with the marker in each text: waarschuwing, rapport
    (€ 800) with its voornemen and afschrift, zienswijze (all by `casusregisseur`),
    boete (by `collega`: functiescheiding, Awb art. 10:3 lid 4)."""
    zaak = zaak_voor(dossier, casusregisseur)
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=casusregisseur)
    zaak.refresh_from_db()
    rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(800),
        rapport_op=D(2026, 3, 2),
        rapport=f"Rapport {MARKER}",
        overtreden_voorschrift=f"Artikel 22 Wet inburgering 2021 {MARKER}",
        plaats_overtreding=f"Zevenaar {MARKER}",
        acting_user=casusregisseur,
    )
    zaak.refresh_from_db()
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
        motivering_bedrag=f"Bedrag {MARKER}",
        reactie_op_zienswijze=f"Reactie {MARKER}",
        asiel_motivering=f"Uitzonderlijk geval {MARKER}",
        acting_user=collega,
    )
