import datetime as dt

import pytest

from intake.models import BredeIntake, IntakeGezondheid, IntakeStatus
from pip_plans import services


def complete_pip_data(**changes) -> dict:
    """Content that passes every rule for a B1-route PIP."""
    data = {
        "leerroute": "b1",
        "taalniveau": "B1",
        "reden_afwijzing_b1": "",
        "reden_afwijzing_onderwijs": "Te oud voor de onderwijsroute en wil werken.",
        "reden_afwijzing_z": "Leerbaarheidstoets wijst op B1; leert snel.",
        "ondersteuning": "Maatschappelijke begeleiding door Vluchtelingenwerk, elke week.",
        "maatschappelijke_begeleiding": True,
        "pvt_uren": 12,
        "map_uren": 40,
        "knm_vorm": "examen",
        "voortgangsgesprek_interval_weken": 12,
        "ontzorgen": True,
        "ontzorgen_toelichting": "Huur, energie en zorgverzekering.",
        "participatiewet_onderdelen": "",
        "kinderopvang": "",
        "vve_afspraken": "",
    }
    data.update(changes)
    return data


def afgeronde_intake(dossier, user) -> BredeIntake:
    intake = BredeIntake.objects.create(
        inburgeraar=dossier,
        gestart_op=dt.date(2026, 1, 20),
        gestart_door=user,
        status=IntakeStatus.AFGEROND,
        afgerond_op=dt.date(2026, 2, 10),
        afgerond_door=user,
        lbt_datum=dt.date(2026, 1, 25),
        lbt_uitkomst="b1_of_hoger",
        hoogste_opleiding="voortgezet",
        jaren_onderwijs=11,
        gealfabetiseerd="ja",
        persoonlijke_omstandigheden="Woont met partner en twee kinderen.",
        wens="werk",
    )
    IntakeGezondheid.objects.create(intake=intake, besproken_op=dt.date(2026, 1, 28))
    return intake


@pytest.fixture
def dossier_klaar(dossier, casusregisseur):
    """`dossier` (asiel, bijstand, Zevenaar) with a completed brede intake."""
    return klaar_voor_pip(dossier, casusregisseur)


def klaar_voor_pip(dossier, user):
    """Give `dossier` an address, deadline and a completed brede intake."""
    dossier.datum_kennisgeving = dt.date(2026, 1, 12)
    dossier.datum_brp_inschrijving = dt.date(2026, 1, 8)
    dossier.straat, dossier.huisnummer = "Kerkstraat", "10"
    dossier.postcode, dossier.woonplaats = "6901 AB", "Zevenaar"
    dossier.refresh_pip_deadline()
    dossier.save()
    afgeronde_intake(dossier, user)
    return dossier


def vaststellen(dossier, user):
    """Draft, complete and vaststellen the first PIP; returns the beschikking."""
    pip = services.pip_opstellen(inburgeraar=dossier, acting_user=user)
    pip = services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=user,
    )
    return services.pip_vaststellen(pip=pip, acting_user=user)
