"""What must hold for the demo region on whatever day it is built.

Every DateField and DateTimeField of every model records something that happened
(a payment, a signature, an exam, a letter's dagtekening, a timestamp), so it lies
on or before today, unless it is in `MAG_IN_DE_TOEKOMST` with the reason why: a new
field is checked by default. Every period ends on or after its start
(`VOLGORDE`); `test_every_model_with_a_period_lists_it` makes a new period model
name its pairs there.
"""

from datetime import date, datetime

from django.apps import apps
from django.db import models

from intake.models import GESLOTEN_STATUSSEN, Status
from monitoring.models import Kwartaalrapport, Uitvoeringskosten
from pip_plans.models import Inburgeringstermijn
from zevenaar_inburgering.termijnen import maand_einde

# "app.Model.field": why the date may lie after today. Reviewed field by field.
MAG_IN_DE_TOEKOMST = {
    # Deadlines and the ends of terms.
    "intake.Inburgeraar.pip_deadline": "the 10-week deadline of the PIP",
    "pip_plans.Beschikking.bezwaar_deadline": "the last day to object",
    "pip_plans.Brief.bezwaar_deadline": "the last day to object",
    "pip_plans.Inburgeringstermijn.oorspronkelijke_einddatum": "the termijn's end",
    "pip_plans.Inburgeringstermijn.einddatum": "the termijn's end",
    "pip_plans.Verlenging.vorige_einddatum": "the termijn's end before it",
    "pip_plans.Verlenging.nieuwe_einddatum": "the termijn's new end",
    "pip_plans.Handhavingszaak.zienswijze_tot": "the zienswijze term's end",
    "pip_plans.Handhavingszaak.beslistermijn": "the last day to decide",
    "pip_plans.Bezwaar.bezwaartermijn_einde": "the last day to object",
    "pip_plans.Bezwaar.beslistermijn": "the last day to decide on the bezwaar",
    "pip_plans.Bezwaar.verdaagd_tot": "the beslistermijn after its verdaging",
    "monitoring.Signaal.vervaldatum": "the day a signal falls due",
    "monitoring.Signaal.gesnoozed_tot": "a signal snoozed until then",
    # Periods granted or agreed, and what is planned in them.
    "pip_plans.Ontzorging.startdatum": "a period granted that starts soon",
    "pip_plans.Ontzorging.verlengd_tot": "a maatwerk extension's end",
    "pip_plans.Ontzorging.einddatum": "the period's end",
    "pip_plans.Ontzorging.cursus_start": "a course 'omgaan met geld' planned",
    "pip_plans.VasteLast.vanaf": "the first payment of a period still to start",
    "pip_plans.VasteLast.tot": "the last payment of the period",
    "leerroutes.Organisatie.keurmerk_geldig_tot": "the keurmerk's end",
    "leerroutes.Contract.einde": "the contract's end",
    "leerroutes.Traject.geplande_einde": "the traject's planned end",
    "leerroutes.TrajectOnderdeel.start": "an onderdeel planned later in the route",
    "leerroutes.TrajectOnderdeel.geplande_einde": "the onderdeel's planned end",
    "leerroutes.MaatschappelijkeBegeleiding.einde": "two years from housing",
    "leerroutes.Voortgangsgesprek.gepland_op": "the next meeting planned",
    "leerroutes.Routestand.volgend_voortgangsgesprek": "the next meeting planned",
    "parameters.Parameter.geldig_vanaf": "a value for later this year",
    "parameters.Parameter.geldig_tot": "the end of a value's validity",
    # Not the demo's: sessions, lockouts and devices expire later.
    "sessions.Session.expire_date": "a session's expiry",
    "axes.AccessAttemptExpiration.expires_at": "a lockout's expiry",
}

# Set by PostgreSQL's clock, which the tests cannot move: the real time, not the
# test's "today".
NIET_OP_DE_TESTKLOK = {
    "verwerkingen.Verwerking.tijdstip_registratie": "db_default=Now()",
}

