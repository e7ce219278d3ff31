"""The demo region's brede intakes and PIPs, in every state.

Runs after intake's part of the demo region (the dossiers), for the demo dossiers
that have no intake yet, so a second run adds nothing. PIPs go through the
real services, so beschikkingen, their PDFs, termijnen and the rules are real; only
the dates are historic.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from intake import services as intake_services
from intake.demo.regio import collega, op_schaal
from intake.models import (
    BredeIntake,
    Gesprek,
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    IntakeStatus,
    Leerroute,
    Status,
    Werkervaring,
)
from intake.rules import LBT_A1_OF_LAGER, LBT_A2, LBT_B1_OF_HOGER
from zevenaar_inburgering.termijnen import verlengd_einde

from .. import rules
from ..models import Pip, VerhuizingBron
from ..services.bezwaar import bezwaar_beslissen, bezwaar_registreren
from ..services.pip import (
    pip_bewerken,
    pip_opstellen,
    pip_vaststellen,
    pip_wijziging_starten,
    verlenging_vastleggen,
)
from ..services.verhuizing import inkomende_verhuizing_vastleggen

SEED = 2026
# While the intake is planned or running the college may wait for information
# from third parties (the PIP deadline is suspended).
WACHTEN_MOGELIJK = {
    Status.SIGNAAL_ONTVANGEN,
    Status.INTAKE_GEPLAND,
    Status.INTAKE_LOOPT,
}
VASTGESTELD_STATUSES = {
    Status.PIP_VASTGESTELD,
    Status.IN_TRAJECT,
    Status.AFGEROND_VOLDAAN,
    Status.TERMIJN_OVERSCHREDEN,
}
BEROEPEN = [
    ("kapper", "persoonlijke dienstverlening"),
    ("boer", "landbouw"),
    ("lerares basisschool", "onderwijs"),
    ("vrachtwagenchauffeur", "transport"),
    ("timmerman", "bouw"),
    ("verpleegkundige", "zorg"),
    ("kok", "horeca"),
    ("monteur", "techniek"),
    ("verkoper", "detailhandel"),
    ("naaister", "textiel"),
]
AFWIJZING = {
    "b1": "Gezien de leerbaarheidstoets en de korte schoolloopbaan is B1 in drie jaar "
    "niet haalbaar.",
    "onderwijs": "Betrokkene wil werken en is ouder dan de doelgroep van de onderwijsroute.",
    "z": "De leerbaarheidstoets laat zien dat betrokkene een hoger niveau kan halen.",
}


def _intake(
    rng: random.Random,
    dossier: Inburgeraar,
    start: date,
    *,
    afgerond: bool,
    vandaag: date,
):
    """An intake started on `start`; complete and afgerond, or still running."""
    lbt = rng.choices([LBT_B1_OF_HOGER, LBT_A2, LBT_A1_OF_LAGER], [60, 25, 15])[0]
    jaren = {LBT_B1_OF_HOGER: rng.randint(9, 16), LBT_A2: rng.randint(5, 10)}.get(
        lbt, rng.randint(0, 5)
    )
    opleiding = (
        "geen"
        if jaren == 0
        else "basisonderwijs"
        if jaren < 7
        else (
            rng.choice(["voortgezet", "mbo", "hbo", "wo"])
            if jaren > 11
            else "voortgezet"
        )
    )
    intake = BredeIntake.objects.create(
        inburgeraar=dossier,
        gestart_op=start,
        gestart_door=dossier.casusregisseur,
        status=IntakeStatus.AFGEROND if afgerond else IntakeStatus.LOOPT,
        afgerond_op=min(start + timedelta(days=rng.randint(10, 30)), vandaag)
        if afgerond
        else None,
        afgerond_door=dossier.casusregisseur if afgerond else None,
        lbt_datum=min(start + timedelta(days=rng.randint(1, 9)), vandaag),
        lbt_uitkomst=lbt,
        lbt_toetsbegeleider="M. Hendriks",
        hoogste_opleiding=opleiding,
        land_opleiding=dossier.geboorteland,
        jaren_onderwijs=jaren,
        gealfabetiseerd="ja" if jaren >= 6 else rng.choice(["deels", "nee"]),
        persoonlijke_omstandigheden=rng.choice(
            [
                "Woont met partner en kinderen; zoekt werk in de buurt.",
                "Alleenstaand; wil graag snel aan het werk.",
                "Gezin is kort geleden herenigd; kinderen gaan naar school.",
            ]
        )
        if afgerond
        else "",
        wens=rng.choice(["werk", "werk", "opleiding", "geen_voorkeur"]),
        vve_informatie_gegeven=dossier.huishouden_id is not None,
        individueel_gesprek_aangeboden=True,
        coa_profiel_ontvangen_op=dossier.datum_coa_koppeling,
        coa_profiel="Informatieprofiel COA ontvangen."
        if dossier.datum_coa_koppeling
        else "",
    )
    IntakeGezondheid.objects.create(
        intake=intake,
        fysieke_gezondheid=rng.choice(
            ["Geen bijzonderheden.", "Rugklachten; fysiotherapie."]
        ),
        mentale_gezondheid="Geen bijzonderheden.",
        besproken_op=intake.lbt_datum if afgerond else None,
    )
    IntakeOnderdeel.objects.bulk_create(
        IntakeOnderdeel(
            intake=intake, soort=soort, afgerond=afgerond, bevindingen="Besproken."
        )
        for soort in IntakeOnderdeelSoort.objects.filter(actief=True)
    )
    beroep, sector = rng.choice(BEROEPEN)
    Werkervaring.objects.create(
        intake=intake,
        beroep=beroep,
        sector=sector,
        jaren=rng.randint(1, 12),
        land=dossier.geboorteland,
    )
    Gesprek.objects.create(
        intake=intake,
        datum=start,
        soort="intakegesprek",
        tolk=True,
        tolk_taal=(dossier.talen or "Arabisch").split(",")[0].strip(),
        coa=dossier.datum_coa_koppeling is not None,
        notities="Kennismaking en uitleg over de inburgering.",
        vastgelegd_door=dossier.casusregisseur,
    )
    return intake


def _pip_inhoud(pip: Pip) -> dict:
    route = pip.leerroute or "b1"
    return {
        "leerroute": route,
        **{f"reden_afwijzing_{r}": AFWIJZING[r] for r in rules.ROUTES if r != route},
        "ondersteuning": "Maatschappelijke begeleiding door Vluchtelingenwerk; "
        "taalmaatje via het buurthuis.",
        "map_uren": None if route == "onderwijs" else 40,
        "knm_vorm": "cursus" if route == "z" else "examen",
        "participatiewet_onderdelen": "Werkfit-traject bij RSD de Liemers."
        if pip.inburgeraar.bijstand
        else "",
    }


def _vaststellen(pip: Pip, user, dagtekening: date, **extra):
    pip = pip_bewerken(
        pip=pip,
        data={**_pip_inhoud(pip), **extra},
        bewerkversie=pip.bewerkversie,
        acting_user=user,
    )
    return pip_vaststellen(pip=pip, acting_user=user, dagtekening=dagtekening)


@transaction.atomic
def vul_aan(*, stdout, vandaag: date | None = None) -> None:
    rng = random.Random(SEED)
    vandaag = vandaag or timezone.localdate()
    demo = Inburgeraar.objects.filter(bsn__gte="999990000")
    if BredeIntake.objects.filter(inburgeraar__in=demo).exists():
        stdout.write("Intakes en PIP's van de demoregio bestaan al.")
        return
    dossiers = list(
        demo.filter(casusregisseur__isnull=False)
        .select_related("gemeente", "casusregisseur")
        .order_by("bsn")
    )
    uitstel_gegeven = 0
    aantallen: dict[str, int] = {}

    def tel(wat: str) -> None:
        aantallen[wat] = aantallen.get(wat, 0) + 1

    vastgesteld = []
    for dossier in dossiers:
        user = dossier.casusregisseur
        begin = (
            max(
                d
                for d in (dossier.datum_kennisgeving, dossier.datum_brp_inschrijving)
                if d
            )
            if dossier.datum_kennisgeving
            else None
        )
        if begin is None or dossier.wet_regime != "wi2021":
            continue  # no kennisgeving yet, or the Wi2013 (which has no PIP)
        if dossier.status == Status.INTAKE_LOOPT:
            start = min(begin + timedelta(days=14), vandaag)
            # Some intakes are complete and wait for the PIP ("Intake afgerond").
            afgerond = start <= vandaag - timedelta(days=30) and rng.random() < 0.4
            _intake(rng, dossier, start, afgerond=afgerond, vandaag=vandaag)
            if afgerond:
                Inburgeraar.objects.filter(pk=dossier.pk).update(
                    status=Status.INTAKE_AFGEROND
                )
                dossier.status = Status.INTAKE_AFGEROND
            tel("intake afgerond" if afgerond else "intake loopt")
        elif dossier.status == Status.PIP_CONCEPT:
            # Complete for some weeks, but not begun before the clock started.
            start = max(
                begin, min(begin + timedelta(days=10), vandaag - timedelta(days=40))
            )
            _intake(rng, dossier, start, afgerond=True, vandaag=vandaag)
            pip_opstellen(inburgeraar=dossier, acting_user=user)
            tel("PIP in concept")
        elif dossier.status in VASTGESTELD_STATUSES and dossier.pip_deadline:
            status = dossier.status
            intake = _intake(
                rng, dossier, begin + timedelta(days=7), afgerond=True, vandaag=vandaag
            )
            pip = pip_opstellen(inburgeraar=dossier, acting_user=user)
            te_laat = rng.random() < 0.2
            dagtekening = dossier.pip_deadline + timedelta(
                days=rng.randint(5, 60) if te_laat else -rng.randint(0, 25)
            )
            # Yesterday at the latest: the termijn starts the day after, and the
            # trajecten and referrals of the leerroutes demo count from there.
            dagtekening = min(
                max(dagtekening, intake.afgerond_op + timedelta(days=1)),
                vandaag - timedelta(days=1),
            )
            beschikking = _vaststellen(pip, user, dagtekening)
            # vaststellen sets "PIP vastgesteld"; the builder's later status stays.
            Inburgeraar.objects.filter(pk=dossier.pk).update(status=status)
            vastgesteld.append((dossier, beschikking))
            tel(
                "PIP vastgesteld (na de deadline)"
                if dagtekening > dossier.pip_deadline
                else "PIP vastgesteld"
            )
        if (
            dossier.status in WACHTEN_MOGELIJK
            and dossier.pip_deadline
            and dossier.pip_deadline > vandaag + timedelta(days=7)
            # The clock ran for a week before the wait began.
            and begin <= vandaag - timedelta(days=7)
            and uitstel_gegeven < 2
        ):
            # One still waiting for the information, one that has received it.
            intake_services.pip_uitstel_vastleggen(
                inburgeraar=dossier,
                reden="Wacht op medisch advies van de GGD.",
                sinds=vandaag - timedelta(days=7),
                informatie_ontvangen=vandaag - timedelta(days=3)
                if uitstel_gegeven
                else None,
                acting_user=user,
            )
            uitstel_gegeven += 1
            tel("PIP-deadline uitgesteld")
    _wijzigingen(rng, vastgesteld, vandaag, tel)
    _inkomende_verhuizing(dossiers, vandaag, tel)
    for wat, aantal in sorted(aantallen.items()):
        stdout.write(f"  {wat:<36}{aantal:>5}")


def _inkomende_verhuizing(dossiers, vandaag: date, tel) -> None:
    """One person whose intake runs here after moving in from Arnhem: the
    previous gemeente's termijn and B1-route are taken over (DOMAIN §13.5), so
    their first PIP here keeps both."""
    for dossier in dossiers:
        start = dossier.start_inburgeringsplicht
        if (
            dossier.status != Status.INTAKE_LOOPT
            or dossier.wet_regime != "wi2021"
            or start is None
            or start > vandaag - timedelta(days=45)
        ):
            continue
        # Arnhem set the PIP two weeks after the start; the move was ten days ago.
        termijn_start = start + timedelta(days=14)
        inkomende_verhuizing_vastleggen(
            inburgeraar=dossier,
            acting_user=dossier.casusregisseur,
            vandaag=vandaag,
            versie=Inburgeraar.objects.get(pk=dossier.pk).versie,
            vorige_gemeente="Arnhem",
            verhuisdatum=vandaag - timedelta(days=10),
            bron=VerhuizingBron.VORIGE_GEMEENTE,
            kenmerk=f"ARN-INB-{termijn_start:%Y}-0107",
            leerroute=Leerroute.B1,
            termijn_start=termijn_start,
            einddatum=rules.termijn_einde(termijn_start),
        )
        tel("termijn overgenomen na verhuizing")
        return


def _wijzigingen(rng, vastgesteld, vandaag: date, tel) -> None:
    """Second versions, bezwaren and verlengingen on some vastgesteld PIPs, each on
    dossiers whose dates leave room for it."""
    rng.shuffle(vastgesteld)
    over = list(vastgesteld)

    def neem(aantal: int, past) -> list:
        gekozen = [paar for paar in over if past(*paar)][:aantal]
        for paar in gekozen:
            over.remove(paar)
        return gekozen

    # A change some months into the termijn. Afschalen needs 600 recorded NT2
    # hours: the leerroutes demo does it.
    redenen = ["schakelen", "verhuizing", "overig"]
    wijzigen = neem(
        len(redenen) * op_schaal(4),
        lambda dossier, b: b.dagtekening + timedelta(days=120) <= vandaag,
    )
    for index, (dossier, beschikking) in enumerate(wijzigen):
        _wijzigen(rng, dossier, beschikking, redenen[index % len(redenen)], vandaag)
        tel(f"PIP gewijzigd ({redenen[index % len(redenen)]})")
    # Bezwaren received 20 days after the dagtekening; some decided 50 days later.
    bezwaren = neem(
        op_schaal(6, minimum=4),
        lambda dossier, b: b.dagtekening + timedelta(days=70) <= vandaag,
    )
    for index, (dossier, beschikking) in enumerate(bezwaren):
        # One gegrond bezwaar (it opens a herziening), two ongegrond, the rest open.
        uitkomst = {0: "gegrond", 1: "ongegrond", 2: "ongegrond"}.get(index, "")
        _bezwaar(dossier, beschikking, uitkomst)
        tel(f"bezwaar {uitkomst or 'lopend'}")
    # DUO's bulk verlenging of termijnen that ran when it was decided, recorded by
    # each dossier's own casusregisseur.
    besluitdatum = vandaag - timedelta(days=30)
    verlengen = neem(
        op_schaal(8),
        lambda dossier, b: (
            dossier.termijn.startdatum <= besluitdatum <= dossier.termijn.einddatum
        ),
    )
    per_regisseur: dict = {}
    for dossier, _ in verlengen:
        per_regisseur.setdefault(dossier.casusregisseur, []).append(dossier.termijn)
    for user, termijnen in per_regisseur.items():
        verlenging_vastleggen(
            # DUO's letter names the new end: six months on, here.
            einddata={t.pk: verlengd_einde(t.einddatum, maanden=6) for t in termijnen},
            besluitdatum=besluitdatum,
            reden="examenvertraging",
            duo_kenmerk="DUO-A2-VERTRAGING",
            acting_user=user,
        )
        tel("termijn verlengd door DUO")


def _wijzigen(rng, dossier, beschikking, reden: str, vandaag: date) -> None:
    user = dossier.casusregisseur
    op = min(
        dossier.termijn.startdatum + timedelta(days=rng.randint(120, 400)), vandaag
    )
    vorige = beschikking.pip
    concept = pip_wijziging_starten(
        inburgeraar=dossier,
        reden=reden,
        toelichting="Besproken in het voortgangsgesprek.",
        acting_user=user,
    )
    extra = {}
    if reden == "schakelen":
        nieuw = "z" if vorige.leerroute != "z" else "b1"
        extra = {"leerroute": nieuw}
        concept.leerroute = nieuw
    status = Inburgeraar.objects.get(pk=dossier.pk).status
    _vaststellen(concept, user, op, **extra)
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=status)


def _bezwaar(dossier, beschikking, uitkomst: str) -> None:
    bezwaar = bezwaar_registreren(
        beschikking=beschikking,
        ontvangen_op=beschikking.dagtekening + timedelta(days=20),
        gronden="Het onderwijsroute-advies is niet goed onderzocht.",
        acting_user=dossier.casusregisseur,
    )
    if uitkomst:
        bezwaar_beslissen(
            bezwaar=bezwaar,
            versie=bezwaar.versie,
            besluit_datum=beschikking.dagtekening + timedelta(days=70),
            uitkomst=uitkomst,
            toelichting="Het advies over de onderwijsroute is opnieuw onderzocht en "
            "besproken met de inburgeraar.",
            acting_user=collega(dossier),
        )
