"""Brede intake en PIP: intakes started and completed, PIP's vastgesteld and on time."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from intake.models import GESLOTEN_STATUSSEN, BredeIntake, IntakeStatus

from .basis import (
    CATEGORIEEN,
    DagenTussen,
    Mediaan,
    Periode,
    aantal,
    per_categorie,
    van,
)
from .cellen import dagen, pct, rij, rij_per_cat, tabel


def intake_pip_sectie(p: Periode, basis) -> dict:
    intakes = per_categorie(
        van(BredeIntake, basis),
        "inburgeraar__",
        # Persons, not intake rows: a verhuizing brings a second intake.
        {
            "gestart": aantal(Q(gestart_op__range=p.bereik), "inburgeraar", True),
            "afgerond": aantal(
                Q(status=IntakeStatus.AFGEROND, afgerond_op__range=p.bereik),
                "inburgeraar",
                True,
            ),
        },
    )
    vastgesteld = Q(pip_vastgesteld_op__range=p.bereik)
    wachttijd = DagenTussen(
        F("pip_vastgesteld_op"),
        Coalesce("datum_kennisgeving", "start_inburgeringsplicht"),
    )
    pips = per_categorie(
        basis,
        "",
        {
            "vastgesteld": aantal(vastgesteld),
            "tijdig": aantal(
                vastgesteld & Q(pip_vastgesteld_op__lte=F("pip_deadline"))
            ),
            "mediaan": lambda cat: Mediaan(wachttijd, filter=cat & vastgesteld),
            "te_laat": aantal(
                Q(pip_deadline__lt=p.eind, start_inburgeringsplicht__lte=p.eind)
                & (
                    Q(pip_vastgesteld_op__isnull=True)
                    | Q(pip_vastgesteld_op__gt=p.eind)
                )
                & ~Q(status__in=GESLOTEN_STATUSSEN)
            ),
        },
    )
    return {
        "code": "intake_pip",
        "titel": "Brede intake en PIP",
        "tabellen": [
            tabel(
                "In het kwartaal",
                [
                    rij_per_cat("Brede intake gestart (personen)", intakes["gestart"]),
                    rij_per_cat(
                        "Brede intake afgerond (personen)", intakes["afgerond"]
                    ),
                    rij_per_cat("PIP's vastgesteld", pips["vastgesteld"]),
                    rij(
                        "  waarvan binnen de termijn van 10 weken",
                        [
                            pct(pips["tijdig"][cat], pips["vastgesteld"][cat])
                            for cat, _ in CATEGORIEEN
                        ],
                    ),
                    rij(
                        "  mediaan aantal dagen van kennisgeving tot PIP",
                        [
                            dagen(pips["mediaan"][cat], pips["vastgesteld"][cat])
                            for cat, _ in CATEGORIEEN
                        ],
                    ),
                    rij_per_cat("PIP te laat op de peildatum", pips["te_laat"]),
                ],
                toelichting="Binnen de termijn: vastgesteld uiterlijk op de "
                "PIP-deadline (10 weken, met opschorting). De mediaan telt vanaf de "
                "kennisgeving van DUO, de deadline vanaf de kennisgeving of de "
                "latere inschrijving in de gemeente (BRP): een PIP dat op tijd is, "
                "kan dus meer dan 70 dagen na de kennisgeving liggen. Brede "
                "intakes tellen personen.",
            )
        ],
    }
