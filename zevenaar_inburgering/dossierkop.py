"""The dossier header ("dossierkop"): who this is and where their route stands,
kept in view above every dossier tab (issue 19).

Each app states its own facts in `<app>/dossierkop.py` with a function
`kopregels(dossier, *, user, vandaag) -> list[Kopregel]` (the per-app declarations
of the floor plan, collected in INSTALLED_APPS order by bijdragen.per_app), so the
intake tab can show the termijn without importing pip_plans. The facts come from
the same fields and rows the werkvoorraad shows (the dossier status, the PIP
deadline include, the routestand), so the header and the list cannot disagree.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django import template
from django.utils import timezone

from .bijdragen import per_app

register = template.Library()


@dataclass(frozen=True)
class Kopregel:
    """One fact in the header: a label and its value (text or escaped HTML)."""

    label: str
    waarde: str


@cache
def _bijdragen():
    return per_app("dossierkop")


def kopregels(dossier, *, user, vandaag: date) -> list[Kopregel]:
    return [
        regel
        for module in _bijdragen()
        for regel in module.kopregels(dossier, user=user, vandaag=vandaag)
    ]


@register.inclusion_tag("includes/dossierkop.html", takes_context=True)
def dossierkop(context, dossier):
    return {
        "dossier": dossier,
        "regels": kopregels(
            dossier, user=context["request"].user, vandaag=timezone.localdate()
        ),
    }
