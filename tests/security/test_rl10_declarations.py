"""RL-10: every model that holds a dossier's personal data says what the retention
job does with it, in the `retentie.py` of the app that owns it (wiped, deleted, or
kept with the reason), so a new model cannot slip past the job unnoticed.

Which models hold a dossier's data is derived, not listed: those of the project's
own apps with a chain of foreign keys or one-to-ones to the dossier (Inburgeraar,
or a row of its own app that the dossier points at: the household), and those with
a generic reference (`object_type` + `object_id`, as the verwerkingenlog and the
signals have) that can name a dossier. The staff's own data (accounts) points at no
dossier: it follows the account, not this job (zevenaar_inburgering/bewaartermijn.py).
"""

from pathlib import Path

from django.apps import apps
from django.db.models import Model

import pytest

from intake.models import Inburgeraar
from zevenaar_inburgering import bewaartermijn
from zevenaar_inburgering.bijdragen import per_app

ROOT = Path(__file__).resolve().parents[2]


def _eigen_apps():
    """The project's own apps (not Django's or a library's)."""
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
    ]


def _dossier_wortels() -> set[type[Model]]:
    """The dossier and the rows of its own app it points at."""
    return {Inburgeraar} | {
        veld.related_model
        for veld in Inburgeraar._meta.concrete_fields
        if veld.is_relation
        and veld.related_model._meta.app_config == Inburgeraar._meta.app_config
    }


def _leidt_naar_dossier(model, wortels, bezocht=frozenset()) -> bool:
    if model in wortels:
        return True
    for veld in model._meta.concrete_fields:
        doel = veld.related_model
        if (
            (veld.many_to_one or veld.one_to_one)
            and doel not in bezocht
            and _leidt_naar_dossier(doel, wortels, bezocht | {model})
        ):
            return True
    return False


def _heeft_generieke_verwijzing(model) -> bool:
    namen = {veld.name for veld in model._meta.concrete_fields}
    return {"object_type", "object_id"} <= namen


def dossiermodellen() -> set[type[Model]]:
    wortels = _dossier_wortels()
    return {
        model
        for config in _eigen_apps()
        for model in config.get_models()
        if _leidt_naar_dossier(model, wortels) or _heeft_generieke_verwijzing(model)
    }


def _verklaringen() -> list[tuple[str, object]]:
    """(app name, rule) for every rule of every app's retentie.py."""
    return [
        (module.__name__.rpartition(".")[0], regel)
        for module in per_app("retentie")
        for regel in module.REGELS
    ]


def test_the_derivation_finds_the_dossier_models():
    """Guards the walk below: it reaches through chains, the household and the
    generic references, and stops at the staff's data."""
    labels = {model._meta.label for model in dossiermodellen()}
    for label in (
        "intake.Inburgeraar",
        "intake.Huishoudlid",
        "intake.IntakeGezondheid",
        "pip_plans.Verlenging",
        "pip_plans.Betaling",
        "leerroutes.TrajectOnderdeel",
        "monitoring.Signaal",
        "verwerkingen.Verwerking",
    ):
        assert label in labels
    assert "accounts.User" not in labels
    assert "leerroutes.Organisatie" not in labels


def test_every_dossier_model_is_named_by_exactly_one_declaration():
    genoemd: dict[type[Model], int] = {}
    for _, regel in _verklaringen():
        for model in regel.modellen:
            genoemd[model] = genoemd.get(model, 0) + 1
    zonder = sorted(m._meta.label for m in dossiermodellen() if m not in genoemd)
    dubbel = sorted(m._meta.label for m, keer in genoemd.items() if keer > 1)
    assert zonder == [], "no retention declaration (wiped, deleted or kept because …)"
    assert dubbel == []


def test_each_app_declares_only_its_own_models():
    vreemd = [
        f"{app}: {model._meta.label}"
        for app, regel in _verklaringen()
        for model in regel.modellen
        if model._meta.app_config.name != app
    ]
    assert vreemd == []


def test_what_is_kept_says_why():
    for _, regel in _verklaringen():
        if isinstance(regel, bewaartermijn.Bewaren):
            assert regel.reden.strip(), regel.model._meta.label


@pytest.mark.parametrize(
    "regel",
    [regel for _, regel in _verklaringen() if isinstance(regel, bewaartermijn.Wissen)],
    ids=lambda regel: regel.model._meta.label,
)
def test_wiped_fields_and_paths_exist(regel):
    for naam in (*regel.waarden, *regel.bestanden):
        regel.model._meta.get_field(naam)
    # The path leads to the dossier: the query compiles.
    str(regel.model.objects.filter(**{f"{regel.pad}__in": [1]}).query)


def test_blocks_and_closing_dates_compile_against_the_dossier():
    assert bewaartermijn.blokkades() and len(bewaartermijn.afsluitdatum_delen()) > 1
    for blokkade in bewaartermijn.blokkades():
        assert blokkade.reden
        str(Inburgeraar.objects.filter(blokkade.bestaat()).query)
