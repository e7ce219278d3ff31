"""Kwaliteit van de gegevens: the dossiers the figures leave out, per reason, so a
beleidsmedewerker sees what is missing (a dossier made by hand without a start of
the inburgeringsplicht would otherwise vanish from every figure, SPUK included)."""

from django.db.models import Count, OuterRef, Q, Subquery

from intake.models import BredeIntake, Inburgeraar, Status, WetRegime

from .basis import aantal, per_categorie
from .cellen import rij_per_cat, tabel

# Reason -> the dossiers it leaves out; the reasons exclude each other, in the
# order basis.dossiers() applies them (ontkoppeld first).
WEGGELATEN = [
    (
        "ontkoppeld",
        "Ontkoppeld na een correctiesignaal van DUO",
        Q(status=Status.ONTKOPPELD),
    ),
    (
        "wi2013",
        "Wet inburgering 2013 (alleen in hun eigen voorraadregel)",
        Q(wet_regime=WetRegime.WI2013) & ~Q(status=Status.ONTKOPPELD),
    ),
    (
        "zonder_start",
        "Wet inburgering 2021 zonder start van de inburgeringsplicht",
        Q(wet_regime=WetRegime.WI2021, start_inburgeringsplicht__isnull=True)
        & ~Q(status=Status.ONTKOPPELD),
    ),
]


def kwaliteit_sectie(basis, gemeente) -> dict:
    """One query over every dossier of the gebied: the ones left out per reason,
    and of those counted, the persons with more than one brede intake (the intake
    rows count persons, not intakes)."""
    alle = Inburgeraar.objects.all()
    if gemeente is not None:
        alle = alle.filter(gemeente=gemeente)
    intakes = Subquery(
        BredeIntake.objects.filter(inburgeraar=OuterRef("pk"))
        .order_by()
        .values("inburgeraar")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    geteld = Q(pk__in=basis.values("pk"))
    w = per_categorie(
        alle.annotate(aantal_intakes=intakes),
        "",
        {code: aantal(voorwaarde) for code, _, voorwaarde in WEGGELATEN}
        | {"meer_intakes": aantal(geteld & Q(aantal_intakes__gt=1))},
    )
    return {
        "code": "kwaliteit",
        "titel": "Kwaliteit van de gegevens",
        "tabellen": [
            tabel(
                "Dossiers die niet in de cijfers zitten (personen)",
                # No total row: the total less the other rows would give a
                # suppressed one.
                [rij_per_cat(label, w[code]) for code, label, _ in WEGGELATEN],
                toelichting="Deze dossiers tellen in geen enkel cijfer van dit "
                "rapport mee, ook niet in de SPUK. Een dossier zonder start van de "
                "inburgeringsplicht telt mee zodra de casusregisseur die datum "
                "vastlegt. Geteld op de datum van de gegevens.",
            ),
            tabel(
                "Meegeteld, met meer dan één brede intake",
                [
                    rij_per_cat(
                        "Personen met meer dan één brede intake", w["meer_intakes"]
                    )
                ],
                toelichting="Een nieuwe brede intake volgt op een verhuizing. De "
                "brede intakes in dit rapport tellen personen, niet intakes.",
            ),
        ],
    }
