"""The rows of one chunk of seeded dossiers, written in bulk."""

import io

from django.db import connection
from django.utils import timezone

from intake.models import BredeIntake, Gebeurtenis, Inburgeraar, IntakeGezondheid
from leerroutes.models import (
    Afronding,
    Examenpoging,
    Participatieactiviteit,
    Routestand,
    Traject,
    TrajectOnderdeel,
    Urenregistratie,
)
from pip_plans.models import (
    Beschikking,
    Bezwaar,
    Handhavingszaak,
    Inburgeringstermijn,
    Maatregel,
    Ontzorging,
    Pip,
    Verlenging,
)

from .data import BATCH


class Rijen:
    """The rows of one chunk, per model, in the order they are inserted.

    The monthly hours are most of the rows (about 30 per dossier): they are kept as
    tuples and written with COPY, which is several times faster than making and
    inserting model instances. Everything else goes through bulk_create."""

    UREN_KOLOMMEN = (
        "inburgeraar_id",
        "traject_id",
        "aanbieder_id",
        "onderdeel",
        "maand",
        "uren_aanwezig",
        "uren_geroosterd",
        "keurmerk",
        "bron",
        "vastgelegd_door_id",
    )

    MODELLEN = (
        Inburgeraar,
        Gebeurtenis,
        BredeIntake,
        IntakeGezondheid,
        Pip,
        Beschikking,
        Inburgeringstermijn,
        Verlenging,
        Bezwaar,
        Traject,
        TrajectOnderdeel,
        Examenpoging,
        Afronding,
        Participatieactiviteit,
        Routestand,
        Ontzorging,
        Handhavingszaak,
        Maatregel,
    )

    def __init__(self):
        self.per_model = {model: [] for model in self.MODELLEN}
        self.uren: list[tuple] = []

    def add(self, obj) -> None:
        self.per_model[type(obj)].append(obj)

    def opslaan(self) -> dict:
        for model, objs in self.per_model.items():
            if objs:
                model.objects.bulk_create(objs, batch_size=BATCH)
        self._uren_kopieren()
        aantallen = {model: len(objs) for model, objs in self.per_model.items()}
        return aantallen | {Urenregistratie: len(self.uren)}

    def _uren_kopieren(self) -> None:
        if not self.uren:
            return
        nu = timezone.now().isoformat()
        # Ids, codes, dates and decimals only: no tab, newline or backslash to escape.
        tekst = "".join("\t".join(map(str, rij)) + f"\t{nu}\n" for rij in self.uren)
        kolommen = ", ".join((*self.UREN_KOLOMMEN, "vastgelegd_op"))
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {Urenregistratie._meta.db_table} ({kolommen}) FROM STDIN",
                io.StringIO(tekst),
            )
