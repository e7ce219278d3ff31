"""What an app can say about its models in its retention declaration (SECURITY RL-10).

The nightly retention job (`intake/anonimiseren.py`) knows no app above intake:
each app declares, in its own `<app>/retentie.py`, what happens to its models when a
dossier is anonymised, and the job collects those modules with
`per_app("retentie")` in `INSTALLED_APPS` order (the layer order, so the dossier's
own rows come first). A declaration module has:

- `REGELS`: one rule per model, run in this order for every batch of dossiers:
  `Wissen` (an UPDATE of the texts that identify the person; the rest of the row
  stays), `Verwijderen` (the rows go), `Bewaren` (the rows stay as they are, with
  the reason), or a rule of the app's own with the same two members (`modellen`,
  `uitvoeren`).
- `BLOKKADES` (optional): what holds a closed dossier back however long ago it
  closed (a running handhavingszaak, an open bezwaar).
- `AFSLUITDATUM` (optional): the dates of activity, relative to the Inburgeraar,
  whose latest is the dossier's closing date.
- `ARCHIEF` (optional): functions that give, for a list of dossier ids, the
  dossiers' archival records (beschikkingen, letters, beslissingen op bezwaar) as
  `zevenaar_inburgering.archief.Stuk`s. The job exports them to the archive package
  before it changes anything, and stops if that fails (DOMAIN.md §13.6); their
  models are declared `Bewaren`: the job never deletes a decision.

`tests/security/test_rl10_declarations.py` fails when a model that holds a
dossier's personal data is named by no declaration, or by two.

The staff's own data (accounts: users, the security log, sessions) belongs to no
dossier: it follows the account (docs/persoonsgegevens.md §3), not this job.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Exists, Model, OuterRef, Q

from zevenaar_inburgering.bijdragen import per_app

# Where a check constraint demands text (a verlengd ontzorgen needs a reason, an
# "overig" vaste last a description, afzien of a fine a reason).
GEWIST = "[geanonimiseerd]"


class Regel(Protocol):
    modellen: tuple[type[Model], ...]

    def uitvoeren(self, ids: list) -> list[str]:
        """Apply the rule to the rows of the dossiers `ids`; return the stored names
        of the documents to delete from private storage."""
        ...


def _bestandsnamen(rijen, velden: tuple[str, ...]) -> list[str]:
    """The stored names in the `velden` of `rijen`, to delete from private storage."""
    return [
        naam
        for veld in velden
        for naam in rijen.exclude(**{veld: ""}).values_list(veld, flat=True)
    ]


@dataclass(frozen=True)
class Wissen:
    """The dossier's rows of `model` get `waarden` (one UPDATE); the other fields,
    read by the kwartaalrapportage and the nightly derived state, stay.

    `pad` leads from a row to its Inburgeraar (`inburgeraar`,
    `intake__inburgeraar`, `pk` for the dossier itself). The files named in the
    `bestanden` fields are deleted from private storage (their references belong in
    `waarden`). `onveranderlijk`: the database trigger that keeps these rows from
    changing; the job switches it off inside its own transaction."""

    model: type[Model]
    pad: str
    waarden: Mapping[str, Any]
    bestanden: tuple[str, ...] = ()
    onveranderlijk: str = ""

    @property
    def modellen(self) -> tuple[type[Model], ...]:
        return (self.model,)

    def uitvoeren(self, ids: list) -> list[str]:
        rijen = self.model.objects.filter(**{f"{self.pad}__in": ids})
        namen = _bestandsnamen(rijen, self.bestanden)
        rijen.update(**self.waarden)
        return namen


@dataclass(frozen=True)
class Verwijderen:
    """The dossier's rows of `model` are deleted: they are only personal data and
    no report reads them. The files named in the `bestanden` fields are deleted
    from private storage too."""

    model: type[Model]
    pad: str
    bestanden: tuple[str, ...] = ()

    @property
    def modellen(self) -> tuple[type[Model], ...]:
        return (self.model,)

    def uitvoeren(self, ids: list) -> list[str]:
        rijen = self.model.objects.filter(**{f"{self.pad}__in": ids})
        namen = _bestandsnamen(rijen, self.bestanden)
        rijen.delete()
        return namen


@dataclass(frozen=True)
class Bewaren:
    """The rows of `model` stay as they are, because `reden`."""

    model: type[Model]
    reden: str

    @property
    def modellen(self) -> tuple[type[Model], ...]:
        return (self.model,)

    def uitvoeren(self, ids: list) -> list[str]:
        return []


@dataclass(frozen=True)
class Blokkade:
    """A dossier with a row of `model` that meets `voorwaarde` is not anonymised,
    however long ago it closed, because `reden`. `pad` leads from the row to its
    Inburgeraar."""

    model: type[Model]
    pad: str
    voorwaarde: Q
    reden: str

    def bestaat(self) -> Exists:
        """For a filter on Inburgeraar: such a row exists for this dossier."""
        return Exists(
            self.model.objects.filter(self.voorwaarde, **{self.pad: OuterRef("pk")})
        )


def regels() -> list[Regel]:
    """Every app's rules, in INSTALLED_APPS order."""
    return [regel for module in per_app("retentie") for regel in module.REGELS]


def blokkades() -> list[Blokkade]:
    return [
        blokkade
        for module in per_app("retentie")
        for blokkade in getattr(module, "BLOKKADES", ())
    ]


def archiefstukken(ids: list) -> list:
    """Every app's archival records (`ARCHIEF`) of the dossiers `ids`."""
    return [
        stuk
        for module in per_app("retentie")
        for bron in getattr(module, "ARCHIEF", ())
        for stuk in bron(ids)
    ]


def afsluitdatum_delen() -> list:
    return [
        deel
        for module in per_app("retentie")
        for deel in getattr(module, "AFSLUITDATUM", ())
    ]
