"""The scenario persons: one line each in PERSONEN, with their given names."""

import datetime as dt

from intake.models import Doelgroep, WetRegime
from tests.monitoring.kwartaal.scenario.gedeeld import D

# Given names of the scenario persons: the report must never show any of them.
VOORNAMEN = {
    "A1": "Yusuf",
    "A2": "Amira",
    "A3": "Tesfaye",
    "A4": "Mariam",
    "A5": "Dawit",
    "A6": "Fatima",
    "A7": "Hamid",
    "A8": "Layla",
    "A9": "Bashir",
    "A10": "Rahel",
    "G1": "Svetlana",
    "G2": "Priya",
    "G3": "Joaquim",
    "X1": "Ebrahim",
    "X2": "Nadia",
    "X3": "Kidane",
    "X4": "Samira",
    "D1": "Ghebre",
    "D2": "Olena",
    "W1": "Mahmoud",
}


# Zevenaar (Z), Duiven (D), Westervoort (W); doelgroep: ash asielstatushouder, gva
# gezinsvormer met asielstatushouder, gha gezinshereniger met asielstatushouder (both
# asiel), gv gezinsvormer, gh gezinshereniger, ov overig; "-" is empty. The DUO
# kennisgeving is the start of the plicht unless EXTRA says otherwise.
PERSONEN = """
code gem dg  start       pip_deadline pip_vastgesteld status            huisvesting
A1   Z   ash 2022-01-10  2022-03-21   2022-03-01      afgerond_voldaan  2021-03-01
A2   Z   ash 2022-02-14  2022-04-25   2022-04-20      verhuisd          2021-05-10
A3   Z   ash 2022-04-04  2022-06-13   2022-06-01      afgerond_voldaan  2021-06-30
A4   Z   gva 2022-05-02  2022-07-11   2022-10-03      in_traject        2021-07-01
A5   Z   ash 2022-08-01  2022-10-10   2022-10-10      afgerond_voldaan  2022-06-15
A6   Z   ash 2022-10-03  2022-12-12   2022-12-01      pip_vastgesteld   2022-09-01
A7   Z   ash 2022-10-10  2022-12-19   -               pip_concept       2022-09-20
A8   Z   ash 2022-10-17  2022-12-26   -               intake_loopt      2022-10-01
A9   Z   ash 2022-11-07  2022-12-28   -               intake_gepland    -
A10  Z   gha 2022-12-05  2023-02-13   -               signaal_ontvangen 2022-11-15
G1   Z   gv  2022-11-14  2023-01-23   -               intake_loopt      2022-08-01
G2   Z   gh  2022-04-11  2022-06-20   2022-11-15      in_traject        -
G3   Z   ov  2022-06-13  2022-08-22   2022-08-15      in_traject        -
X1   Z   ash 2022-10-05  2022-11-01   -               ontkoppeld        2022-08-01
X2   Z   ash 2022-10-05  -            -               in_traject        2022-08-02
X3   Z   ash -           -            -               signaal_ontvangen 2022-09-05
X4   Z   ash 2023-01-09  2023-03-20   -               signaal_ontvangen 2022-12-20
D1   D   ash 2022-11-01  -            -               signaal_ontvangen 2021-04-01
D2   D   gv  2022-03-01  -            -               intake_loopt      -
W1   W   ash 2022-12-01  -            -               signaal_ontvangen 2022-11-01
"""
EXTRA = {
    "A6": {"kennisgeving": None},  # the PIP wait counts from the start of the plicht
    "G2": {"bijstand": True, "bijstand_start": D(2022, 12, 1)},
    "X2": {"wet_regime": WetRegime.WI2013},
    "X3": {"kennisgeving": None},
}
DOELGROEPEN = {
    "ash": Doelgroep.ASIELSTATUSHOUDER,
    "gva": Doelgroep.GEZINSVORMER_ASIEL,
    "gha": Doelgroep.GEZINSHERENIGER_ASIEL,
    "gv": Doelgroep.GEZINSVORMER,
    "gh": Doelgroep.GEZINSHERENIGER,
    "ov": Doelgroep.OVERIG,
}


def lees_datum(tekst: str) -> dt.date | None:
    return None if tekst == "-" else dt.date.fromisoformat(tekst)
