"""Retention (SECURITY RL-10) of the leerroutes app's models: what the nightly job
(`intake/anonimiseren.py`) does with a dossier past its bewaartermijn.

Wiped: every free text — progress remarks, the Z eindgesprek, participation
employers, verwijzingen, begeleiding, voortgangsgesprek reports.

Kept, because the kwartaalrapportage and the nightly routestand read them and they
do not identify a person on their own: trajecten, hours, exams, the afronding's
dates, and the rows that hold them.
"""

from django.db.models import F

from zevenaar_inburgering.bewaartermijn import Bewaren, Wissen

from .models import (
    Afronding,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Participatieactiviteit,
    Routestand,
    Traject,
    TrajectOnderdeel,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)

# The date the plicht was met.
AFSLUITDATUM = ["afronding__voldaan_op"]

REGELS = [
    Bewaren(
        Traject,
        "it holds the route, aanbieder, contract and dates, which the "
        "kwartaalrapportage counts; no free text",
    ),
    Bewaren(
        TrajectOnderdeel,
        "it holds only the onderdeel, planned hours and dates, which the "
        "kwartaalrapportage counts",
    ),
    Bewaren(
        Urenregistratie,
        "it holds only hours per month, which the kwartaalrapportage and the "
        "routestand count",
    ),
    Bewaren(
        Examenpoging,
        "it holds only the onderdeel, level, date and result, which the "
        "kwartaalrapportage counts",
    ),
    Bewaren(
        Routestand,
        "it is derived every night from the hours, exams and dates above; its "
        "reasons are made from numbers, not from what a person said",
    ),
    Wissen(Voortgangsrapportage, "inburgeraar", {"opmerkingen": ""}),
    Wissen(
        Afronding,
        "inburgeraar",
        {
            "z_eindgesprek_verslag": "",
            "onderwijsroute_resultaat": "",
            "versie": F("versie") + 1,
        },
    ),
    Wissen(
        Participatieactiviteit,
        "inburgeraar",
        {"organisatie": "", "omschrijving": ""},
    ),
    Wissen(
        Verwijzing,
        "inburgeraar",
        {"reden": "", "terugkoppeling": "", "versie": F("versie") + 1},
    ),
    Wissen(
        MaatschappelijkeBegeleiding,
        "inburgeraar",
        {"toelichting": "", "versie": F("versie") + 1},
    ),
    Wissen(
        Voortgangsgesprek,
        "inburgeraar",
        {"deelnemers": "", "verslag": "", "afspraken": ""},
    ),
]
