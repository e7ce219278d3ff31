"""The URLs of the ontzorgen pages, the form data the page tests post, and the title
of a response."""

import datetime as dt

from django.urls import reverse

from pip_plans.models import VasteLast, VasteLastSoort

D = dt.date


def pagina(dossier):
    return reverse("pip_plans:ontzorgen", args=[dossier.pk])


def rsd_pagina(dossier):
    return reverse("pip_plans:rsd_ontzorgen", args=[dossier.pk])


def actie(naam, dossier):
    return reverse(f"pip_plans:{naam}", args=[dossier.pk])


def huur(ontzorging) -> VasteLast:
    return ontzorging.vaste_lasten.get(soort=VasteLastSoort.HUUR)


def last_post(last, **changes) -> dict:
    prefix = f"last-{last.pk}"
    data = {
        "soort": last.soort,
        "omschrijving": last.omschrijving,
        "begunstigde": "Woonstichting De Liemers",
        "iban": "nl91 abna 0417 1643 00",
        "bedrag": "650,00",
        "frequentie": "maand",
        "vanaf": "",
        "tot": "",
        "versie": str(last.versie),
    }
    data.update(changes)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def betaling_post(last, **changes) -> dict:
    """The payment form with `last` paid (`bedrag`); other fields by name."""
    return betalingen_post({last: changes.pop("bedrag", "650,00")}, **changes)


def betalingen_post(bedragen: dict, **changes) -> dict:
    """The payment form with a row per vaste last in `bedragen` (last -> typed
    amount)."""
    data = {"maand": "2026-05", "betaald_op": "2026-05-01"}
    data.update({f"bedrag_{last.pk}": bedrag for last, bedrag in bedragen.items()})
    data.update(changes)
    return {f"betaling-{k}": v for k, v in data.items()}


def title(response) -> str:
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")]
