"""Progress: the aanbieder's voortgangsrapportage and the voortgangsgesprekken
(one planned at a time, the next at the PIP's interval)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import (
    Inburgeraar,
)
from intake.services import wijziging_vastleggen
from pip_plans.selectors import geldende_pip
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    Afronding,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from ..routestand import routestand_bijwerken
from ..tijdlijn import GebeurtenisSoort
from .traject import open_traject


@transaction.atomic
def voortgang_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Voortgangsrapportage:
    traject = open_traject(inburgeraar)
    aanbieder = data.get("aanbieder") or (traject.aanbieder if traject else None)
    if aanbieder is None:
        raise ValidationError("Er loopt geen traject; wijs eerst een aanbieder toe.")
    if data["datum"] > timezone.localdate():
        raise ValidationError({"datum": "De datum ligt in de toekomst."})
    rapportage = Voortgangsrapportage.objects.create(
        inburgeraar=inburgeraar,
        aanbieder=aanbieder,
        datum=data["datum"],
        lezen=data.get("lezen", ""),
        luisteren=data.get("luisteren", ""),
        schrijven=data.get("schrijven", ""),
        spreken=data.get("spreken", ""),
        aanwezigheid_pct=data.get("aanwezigheid_pct"),
        opmerkingen=data.get("opmerkingen", ""),
        vastgelegd_door=acting_user,
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Voortgangsrapportage van {aanbieder} ({datum_tekst(data['datum'])})",
        actie_naam="Voortgangsrapportage vastgelegd",
        handeling="Voortgang",
    )
    routestand_bijwerken([inburgeraar.pk])
    return rapportage


# --- Voortgangsgesprekken -------------------------------------------------------------


@transaction.atomic
def voortgangsgesprek_vastleggen(
    *, gesprek: Voortgangsgesprek, data: dict, acting_user: User
) -> Voortgangsgesprek:
    """Record a held meeting and plan the next one at the PIP's interval."""
    gesprek = Voortgangsgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.gehouden_op is not None:
        raise ValidationError("Dit gesprek is al vastgelegd.")
    if data["gehouden_op"] > timezone.localdate():
        raise ValidationError({"gehouden_op": "De datum ligt in de toekomst."})
    for veld, waarde in data.items():
        setattr(gesprek, veld, waarde)
    gesprek.vastgelegd_door = acting_user
    gesprek.save()
    inburgeraar = gesprek.inburgeraar
    pip = geldende_pip(inburgeraar)
    volgende = ""
    # Fix: no next meeting once the inburgeringsplicht is voldaan.
    if (
        pip is not None
        and pip.voortgangsgesprek_interval_weken
        and not Afronding.objects.filter(
            inburgeraar=inburgeraar, voldaan_op__isnull=False
        ).exists()
    ):
        dag = gesprek.gehouden_op + timedelta(
            weeks=pip.voortgangsgesprek_interval_weken
        )
        Voortgangsgesprek.objects.create(
            inburgeraar=inburgeraar, gepland_op=dag, vastgelegd_door=acting_user
        )
        volgende = f"; volgende gepland op {datum_tekst(dag)}"
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.VOORTGANG,
        omschrijving=f"Voortgangsgesprek gehouden op {datum_tekst(gesprek.gehouden_op)}{volgende}",
        actie_naam="Voortgangsgesprek vastgelegd",
        handeling="Voortgang",
    )
    routestand_bijwerken([inburgeraar.pk])
    return gesprek


@transaction.atomic
def voortgangsgesprek_plannen(
    *, inburgeraar: Inburgeraar, gepland_op: date, acting_user: User
) -> Voortgangsgesprek:
    """Plan (or move) the next meeting; there is one planned at a time."""
    gesprek = (
        Voortgangsgesprek.objects.select_for_update()
        .filter(inburgeraar=inburgeraar, gehouden_op__isnull=True)
        .first()
    )
    if gesprek is None:
        gesprek = Voortgangsgesprek(
            inburgeraar=inburgeraar, vastgelegd_door=acting_user
        )
    gesprek.gepland_op = gepland_op
    gesprek.save()
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.VOORTGANG,
        omschrijving=f"Voortgangsgesprek gepland op {datum_tekst(gepland_op)}",
        actie_naam="Voortgangsgesprek gepland",
        handeling="Voortgang",
    )
    routestand_bijwerken([inburgeraar.pk])
    return gesprek
