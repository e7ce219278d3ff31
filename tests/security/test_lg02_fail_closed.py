"""LG-02: the verwerkingenlog is written in the transaction of the change it logs.
When writing it fails, the processing fails (fail closed): nothing is changed, no
document is left behind, no page with personal data is shown, and the user sees
the Dutch error page. And no sampling: every call writes its rows.

The log writer is made to fail where a real failure would surface: the single
INSERT of `Verwerking.objects.bulk_create` in verwerkingen.log._write raises a
DatabaseError. Every mutation test first shows that the request attempted the
write and changed nothing, then repeats the same request without the failure to
show it is a real, logged change (so the first half cannot pass vacuously).
"""

import ast
import datetime as dt
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse

import pytest

from intake.models import BredeIntake, Inburgeraar, Werkervaring
from leerroutes.models import Participatieactiviteit, Traject
from pip_plans.handhaving.services import handhavingszaak_aanmaken
from pip_plans.models import Beschikking, Brief, Inburgeringstermijn, Pip, PipStatus
from tests.factories.intake import (
    BredeIntakeFactory,
    InburgeraarFactory,
    klaar_voor_pip,
    make_bsn,
)
from tests.factories.leerroutes import taalaanbieder
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from tests.intake.test_dossier import form_data
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

# Every app whose tables hold personal data or its log; all their rows are compared.
APPS = ["intake", "pip_plans", "leerroutes", "monitoring", "verwerkingen"]
ERROR_PAGE = "Er ging iets mis"


