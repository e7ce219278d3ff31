"""The keten against the real database: verwijzingen to ketenpartners with optimistic
locking, and maatschappelijke begeleiding for asielstatushouders."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from leerroutes.models import MaatschappelijkeBegeleiding, Organisatie, Verwijzing
from leerroutes.services.keten import (
    begeleiding_vastleggen,
    verwijzing_aanmaken,
    verwijzing_bijwerken,
)
from tests.leerroutes.services.helpers import gelogd, gezinsmigrant, op_tijdlijn

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_verwijzing_with_optimistic_locking(in_traject, casusregisseur):
    caleidoz = Organisatie.objects.create(naam="Caleidoz", soort="welzijn")
    with pytest.raises(ValidationError) as fout:
        verwijzing_aanmaken(
            inburgeraar=in_traject,
            data={
                "ketenpartner": caleidoz,
                "reden": "Taalcafé",
                "verstuurd_op": timezone.localdate() + dt.timedelta(days=1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["verstuurd_op"]
    verwijzing = verwijzing_aanmaken(
        inburgeraar=in_traject,
        data={
            "ketenpartner": caleidoz,
            "reden": "Taalcafé",
            "verstuurd_op": dt.date(2026, 5, 1),
        },
        acting_user=casusregisseur,
    )
    assert (verwijzing.status, verwijzing.status_op, verwijzing.versie) == (
        "verstuurd",
        dt.date(2026, 5, 1),
        1,
    )
    assert op_tijdlijn(in_traject, "keten", "Verwezen naar Caleidoz")
    assert gelogd(in_traject, "Verwijzing aangemaakt")

    bijgewerkt = verwijzing_bijwerken(
        verwijzing=verwijzing,
        status="geaccepteerd",
        terugkoppeling="Start in juni.",
        versie=1,
        acting_user=casusregisseur,
    )

    assert (bijgewerkt.status, bijgewerkt.status_op, bijgewerkt.versie) == (
        "geaccepteerd",
        timezone.localdate(),
        2,
    )
    assert op_tijdlijn(in_traject, "keten", "Verwijzing naar Caleidoz: geaccepteerd")
    assert gelogd(in_traject, "Verwijzing bijgewerkt")
    # A second form opened at version 1 is refused; the first answer stays.
    with pytest.raises(ValidationError, match="gewijzigd"):
        verwijzing_bijwerken(
            verwijzing=verwijzing,
            status="afgerond",
            terugkoppeling="",
            versie=1,
            acting_user=casusregisseur,
        )
    opgeslagen = Verwijzing.objects.get()
    assert (opgeslagen.status, opgeslagen.terugkoppeling, opgeslagen.versie) == (
        "geaccepteerd",
        "Start in juni.",
        2,
    )


def test_begeleiding_only_for_asielstatushouders(in_traject, casusregisseur, zevenaar):
    vwon = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort="maatschappelijke_begeleiding"
    )
    gezin = gezinsmigrant(zevenaar, casusregisseur)
    with pytest.raises(ValidationError, match="asielstatushouders"):
        begeleiding_vastleggen(
            inburgeraar=gezin,
            data={"organisatie": vwon, "start": dt.date(2026, 3, 1)},
            acting_user=casusregisseur,
        )
    assert not MaatschappelijkeBegeleiding.objects.exists()
    with pytest.raises(ValidationError) as fout:
        begeleiding_vastleggen(
            inburgeraar=in_traject,
            data={
                "organisatie": vwon,
                "start": dt.date(2026, 3, 1),
                "einde": dt.date(2026, 2, 1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]

    begeleiding = begeleiding_vastleggen(
        inburgeraar=in_traject,
        data={
            "organisatie": vwon,
            "start": dt.date(2026, 3, 1),
            "einde": dt.date(2027, 2, 28),
            "praktische_hulp": True,
        },
        acting_user=casusregisseur,
    )

    assert [geleverd for _, geleverd in begeleiding.elementen()] == [
        True,
        False,
        False,
        False,
    ]
    assert op_tijdlijn(in_traject, "keten", "Maatschappelijke begeleiding door")
    assert gelogd(in_traject, "Begeleiding vastgelegd")
