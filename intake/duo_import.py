"""Importing a CSV file of DUO signals (the file format is in the README).

The whole file is one transaction; each line gets an outcome. A line that is
refused changes nothing. A signal id that was processed before changes nothing
(the import is idempotent). A correctie either corrects the fields it carries or,
when it carries none, reverses what the signal it names did.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.validators import is_valid_bsn, validate_v_nummer
from zevenaar_inburgering.verwerkingen import log

from .models import (
    Doelgroep,
    DuoImport,
    DuoImportRegel,
    DuoSignaal,
    Gebeurtenis,
    Geslacht,
    Inburgeraar,
    SignaalSoort,
    Status,
    Uitkomst,
    WetRegime,
)
from .services import display_value
from .tijdlijn import GebeurtenisSoort

MAX_FILE_BYTES = 20 * 1024 * 1024
IMPORT_LOCK_KEY = 202_100_001  # pg_advisory_xact_lock: one DUO import at a time

# CSV column -> Inburgeraar field. Every column but signaal_id, soort and
# corrigeert_signaal_id is a dossier field; an empty cell means "no value given".
PERSON_COLUMNS = {
    "bsn": "bsn",
    "v_nummer": "v_nummer",
    "voornamen": "voornamen",
    "tussenvoegsel": "tussenvoegsel",
    "achternaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "geslacht": "geslacht",
    "nationaliteit": "nationaliteit",
    "geboorteland": "geboorteland",
    "doelgroep": "doelgroep",
    "wet_regime": "wet_regime",
    "start_inburgeringsplicht": "start_inburgeringsplicht",
    "datum_kennisgeving": "datum_kennisgeving",
    "datum_brp_inschrijving": "datum_brp_inschrijving",
    "datum_coa_koppeling": "datum_coa_koppeling",
    "gemeente_cbs": "gemeente",
}
COLUMNS = ["signaal_id", "soort", "corrigeert_signaal_id", *PERSON_COLUMNS]
REQUIRED_COLUMNS = ["signaal_id", "soort", "bsn"]
REQUIRED_FOR_NIEUW = [
    "bsn",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "doelgroep",
    "gemeente_cbs",
]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
GESLACHT_CODES = {
    "m": Geslacht.MAN,
    "v": Geslacht.VROUW,
    "x": Geslacht.X,
    "o": Geslacht.ONBEKEND,
}


class DuoRegelForm(forms.Form):
    """Parses one line; field names are the CSV columns."""

    signaal_id = forms.CharField(max_length=64)
    soort = forms.ChoiceField(choices=SignaalSoort.choices)
    corrigeert_signaal_id = forms.CharField(max_length=64, required=False)
    bsn = forms.CharField(required=False)
    v_nummer = forms.CharField(required=False, validators=[validate_v_nummer])
    voornamen = forms.CharField(max_length=200, required=False)
    tussenvoegsel = forms.CharField(max_length=20, required=False)
    achternaam = forms.CharField(max_length=200, required=False)
    geboortedatum = forms.DateField(required=False, input_formats=DATE_FORMATS)
    geslacht = forms.CharField(required=False)
    nationaliteit = forms.CharField(max_length=100, required=False)
    geboorteland = forms.CharField(max_length=100, required=False)
    doelgroep = forms.ChoiceField(
        choices=[("", "")] + Doelgroep.choices, required=False
    )
    wet_regime = forms.ChoiceField(
        choices=[("", "")] + WetRegime.choices, required=False
    )
    start_inburgeringsplicht = forms.DateField(
        required=False, input_formats=DATE_FORMATS
    )
    datum_kennisgeving = forms.DateField(required=False, input_formats=DATE_FORMATS)
    datum_brp_inschrijving = forms.DateField(required=False, input_formats=DATE_FORMATS)
    datum_coa_koppeling = forms.DateField(required=False, input_formats=DATE_FORMATS)
    gemeente_cbs = forms.CharField(required=False)

    def __init__(self, *args, gemeenten_by_cbs: dict[str, Gemeente], **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten_by_cbs = gemeenten_by_cbs

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and not is_valid_bsn(bsn):
            raise ValidationError("ongeldig BSN (9 cijfers en de elfproef)")
        return bsn

    def clean_geslacht(self):
        value = self.cleaned_data["geslacht"].strip().lower()
        if not value:
            return ""
        if value in GESLACHT_CODES:
            return GESLACHT_CODES[value]
        if value in Geslacht.values:
            return value
        raise ValidationError("onbekend geslacht (gebruik M, V, X of O)")

    def clean_gemeente_cbs(self):
        code = self.cleaned_data["gemeente_cbs"].strip()
        if not code:
            return None
        code = code.zfill(4)
        if code not in self.gemeenten_by_cbs:
            raise ValidationError(
                f"gemeente met CBS-code {code} hoort niet bij deze regio"
            )
        return self.gemeenten_by_cbs[code]

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        if soort == SignaalSoort.NIEUW:
            # a field that failed its own check already says so
            missing = [
                c
                for c in REQUIRED_FOR_NIEUW
                if not data.get(c) and c not in self.errors
            ]
            if missing:
                raise ValidationError(
                    "verplicht bij een nieuw signaal: " + ", ".join(missing)
                )
        elif soort == SignaalSoort.WIJZIGING and not data.get("bsn"):
            raise ValidationError("een wijziging heeft een BSN nodig")
        elif soort == SignaalSoort.CORRECTIE and not data.get("corrigeert_signaal_id"):
            raise ValidationError("een correctie noemt het signaal dat zij corrigeert")
        return data

    def person_values(self) -> dict[str, Any]:
        """The dossier fields this line gives a value for."""
        return {
            model_field: self.cleaned_data[column]
            for column, model_field in PERSON_COLUMNS.items()
            if self.cleaned_data.get(column) not in (None, "")
        }


def _first_error(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        prefix = "" if name == "__all__" else f"{name}: "
        parts.append(prefix + "; ".join(errors))
    return "; ".join(parts)[:500]


def read_rows(
    content: bytes, required_columns=REQUIRED_COLUMNS, wat: str = "signalen"
) -> list[dict[str, str]]:
    """Decode and split a CSV file (UTF-8, ; or ,) into rows keyed by the lower-case
    column names; a file that cannot be read at all is refused whole. Shared by the
    imports of DUO signals and of an aanbieder's hours."""
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError("Het bestand is groter dan 20 MB. Splits het in delen.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Het bestand is geen UTF-8-tekst. Sla het op als CSV (UTF-8)."
        ) from exc
    if not text.strip():
        raise ValidationError("Het bestand is leeg.")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required_columns if c not in header]
    if missing:
        raise ValidationError(
            "Deze kolommen ontbreken in de eerste regel: " + ", ".join(missing) + "."
        )
    reader.fieldnames = header
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ValidationError(f"Het bestand is geen geldige CSV: {exc}") from exc
    if not rows:
        raise ValidationError(f"Het bestand bevat geen {wat}, alleen een kopregel.")
    return rows


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
        dossier = Inburgeraar(status=Status.SIGNAAL_ONTVANGEN, **values)
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
    rows = read_rows(content)
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
                run.refuse(regel, _first_error(form))
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
