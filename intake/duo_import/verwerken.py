"""Applying a DUO signals file to the dossiers, in one transaction (the rules of
the import are in the package docstring)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.csvbestand import read_rows
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.verwerkingen import log

from ..models import (
    DuoImport,
    DuoImportRegel,
    DuoSignaal,
    Gebeurtenis,
    Inburgeraar,
    SignaalSoort,
    Status,
    Uitkomst,
    verblijfsvergunning_bij_doelgroep,
)
from ..rules import leeftijd_ter_controle
from ..services import display_value
from ..tijdlijn import GebeurtenisSoort
from .regels import PERSON_COLUMNS, REQUIRED_COLUMNS, DuoRegelForm, first_error

IMPORT_LOCK_KEY = 202_100_001  # pg_advisory_xact_lock: one DUO import at a time


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Gemeente):
        return value.pk
    return value


@dataclass
class _Run:
    """The state of one import while its lines are applied in memory."""

    user: User
    duo_import: DuoImport
    gemeenten_by_pk: dict[int, Gemeente]
    allowed_gemeenten: set[int]
    dossiers_by_bsn: dict[str, Inburgeraar]
    visible_ids: set
    signals: dict[str, DuoSignaal]
    new_dossiers: dict = field(default_factory=dict)
    dirty: dict = field(default_factory=dict)
    regels: list = field(default_factory=list)
    new_signals: list = field(default_factory=list)  # (regel, signaal)
    corrected: list = field(
        default_factory=list
    )  # (earlier signaal, correcting signaal)
    gebeurtenissen: list = field(default_factory=list)
    touched: dict = field(default_factory=dict)  # uitkomst -> {pk: dossier}
    aow_per_maand: dict = field(default_factory=dict)  # (year, month) -> months

    def leeftijd_ter_controle(self, dossier: Inburgeraar) -> str:
        """The age review note of intake.rules (18 to the AOW age), the dated AOW
        age looked up once per month of the start of the plicht."""
        op = dossier.start_inburgeringsplicht or timezone.localdate()
        maand = (op.year, op.month)
        if maand not in self.aow_per_maand:
            self.aow_per_maand[maand] = geheel("aow_leeftijd_maanden", op)
        return leeftijd_ter_controle(
            dossier.geboortedatum, op, aow_leeftijd_maanden=self.aow_per_maand[maand]
        )

    def refuse(self, regel: DuoImportRegel, reason: str) -> None:
        regel.uitkomst = Uitkomst.GEWEIGERD
        regel.reden = reason[:500]

    def may_touch(self, dossier: Inburgeraar) -> bool:
        return dossier.pk in self.visible_ids or dossier.pk in self.new_dossiers


def _apply(run: _Run, dossier: Inburgeraar, values: dict[str, Any]):
    """Set the values on the dossier; returns ({field: [old, new]}, readable changes)."""
    raw, readable = {}, []
    for name, value in values.items():
        if name == "gemeente":
            if value.pk == dossier.gemeente_id:
                continue
            if value.pk not in run.allowed_gemeenten:
                raise ValidationError(f"u werkt niet voor gemeente {value}")
        elif getattr(dossier, name) == value:
            continue
        old_raw = _json_value(getattr(dossier, name))
        old_readable = display_value(dossier, name)
        setattr(dossier, name, value)
        raw[name] = [old_raw, _json_value(value)]
        readable.append(
            {
                "veld": str(dossier._meta.get_field(name).verbose_name).capitalize(),
                "oud": old_readable,
                "nieuw": display_value(dossier, name),
            }
        )
    return raw, readable


def _from_json(run: _Run, name: str, value):
    if value is None:
        return None
    if name == "gemeente":
        return run.gemeenten_by_pk[value]
    if isinstance(Inburgeraar._meta.get_field(name), models.DateField):
        return date.fromisoformat(value)
    return value


def _record(
    run,
    regel,
    dossier,
    uitkomst,
    soort,
    signaal_id,
    *,
    raw=None,
    readable=None,
    created=False,
    omschrijving="",
):
    regel.uitkomst = uitkomst
    regel.inburgeraar = dossier
    if dossier is not None and uitkomst in (Uitkomst.AANGEMAAKT, Uitkomst.BIJGEWERKT):
        # Imported all the same: the date may be wrong; the result page says so.
        regel.reden = run.leeftijd_ter_controle(dossier)
    signaal = DuoSignaal(
        signaal_id=signaal_id,
        soort=soort,
        inburgeraar=dossier,
        heeft_aangemaakt=created,
        wijzigingen=raw or {},
    )
    run.signals[signaal_id] = signaal
    run.new_signals.append((regel, signaal))
    if dossier is None:
        return signaal
    if raw and dossier.pk not in run.new_dossiers:
        run.dirty[dossier.pk] = dossier
    run.touched.setdefault(uitkomst, {})[dossier.pk] = dossier
    run.gebeurtenissen.append(
        Gebeurtenis(
            inburgeraar=dossier,
            soort=GebeurtenisSoort.AANGEMAAKT
            if created
            else GebeurtenisSoort.DUO_SIGNAAL,
            gebruiker=run.user,
            omschrijving=omschrijving
            or f"DUO-signaal {signaal_id} ({soort}): {Uitkomst(uitkomst).label.lower()}",
            wijzigingen=readable or [],
        )
    )
    return signaal


def _process_line(run: _Run, regel: DuoImportRegel, form: DuoRegelForm) -> None:
    data = form.cleaned_data
    signaal_id, soort = data["signaal_id"].strip(), data["soort"]
    earlier = run.signals.get(signaal_id)
    if earlier is not None:
        regel.uitkomst = Uitkomst.ONGEWIJZIGD
        regel.inburgeraar = earlier.inburgeraar
        regel.reden = "Dit signaal is al eerder verwerkt."
        return
    values = form.person_values()

    if soort == SignaalSoort.CORRECTIE:
        _process_correctie(run, regel, form, values)
        return

    dossier = run.dossiers_by_bsn.get(values["bsn"])
    if dossier is None:
        if soort == SignaalSoort.WIJZIGING:
            run.refuse(
                regel, "Er is geen dossier met dit BSN; stuur eerst een nieuw signaal."
            )
            return
        if values["gemeente"].pk not in run.allowed_gemeenten:
            run.refuse(regel, f"U werkt niet voor gemeente {values['gemeente']}.")
            return
        # DUO reports the doelgroep, not the kind of permit: the permit a new
        # dossier starts with (only an asielstatushouder's is known).
        dossier = Inburgeraar(
            status=Status.SIGNAAL_ONTVANGEN,
            verblijfsvergunning=verblijfsvergunning_bij_doelgroep(
                values.get("doelgroep", "")
            ),
            **values,
        )
        run.new_dossiers[dossier.pk] = dossier
        run.dossiers_by_bsn[dossier.bsn] = dossier
        _record(
            run,
            regel,
            dossier,
            Uitkomst.AANGEMAAKT,
            soort,
            signaal_id,
            created=True,
            omschrijving=f"Dossier aangemaakt uit DUO-signaal {signaal_id}",
        )
        return
    if not run.may_touch(dossier):
        run.refuse(regel, "Dit BSN hoort bij een dossier waartoe u geen toegang hebt.")
        return
    if soort == SignaalSoort.NIEUW and dossier.status == Status.ONTKOPPELD:
        # DUO reports the person again after withdrawing them: reconnect the dossier.
        values["status"] = Status.SIGNAAL_ONTVANGEN
    try:
        raw, readable = _apply(run, dossier, values)
    except ValidationError as exc:
        run.refuse(regel, exc.messages[0])
        return
    uitkomst = Uitkomst.BIJGEWERKT if raw else Uitkomst.ONGEWIJZIGD
    _record(
        run, regel, dossier, uitkomst, soort, signaal_id, raw=raw, readable=readable
    )


def _process_correctie(run: _Run, regel, form: DuoRegelForm, values: dict) -> None:
    data = form.cleaned_data
    signaal_id = data["signaal_id"].strip()
    target = run.signals.get(data["corrigeert_signaal_id"].strip())
    if target is None:
        run.refuse(
            regel, "Het signaal dat deze correctie noemt, is hier nooit verwerkt."
        )
        return
    if target.gecorrigeerd_door_id or any(t is target for t, _ in run.corrected):
        run.refuse(regel, "Het genoemde signaal is al gecorrigeerd.")
        return
    dossier = target.inburgeraar
    if dossier is None or not run.may_touch(dossier):
        run.refuse(
            regel,
            "Het genoemde signaal hoort bij een dossier waartoe u geen toegang hebt.",
        )
        return
    if values.get("bsn") and values["bsn"] != dossier.bsn:
        other = run.dossiers_by_bsn.get(values["bsn"])
        if other is not None:
            run.refuse(regel, "Het gecorrigeerde BSN hoort al bij een ander dossier.")
            return

    if values.get("bsn") == dossier.bsn:
        del values["bsn"]  # naming the dossier's own BSN is not a correction of it
    if values:  # a correction: the fields it carries replace what DUO sent before
        try:
            raw, readable = _apply(run, dossier, values)
        except ValidationError as exc:
            run.refuse(regel, exc.messages[0])
            return
        if "bsn" in raw:
            run.dossiers_by_bsn.pop(raw["bsn"][0], None)
            run.dossiers_by_bsn[dossier.bsn] = dossier
        uitkomst = Uitkomst.GECORRIGEERD
    else:  # a withdrawal: undo what the named signal did
        if target.heeft_aangemaakt:
            restore = {"status": Status.ONTKOPPELD}
            skipped = []
        else:
            restore, skipped = {}, []
            for name, (old, new) in target.wijzigingen.items():
                if _json_value(getattr(dossier, name)) == new:
                    restore[name] = _from_json(run, name, old)
                else:
                    skipped.append(str(dossier._meta.get_field(name).verbose_name))
        raw, readable = _apply(run, dossier, restore)
        if "bsn" in raw:
            run.dossiers_by_bsn.pop(raw["bsn"][0], None)
            run.dossiers_by_bsn[dossier.bsn] = dossier
        if skipped:
            regel.reden = (
                "Sinds het signaal gewijzigd en daarom niet teruggezet: "
                + ", ".join(skipped)
            )
        elif target.heeft_aangemaakt:
            regel.reden = (
                "Het dossier is ontkoppeld: DUO trok het signaal in dat het aanmaakte."
            )
        uitkomst = Uitkomst.TERUGGEDRAAID
    signaal = _record(
        run,
        regel,
        dossier,
        uitkomst,
        SignaalSoort.CORRECTIE,
        signaal_id,
        raw=raw,
        readable=readable,
    )
    run.corrected.append((target, signaal))


def duo_signalen_importeren(
    *, content: bytes, bestandsnaam: str, acting_user: User
) -> DuoImport:
    rows = read_rows(content, required_columns=REQUIRED_COLUMNS, wat="signalen")
    gemeenten = list(Gemeente.objects.all())
    gemeenten_by_cbs = {g.cbs_code: g for g in gemeenten}
    forms_ = [DuoRegelForm(row, gemeenten_by_cbs=gemeenten_by_cbs) for row in rows]
    valid = [f for f in forms_ if f.is_valid()]
    bsns = {f.cleaned_data["bsn"] for f in valid if f.cleaned_data["bsn"]}
    signal_ids = {f.cleaned_data["signaal_id"].strip() for f in valid} | {
        f.cleaned_data["corrigeert_signaal_id"].strip() for f in valid
    }

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        known_signals = {
            s.signaal_id: s
            for s in DuoSignaal.objects.filter(
                signaal_id__in=signal_ids
            ).select_related("inburgeraar__gemeente")
        }
        for s in known_signals.values():
            if s.inburgeraar is not None:
                bsns.add(s.inburgeraar.bsn)
        # Unscoped on purpose: a BSN is unique across the region, so the import must
        # see a dossier elsewhere to refuse the line instead of creating a duplicate.
        dossiers = list(
            Inburgeraar.objects.select_for_update(of=("self",))
            .select_related("gemeente")
            .filter(bsn__in=bsns)
        )
        visible_ids = set(
            Inburgeraar.objects.visible_to(acting_user)
            .filter(bsn__in=bsns)
            .values_list("pk", flat=True)
        )
        by_pk = {d.pk: d for d in dossiers}
        for s in known_signals.values():  # share one instance per dossier
            if s.inburgeraar_id in by_pk:
                s.inburgeraar = by_pk[s.inburgeraar_id]
        duo_import = DuoImport.objects.create(
            bestandsnaam=bestandsnaam[:255], geupload_door=acting_user
        )
        run = _Run(
            user=acting_user,
            duo_import=duo_import,
            gemeenten_by_pk={g.pk: g for g in gemeenten},
            allowed_gemeenten=set(acting_user.gemeenten.values_list("pk", flat=True)),
            dossiers_by_bsn={d.bsn: d for d in dossiers},
            visible_ids=visible_ids,
            signals=known_signals,
        )
        for number, form in enumerate(forms_, start=2):  # line 1 is the header
            regel = DuoImportRegel(
                duo_import=duo_import,
                regelnummer=number,
                signaal_id=(form.data.get("signaal_id") or "")[:64],
                soort=(form.data.get("soort") or "")[:20],
            )
            run.regels.append(regel)
            if None in form.data or None in form.data.values():
                run.refuse(regel, "Het aantal kolommen klopt niet met de kopregel.")
            elif not form.is_valid():
                run.refuse(regel, first_error(form))
            else:
                _process_line(run, regel, form)
        _save(run)
    return duo_import


def _save(run: _Run) -> None:
    now = timezone.now()
    for dossier in run.new_dossiers.values():
        dossier.refresh_pip_deadline()
    Inburgeraar.objects.bulk_create(run.new_dossiers.values())
    for dossier in run.dirty.values():
        dossier.refresh_pip_deadline()
        dossier.versie += 1
        dossier.gewijzigd_op = now
    Inburgeraar.objects.bulk_update(
        run.dirty.values(),
        [*PERSON_COLUMNS.values(), "status", "pip_deadline", "versie", "gewijzigd_op"],
        batch_size=500,
    )
    DuoImportRegel.objects.bulk_create(run.regels, batch_size=1000)
    for regel, signaal in run.new_signals:
        signaal.regel = regel
    DuoSignaal.objects.bulk_create([s for _, s in run.new_signals], batch_size=1000)
    for target, signaal in run.corrected:
        target.gecorrigeerd_door = signaal
    DuoSignaal.objects.bulk_update([t for t, _ in run.corrected], ["gecorrigeerd_door"])
    Gebeurtenis.objects.bulk_create(run.gebeurtenissen, batch_size=1000)
    for uitkomst, dossiers in run.touched.items():
        log.log_dossiers_imported(
            dossiers.values(),
            user=run.user,
            actie_naam=f"DUO-signaal verwerkt: {Uitkomst(uitkomst).label.lower()}",
        )
    counts: dict[str, int] = {}
    for regel in run.regels:
        counts[regel.uitkomst] = counts.get(regel.uitkomst, 0) + 1
    run.duo_import.samenvatting = counts
    run.duo_import.save(update_fields=["samenvatting"])