# "app.Model": (earlier, later) pairs of fields: the period's start and end, or
# two steps in the order they happen. Either may be empty.
VOLGORDE = {
    "parameters.Parameter": [("geldig_vanaf", "geldig_tot")],
    "intake.Inburgeraar": [
        ("geboortedatum", "start_inburgeringsplicht"),
        ("start_inburgeringsplicht", "datum_kennisgeving"),
        ("datum_coa_koppeling", "datum_huisvesting"),
        ("pip_uitstel_sinds", "pip_uitstel_informatie_ontvangen"),
        ("aangemaakt_op", "gewijzigd_op"),
    ],
    "intake.BredeIntake": [("gestart_op", "afgerond_op")],
    "pip_plans.Beschikking": [
        ("dagtekening", "bekendmaking"),
        ("bekendmaking", "bezwaar_deadline"),
    ],
    "pip_plans.Brief": [
        ("dagtekening", "verzenddatum"),
        ("verzenddatum", "bezwaar_deadline"),
    ],
    "pip_plans.Inburgeringstermijn": [
        ("startdatum", "oorspronkelijke_einddatum"),
        ("oorspronkelijke_einddatum", "einddatum"),
    ],
    "pip_plans.Verlenging": [("vorige_einddatum", "nieuwe_einddatum")],
    "pip_plans.Bezwaar": [
        ("poststempel_op", "ontvangen_op"),
        ("ontvangen_op", "besluit_datum"),
        ("beslistermijn", "verdaagd_tot"),
    ],
    "pip_plans.Ontzorging": [
        ("startdatum", "einddatum"),
        ("startdatum", "bijstand_einde"),
        ("startdatum", "verlengd_tot"),
        ("startdatum", "machtiging_getekend_op"),
        ("cursus_start", "cursus_afgerond_op"),
        ("einddatum", "zelfredzaamheid_vanaf"),
    ],
    "pip_plans.VasteLast": [("vanaf", "tot")],
    "pip_plans.Betaling": [("maand", "betaald_op")],
    "pip_plans.Handhavingszaak": [
        ("datum_overtreding", "waarschuwing_op"),
        ("datum_overtreding", "rapport_op"),
        ("rapport_op", "zienswijze_tot"),
        ("rapport_op", "zienswijze_ontvangen_op"),
        ("datum_overtreding", "verhoord_op"),
        ("datum_overtreding", "besluit_op"),
        ("rapport_op", "besluit_op"),
    ],
    "pip_plans.Maatregel": [("datum_gedraging", "besluit_op")],
    "leerroutes.Organisatie": [("keurmerk_geldig_van", "keurmerk_geldig_tot")],
    "leerroutes.Contract": [("start", "einde")],
    "leerroutes.Traject": [("start", "geplande_einde"), ("start", "einde")],
    "leerroutes.TrajectOnderdeel": [("start", "geplande_einde")],
    "leerroutes.Participatieactiviteit": [("start", "einde")],
    "leerroutes.MaatschappelijkeBegeleiding": [("start", "einde")],
    "leerroutes.Verwijzing": [("verstuurd_op", "status_op")],
    "monitoring.Kwartaalrapport": [
        ("aangevraagd_op", "gestart_op"),
        ("gestart_op", "gereed_op"),
    ],
    "monitoring.Ketenoverleg": [("vastgelegd_op", "gewijzigd_op")],
}

# Field names that mark the start and the end of a period.
BEGIN_NAMEN = ("start", "begin", "vanaf", "van")
EIND_NAMEN = ("einde", "eind", "tot")


def datumvelden(model) -> list[models.DateField]:
    """The model's own date and datetime columns."""
    return [
        veld
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.DateField)
    ]


def label(model, veld: str) -> str:
    return f"{model._meta.label}.{veld}"