def snapshot() -> dict:
    """Every row of every table of APPS, by model, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for label in APPS
        for model in apps.get_app_config(label).get_models()
    }


def stored_documents() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@contextmanager
def log_write_fails(when=lambda row: True):
    """Make the verwerkingenlog INSERT raise for a batch with a row matching `when`;
    yields the list of rows it was asked to write (and refused)."""
    original = Verwerking.objects.bulk_create
    attempted = []

    def bulk_create(objs, *args, **kwargs):
        objs = list(objs)
        if any(when(row) for row in objs):
            attempted.extend(objs)
            raise DatabaseError("verwerkingenlog niet bereikbaar (test)")
        return original(objs, *args, **kwargs)

    with mock.patch.object(Verwerking.objects, "bulk_create", bulk_create):
        yield attempted


@pytest.fixture
def casus_client(client_for, casusregisseur):
    client = client_for(casusregisseur)
    client.raise_request_exception = False
    return client


def assert_error_page(response):
    assert response.status_code == 500, response.status_code
    assert ERROR_PAGE in response.content.decode()


def assert_fails_closed(send, *, logged_actie: str):
    """`send()` fails as a whole when its log write fails, and succeeds (302, a
    change, a row with `logged_actie`) when it does not."""
    before, documents = snapshot(), stored_documents()
    with log_write_fails() as attempted:
        response = send()
    assert attempted, "the request never tried to write the verwerkingenlog"
    assert_error_page(response)
    assert snapshot() == before
    assert stored_documents() == documents

    response = send()
    assert response.status_code == 302, response.status_code
    assert snapshot() != before
    assert Verwerking.objects.filter(actie=logged_actie).exists()


# --- Mutations through the UI -------------------------------------------------------


def test_lg02_dossier_aanmaken_fails_closed(casus_client, zevenaar):
    bsn = make_bsn(4242)

    def send():
        return casus_client.post(
            reverse("intake:dossier_aanmaken"),
            {
                "bsn": bsn,
                "voornamen": "Selam",
                "achternaam": "Tesfay",
                "geboortedatum": "1994-02-01",
                "geslacht": "vrouw",
                "gemeente": zevenaar.pk,
                "wet_regime": "wi2021",
                "doelgroep": "asielstatushouder",
                "status": "signaal_ontvangen",
            },
        )

    assert_fails_closed(send, logged_actie=Actie.AANMAKEN)
    assert Inburgeraar.objects.filter(bsn=bsn).count() == 1


def test_lg02_dossier_wijzigen_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("intake:dossier_wijzigen", args=[dossier.pk]),
            form_data(dossier, achternaam="Haddad-Nieuw"),
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    dossier.refresh_from_db()
    assert dossier.achternaam == "Haddad-Nieuw"


def test_lg02_notitie_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
            {"tekst": "Gebeld over de intake."},
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)


def test_lg02_brede_intake_starten_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("intake:brede_intake", args=[dossier.pk]), {"aanleiding": "eerste"}
        )

    assert_fails_closed(send, logged_actie=Actie.AANMAKEN)
    assert BredeIntake.objects.filter(inburgeraar=dossier).count() == 1


def test_lg02_werkervaring_in_the_intake_fails_closed(casus_client, dossier):
    BredeIntakeFactory(inburgeraar=dossier)

    def send():
        return casus_client.post(
            reverse("intake:intake_werkervaring_toevoegen", args=[dossier.pk]),
            {"beroep": "Kok", "sector": "Horeca", "jaren": "4", "land": "Eritrea"},
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Werkervaring.objects.count() == 1


def test_lg02_pip_opstellen_fails_closed(casus_client, dossier, casusregisseur):
    klaar_voor_pip(dossier, casusregisseur)

    def send():
        return casus_client.post(reverse("pip_plans:pip_opstellen", args=[dossier.pk]))

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Pip.objects.count() == 1


@pytest.mark.pdf
def test_lg02_pip_vaststellen_fails_closed_and_leaves_no_pdf(
    casus_client, dossier, casusregisseur
):
    """Vaststellen writes its log rows last (the PDF's row is the very last), after
    the beschikking, its PDF, the termijn and the dossier status. Failing only that
    last write must undo all of it. (The form first saves the concept in its own
    transaction, with its own row: that part is a separate, completed processing.)"""
    klaar_voor_pip(dossier, casusregisseur)
    from pip_plans.services.pip import pip_opstellen

    pip = pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    data = {
        k: ("on" if v is True else v)
        for k, v in complete_pip_data().items()
        if v not in (None, False)
    }

    def send():
        pip.refresh_from_db()
        return casus_client.post(
            reverse("leerroutes:pip_bewerken", args=[dossier.pk, pip.pk]),
            {**data, "bewerkversie": pip.bewerkversie, "actie": "vaststellen"},
        )

    status_before = Inburgeraar.objects.get(pk=dossier.pk).status
    with log_write_fails(lambda row: row.actie == Actie.PDF_GENEREREN) as attempted:
        response = send()
    assert [row.handeling for row in attempted] == ["Beschikking"]
    assert_error_page(response)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.exists()
    assert not Inburgeringstermijn.objects.exists()
    assert Inburgeraar.objects.get(pk=dossier.pk).status == status_before
    assert not Verwerking.objects.filter(actie_naam="PIP vastgesteld").exists()
    assert stored_documents() == set()  # the rendered PDF was removed again

    response = send()
    assert response.status_code == 302
    beschikking = Beschikking.objects.get()
    assert stored_documents() == {Path(settings.PRIVATE_MEDIA_ROOT) / beschikking.pdf}
    assert Verwerking.objects.filter(actie=Actie.PDF_GENEREREN).count() == 1


@pytest.mark.pdf
def test_lg02_handhaving_waarschuwing_fails_closed_and_leaves_no_letter(
    casus_client, dossier, casusregisseur
):
    zaak = handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 2, 2),
        feiten="Niet verschenen.",
        acting_user=casusregisseur,
    )

    def send():
        return casus_client.post(
            reverse("pip_plans:handhaving_waarschuwing", args=[zaak.pk]),
            {"waarschuwing-versie": "1", "waarschuwing-opdracht": "Kom op 1 april."},
        )

    assert_fails_closed(send, logged_actie=Actie.PDF_GENEREREN)
    assert Brief.objects.count() == 1
    assert len(stored_documents()) == 1


@pytest.mark.pdf
def test_lg02_traject_toewijzen_fails_closed(casus_client, dossier, casusregisseur):
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur)
    aanbieder = taalaanbieder()
    start = Inburgeraar.objects.get(pk=dossier.pk).termijn.startdatum

    def send():
        return casus_client.post(
            reverse("leerroutes:toewijzen", args=[dossier.pk]),
            {
                "aanbieder": aanbieder.pk,
                "start": start.isoformat(),
                "geplande_einde": (start + dt.timedelta(days=900)).isoformat(),
            },
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Traject.objects.count() == 1


def test_lg02_participatie_fails_closed(casus_client, dossier):
    def send():
        return casus_client.post(
            reverse("leerroutes:activiteit_toevoegen", args=[dossier.pk]),
            {
                "soort": "betaald_werk",
                "organisatie": "Bakkerij Smit",
                "uren_per_week": "16",
                "start": "2026-05-01",
            },
        )

    assert_fails_closed(send, logged_actie=Actie.WIJZIGEN)
    assert Participatieactiviteit.objects.count() == 1


# --- Reads: no log row, no page -------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["monitoring:dossier", "intake:dossier_wijzigen", "pip_plans:pip"]
)
def test_lg02_a_dossier_page_is_not_shown_when_its_view_cannot_be_logged(
    casus_client, dossier, url_name
):
    url = reverse(url_name, args=[dossier.pk])
    with log_write_fails() as attempted:
        response = casus_client.get(url)
    assert attempted and attempted[0].actie == Actie.RAADPLEGEN
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()
    assert not Verwerking.objects.exists()

    response = casus_client.get(url)
    assert response.status_code == 200
    assert dossier.achternaam in response.content.decode()
    assert Verwerking.objects.filter(actie=Actie.RAADPLEGEN).count() == 1


def test_lg02_the_werkvoorraad_is_not_shown_when_the_listing_cannot_be_logged(
    casus_client, dossier
):
    with log_write_fails() as attempted:
        response = casus_client.get(reverse("monitoring:werkvoorraad"))
    assert [row.object_id for row in attempted] == [str(dossier.pk)]
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()


@pytest.mark.pdf
def test_lg02_a_beschikking_pdf_is_not_served_when_the_download_cannot_be_logged(
    casus_client, dossier, casusregisseur
):
    klaar_voor_pip(dossier, casusregisseur)
    beschikking = pip_vaststellen(dossier, casusregisseur)
    url = reverse("pip_plans:beschikking_pdf", args=[beschikking.pk])
    with log_write_fails() as attempted:
        response = casus_client.get(url)
    assert attempted
    assert_error_page(response)
    assert response["Content-Type"].startswith("text/html")

    response = casus_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_lg02_a_csv_export_is_not_served_when_it_cannot_be_logged(
    casus_client, dossier
):
    with log_write_fails() as attempted:
        response = casus_client.get(reverse("monitoring:werkvoorraad_export"))
    assert attempted and attempted[0].actie == Actie.EXPORTEREN
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()


# --- No sampling -------------------------------------------------------------------


def test_lg02_every_call_writes_one_row_per_betrokkene_without_sampling(
    casusregisseur, zevenaar
):
    dossiers = InburgeraarFactory.create_batch(20, gemeente=zevenaar)
    for _ in range(3):
        log.log_dossiers_listed(dossiers, user=casusregisseur)
    for _ in range(50):
        log.log_dossier_viewed(dossiers[0], user=casusregisseur)
    assert Verwerking.objects.count() == 3 * 20 + 50
    assert Verwerking.objects.filter(object_id=str(dossiers[0].pk)).count() == 53


def test_lg02_the_log_module_has_no_sampling_asynchronous_or_forgiving_path():
    source = Path(log.__file__).read_text()
    for word in ("random", "sample", "on_commit", "delay(", "apply_async", "Thread"):
        assert word not in source, word
    assert not any(isinstance(node, ast.Try) for node in ast.walk(ast.parse(source)))


# --- Static guards: the log is never swallowed, deferred or outside the change -----

APP_DIRS = ["intake", "pip_plans", "leerroutes", "monitoring", "zevenaar_inburgering"]
# Log events that record a change; they must run inside the change's transaction.
CHANGE_ACTIES = {"AANMAKEN", "WIJZIGEN", "VERWIJDEREN", "IMPORTEREN", "PDF_GENEREREN"}


def _modules():
    root = Path(settings.BASE_DIR)
    for folder in APP_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path, ast.parse(path.read_text(), filename=str(path))


def _change_events() -> set[str]:
    """The functions of verwerkingen/log.py that write a change (by their actie)."""
    tree = ast.parse(Path(log.__file__).read_text())
    events = set()
    for func in tree.body:
        if not isinstance(func, ast.FunctionDef) or not func.name.startswith("log_"):
            continue
        for call in ast.walk(func):
            for keyword in getattr(call, "keywords", []):
                value = ast.unparse(keyword.value)
                if keyword.arg == "actie" and value.split(".")[-1] in CHANGE_ACTIES:
                    events.add(func.name)
    return events


def _log_calls(node) -> list[str]:
    return [
        call.func.attr
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "log"
        and call.func.attr.startswith("log_")
    ]


def _is_atomic(expr) -> bool:
    return "atomic" in ast.unparse(expr)


def _with_parents(tree):
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child.parent = parent
    return tree


def _in_atomic(node) -> bool:
    """Lexically inside `with transaction.atomic()` or an @atomic function."""
    while node is not None:
        if isinstance(node, ast.With) and any(
            _is_atomic(item.context_expr) for item in node.items
        ):
            return True
        if isinstance(node, ast.FunctionDef) and any(
            _is_atomic(d) for d in node.decorator_list
        ):
            return True
        node = getattr(node, "parent", None)
    return False


def _enclosing_function(node):
    node = getattr(node, "parent", None)
    while node is not None and not isinstance(node, ast.FunctionDef):
        node = getattr(node, "parent", None)
    return node


# Exceptions a failing log write could raise (or that catch everything).
BROAD = {
    "bare",
    "BaseException",
    "Exception",
    "Error",
    "DatabaseError",
    "OperationalError",
    "IntegrityError",
    "InterfaceError",
    "ProgrammingError",
}


def _caught(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"bare"}
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {ast.unparse(t).split(".")[-1] for t in types}


def test_lg02_no_log_call_is_inside_a_try_that_could_swallow_its_failure():
    offenders = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            if not any(_log_calls(statement) for statement in node.body):
                continue
            for handler in node.handlers:
                caught = _caught(handler)
                reraises = any(isinstance(n, ast.Raise) for n in ast.walk(handler))
                if caught & BROAD and not reraises:
                    offenders.append(f"{path}:{node.lineno} except {sorted(caught)}")
    assert offenders == []


def test_lg02_no_log_call_is_deferred_to_after_the_commit():
    offenders = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func).endswith("on_commit")
                and "log" in ast.unparse(node)
            ):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


def test_lg02_every_change_is_logged_inside_its_transaction():
    """A function that logs a change is atomic itself, or is only called from
    places that are (checked up the call chain, by function name)."""
    events = _change_events()
    # The known change events, so a refactoring of log.py cannot empty the check.
    assert {"log_dossier_created", "log_dossiers_changed", "log_pdf_generated"} <= (
        events
    )
    trees = [(path, _with_parents(tree)) for path, tree in _modules()]
    calls_by_name: dict[str, list] = {}
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else None
                name = func.id if isinstance(func, ast.Name) else name
                calls_by_name.setdefault(name, []).append((path, node))

    def covered(path, node, seen) -> bool:
        if _in_atomic(node):
            return True
        func = _enclosing_function(node)
        if func is None or func.name in seen:
            return False
        sites = calls_by_name.get(func.name, [])
        return bool(sites) and all(
            covered(p, site, seen | {func.name}) for p, site in sites
        )

    checked, offenders = 0, []
    for path, tree in trees:
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "log"
                and node.func.attr in events
            ):
                checked += 1
                if not covered(path, node, frozenset()):
                    offenders.append(f"{path}:{node.lineno} {node.func.attr}")
    assert checked > 30  # the check really looked at the services
    assert offenders == []


# --- Documents stored in a transaction that rolls back --------------------------------


def test_lg02_a_document_is_removed_when_its_log_row_fails_also_when_nested(
    casusregisseur,
):
    from zevenaar_inburgering.documents import atomic_with_documents, store_document

    dossier = InburgeraarFactory()

    @atomic_with_documents
    def opmaken(naam):
        """Stores a document and logs it, like brieven.brief_opmaken."""
        stored = store_document(b"%PDF-1.7 test", folder="test", filename=naam)[0]
        log.log_pdf_generated(dossier, user=casusregisseur, handeling="Test")
        return stored

    @atomic_with_documents
    def service(fail: bool):
        stored = opmaken("binnen.pdf")
        if fail:  # a later step of the outer transaction fails
            raise DatabaseError("test")
        return stored

    with pytest.raises(DatabaseError), log_write_fails():
        opmaken("los.pdf")
    assert stored_documents() == set()
    with pytest.raises(DatabaseError):
        service(fail=True)
    assert stored_documents() == set()
    name = service(fail=False)
    assert stored_documents() == {Path(settings.PRIVATE_MEDIA_ROOT) / name}
