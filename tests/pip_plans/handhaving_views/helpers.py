"""The URLs of the handhaving pages and the zaak and maatregel the page tests start
from, with a marker in their texts that no page out of scope may show."""

import datetime as dt

from django.urls import reverse

from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.services import handhavingszaak_aanmaken

D = dt.date
MARKER = "GEHEIM-HANDHAVING-7731"
OVERTREDING_OP = D(2026, 2, 2)
GEDRAGING_OP = D(2026, 2, 12)


def pagina(dossier) -> str:
    return reverse("pip_plans:handhaving", args=[dossier.pk])


def detail(zaak) -> str:
    return reverse("pip_plans:handhavingszaak", args=[zaak.pk])


def stap(naam: str, zaak) -> str:
    return reverse(f"pip_plans:handhaving_{naam}", args=[zaak.pk])


def rsd_pagina(dossier) -> str:
    return reverse("pip_plans:rsd_maatregelen", args=[dossier.pk])


def rsd_post(dossier) -> str:
    return reverse("pip_plans:rsd_maatregel_vastleggen", args=[dossier.pk])


def zaak_voor(dossier, user, datum=OVERTREDING_OP, feiten=f"Niet verschenen {MARKER}"):
    return handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=datum,
        feiten=feiten,
        acting_user=user,
    )


def maatregel_voor(dossier, user, datum=GEDRAGING_OP):
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond="re_integratie",
        datum_gedraging=datum,
        omschrijving="Niet verschenen bij het werkgeversgesprek.",
        besluit_op=datum + dt.timedelta(days=7),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


def boete_post(bedrag: str, versie: str = "1", **velden) -> dict:
    """What the besluit form posts for a boete of `bedrag` on 20 March 2026, fully
    verwijtbaar; `velden` (without the prefix) change or add fields."""
    data = {
        "versie": versie,
        "besluit": "boete",
        "besluit_op": "2026-03-20",
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Onderbouwing",
        "boetebedrag": bedrag,
        "voorbeeld_gezien": "on",  # the boetebeschikking was seen first (issue 20)
        **velden,
    }
    return {f"besluit-{veld}": waarde for veld, waarde in data.items()}
