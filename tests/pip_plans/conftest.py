import pytest

from tests.factories.intake import klaar_voor_pip


@pytest.fixture
def dossier_klaar(dossier, casusregisseur):
    """`dossier` (asiel, bijstand, Zevenaar) with a completed brede intake."""
    return klaar_voor_pip(dossier, casusregisseur)