def in_de_toekomst(vandaag: date, nu: datetime) -> list[str]:
    """Every date that lies after `vandaag` (a datetime after `nu`) and may not."""
    fouten = []
    for model in apps.get_models():
        for veld in datumvelden(model):
            naam = label(model, veld.name)
            if naam in MAG_IN_DE_TOEKOMST or naam in NIET_OP_DE_TESTKLOK:
                continue
            grens = nu if isinstance(veld, models.DateTimeField) else vandaag
            te_laat = model._default_manager.filter(**{f"{veld.name}__gt": grens})
            waarden = sorted(te_laat.values_list(veld.name, flat=True)[:3])
            if waarden:
                fouten.append(f"{naam}: {te_laat.count()} na {grens}, bijv. {waarden}")
    return fouten


def in_de_verkeerde_volgorde() -> list[str]:
    """Every pair of `VOLGORDE` where the later field lies before the earlier one."""
    fouten = []
    for model_naam, paren in VOLGORDE.items():
        model = apps.get_model(model_naam)
        for eerder, later in paren:
            fout = model._default_manager.filter(**{f"{later}__lt": models.F(eerder)})
            voorbeelden = list(fout.values_list(eerder, later)[:3])
            if voorbeelden:
                fouten.append(
                    f"{model_naam}: {later} voor {eerder} bij {fout.count()}, "
                    f"bijv. {voorbeelden}"
                )
    return fouten


def kwartalen_in_de_toekomst(vandaag: date) -> list[str]:
    """Reports and realised costs of a quarter that has not ended yet (their
    quarter is two integers, which `in_de_toekomst` cannot see)."""
    fouten = []
    for model in (Kwartaalrapport, Uitvoeringskosten):
        for jaar, kwartaal in model.objects.values_list("jaar", "kwartaal"):
            if maand_einde(date(jaar, 3 * kwartaal, 1)) >= vandaag:
                fouten.append(f"{model._meta.label}: {jaar} K{kwartaal}")
    return fouten


def periodemodellen() -> dict[str, list[tuple[str, str]]]:
    """Every model with a field named like a period's start and one like its end,
    with those pairs: the models `VOLGORDE` must list."""
    gevonden = {}
    for model in apps.get_models():
        namen = [veld.name for veld in datumvelden(model)]
        begin = [n for n in namen if _deel_van(n, BEGIN_NAMEN)]
        eind = [n for n in namen if _deel_van(n, EIND_NAMEN)]
        if begin and eind:
            gevonden[model._meta.label] = [(b, e) for b in begin for e in eind]
    return gevonden


def _deel_van(naam: str, woorden: tuple[str, ...]) -> bool:
    """ "startdatum" and "geldig_vanaf" are named like a start."""
    return any(
        deel in woorden or deel.removesuffix("datum") in woorden
        for deel in naam.split("_")
    )


def statussen_tegen_de_termijn(vandaag: date) -> list[str]:
    """Dossiers whose status disagrees with their termijn on `vandaag` (issue 19
    item 4, the walkthrough's "In traject" beside "De termijn is verstreken op
    18-06-2025"): an open dossier whose termijn ended is "termijn overschreden" (the
    nightly job, pip_plans.services.termijn), and one marked so has a termijn that
    ended."""
    termijnen = Inburgeringstermijn.objects.exclude(
        inburgeraar__status__in=GESLOTEN_STATUSSEN
    )
    oneens = {
        "verstreken, status niet 'termijn overschreden'": termijnen.filter(
            einddatum__lt=vandaag
        ).exclude(inburgeraar__status=Status.TERMIJN_OVERSCHREDEN),
        "'termijn overschreden' met een lopende termijn": termijnen.filter(
            einddatum__gte=vandaag, inburgeraar__status=Status.TERMIJN_OVERSCHREDEN
        ),
    }
    return [
        f"{wat}: {qs.count()}, bijv. {list(qs.values_list('inburgeraar__status', 'einddatum')[:3])}"
        for wat, qs in oneens.items()
        if qs.exists()
    ]
