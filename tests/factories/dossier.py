"""One complete dossier: a row of every kind a dossier can have, made with the
factories, on the dates of one story (here for 2026; `jaar` moves it whole):

- 2 January: COA koppeling; 3 January BRP, 5 January DUO's kennisgeving, 10 January
  the plicht starts, 15 January housed; a household with a child; a note, two
  timeline lines, the DUO import line and signal that made the dossier;
- 20 January – 10 February: the brede intake (a conversation on the 21st, the
  leerbaarheidstoets on the 25th, health on the 28th), with work experience;
- 1 March: the PIP (B1-route) vastgesteld, its beschikking (a stored stand-in PDF),
  the termijn from 2 March for three years; a bezwaar on 20 March, ongegrond;
  a DUO verlenging of 6 months for illness on 1 June;
- from 1 April: bijstand and ontzorgen with the four standard fixed costs and a
  payment; a Participatiewet maatregel for 3 April;
- the traject from the termijn's start with the B1 hours, 40 hours NT2 in April,
  KNM passed and a progress report on 1 June, the participatieverklaring; a
  vrijwilligerswerk from 1 March, a verwijzing on 1 May, begeleiding from 1 March;
- a handhavingszaak (overtreding 1 July, waarschuwing with its letter, rapport,
  zienswijze, afgezien by a colleague: no besluit to object to);
- a voortgangsgesprek held on 10 June with the RSD, the next planned on 10 December;
  an "ontzorgen eindigt" signal due 20 December, snoozed until 1 December.

`tekst(label)` gives the text of a free-text field ("app.Model.field"), or None for
the factory's own: the security tests put a canary code in each, the retention test
the dossier's prefix.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from intake.models import (
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeel,
    Status,
)
from intake.tijdlijn import GebeurtenisSoort
from leerroutes.models import Organisatie, TrajectEinde
from monitoring.models import SignaalSoort
from pip_plans.models import STANDAARD_VASTE_LASTEN
from tests.factories.intake import (
    BredeIntakeFactory,
    DuoImportFactory,
    DuoImportRegelFactory,
    DuoSignaalFactory,
    GebeurtenisFactory,
    GesprekFactory,
    HuishoudenFactory,
    HuishoudlidFactory,
    InburgeraarFactory,
    NotitieFactory,
    StatuswijzigingFactory,
    WerkervaringFactory,
)
from tests.factories.leerroutes import (
    B1_UREN,
    AfrondingFactory,
    ExamenpogingFactory,
    MaatschappelijkeBegeleidingFactory,
    ParticipatieactiviteitFactory,
    RoutestandFactory,
    TrajectFactory,
    VerwijzingFactory,
    VoortgangsgesprekFactory,
    VoortgangsrapportageFactory,
)
from tests.factories.monitoring import SignaalFactory
from tests.factories.pip_plans import (
    BeschikkingFactory,
    BetalingFactory,
    BezwaarFactory,
    BriefFactory,
    HandhavingszaakFactory,
    InburgeringstermijnFactory,
    InkomendeVerhuizingFactory,
    MaatregelFactory,
    OntzorgingFactory,
    PipFactory,
    VasteLastFactory,
    VerlengingFactory,
)
from zevenaar_inburgering.accounts.models import User

Tekst = Callable[[str], str | None]


def teksten(model, tekst: Tekst | None, prefix: str = "") -> dict[str, str]:
    """{field: text} for each free text of `model` (a CharField or TextField without
    choices) that `tekst` gives a text for, cut to the field's length; `prefix`
    (e.g. "gezondheid__") names a related factory's fields."""
    if tekst is None:
        return {}
    result = {}
    for f in model._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField) or f.choices:
            continue
        waarde = tekst(f"{model._meta.label}.{f.name}")
        if waarde is not None:
            result[prefix + f.name] = waarde[: f.max_length] if f.max_length else waarde
    return result


@dataclass
class VolledigDossier:
    dossier: Inburgeraar
    # The dossier's rows by kind (the names the security tests fill URLs with).
    objects: dict[str, models.Model] = field(default_factory=dict)


@dataclass
class _Bouw:
    jaar: int
    user: User
    km: User | None
    tekst: Tekst | None
    objects: dict = field(default_factory=dict)

    def dag(self, maand: int, dag: int, plus: int = 0) -> dt.date:
        """A day of the story: `maand`/`dag` of `jaar` (+ `plus` years)."""
        return dt.date(self.jaar + plus, maand, dag)

    def maak(self, factory_class, **velden):
        """factory_class(**velden), a row of the dossier (when the model has one)
        with its free texts as `tekst` gives them."""
        model = factory_class._meta.model
        if any(f.name == "inburgeraar" for f in model._meta.fields):
            velden.setdefault("inburgeraar", self.dossier)
        return factory_class(**{**velden, **teksten(model, self.tekst)})

    @property
    def dossier(self) -> Inburgeraar:
        return self.objects["dossier"]


def volledig_dossier(
    *,
    casusregisseur: User,
    aanbieder: Organisatie,
    ketenpartner: Organisatie,
    klantmanager: User | None = None,
    jaar: int = 2026,
    tekst: Tekst | None = None,
    voldaan: bool = False,
    handhaving: bool = True,
    **velden,
) -> VolledigDossier:
    """The story above for a new dossier of `casusregisseur` (and `klantmanager`) in
    traject at `aanbieder` (a taalaanbieder with a B1 contract); `velden` for the
    Inburgeraar. `voldaan`: the plicht met on 1 May three years on, the traject
    closed. `handhaving=False`: no handhavingszaak (the security worlds make theirs
    through the services, with rendered letters)."""
    b = _Bouw(jaar=jaar, user=casusregisseur, km=klantmanager, tekst=tekst)
    _persoon(b, velden)
    _intake(b)
    _pip_en_termijn(b)
    _ontzorgen(b)
    if handhaving:
        _handhaving(b)
    _leerroute(b, aanbieder, voldaan)
    _participatie(b, ketenpartner)
    return VolledigDossier(dossier=b.dossier, objects=b.objects)


def _persoon(b: _Bouw, velden: dict) -> None:
    gegevens = {
        "casusregisseur": b.user,
        "rsd_klantmanager": b.km,
        "huishouden": HuishoudenFactory(),
        "straat": "Kerkstraat",
        "huisnummer": "10",
        "postcode": "6901 AB",
        "woonplaats": "Zevenaar",
        "datum_coa_koppeling": b.dag(1, 2),
        "datum_brp_inschrijving": b.dag(1, 3),
        "datum_kennisgeving": b.dag(1, 5),
        "start_inburgeringsplicht": b.dag(1, 10),
        "datum_huisvesting": b.dag(1, 15),
        "pip_deadline": b.dag(3, 16),
        "pip_vastgesteld_op": b.dag(3, 1),
        "status": Status.IN_TRAJECT,
        "bijstand": True,
        "bijstand_start": b.dag(4, 1),
    }
    dossier = InburgeraarFactory(
        **{**gegevens, **teksten(Inburgeraar, b.tekst), **velden}
    )
    b.objects["dossier"] = dossier
    b.maak(
        HuishoudlidFactory,
        huishouden=dossier.huishouden,
        naam=f"Kind {dossier.achternaam}",
        geboortedatum=b.dag(2, 3, -8),
    )
    notitie = b.maak(NotitieFactory, auteur=b.user)
    b.maak(
        GebeurtenisFactory,
        soort=GebeurtenisSoort.NOTITIE,
        notitie=notitie,
        wijzigingen=[{"veld": "Notitie", "oud": "", "nieuw": notitie.tekst}],
    )
    b.maak(
        GebeurtenisFactory,
        wijzigingen=[{"veld": "Achternaam", "oud": "", "nieuw": dossier.achternaam}],
    )
    regel = b.maak(
        DuoImportRegelFactory,
        duo_import=DuoImportFactory(geupload_door=b.user),
    )
    DuoSignaalFactory(
        regel=regel, wijzigingen={"achternaam": [None, dossier.achternaam]}
    )
    b.objects["duo_import"] = regel.duo_import


def _intake(b: _Bouw) -> None:
    intake = b.maak(
        BredeIntakeFactory,
        wens="werk",
        gestart_door=b.user,
        afgerond=True,
        gestart_op=b.dag(1, 20),
        coa_profiel_ontvangen_op=b.dag(1, 12),
        lbt_datum=b.dag(1, 25),
        afgerond_op=b.dag(2, 10),
        gezondheid__besproken_op=b.dag(1, 28),
        **teksten(IntakeGezondheid, b.tekst, "gezondheid__"),
        **teksten(IntakeOnderdeel, b.tekst, "onderdelen__"),
    )
    b.objects["intake"] = intake
    b.maak(GesprekFactory, intake=intake, datum=b.dag(1, 21))
    b.objects["werkervaring"] = b.maak(WerkervaringFactory, intake=intake)


def _pip_en_termijn(b: _Bouw) -> None:
    pip = b.maak(
        PipFactory,
        aangemaakt_door=b.user,
        vastgesteld=True,
        dagtekening=b.dag(3, 1),
    )
    beschikking = BeschikkingFactory(pip=pip, met_bestand=True)
    termijn = InburgeringstermijnFactory(
        inburgeraar=b.dossier, eerste_beschikking=beschikking
    )
    verlenging = b.maak(
        VerlengingFactory,
        termijn=termijn,
        besluitdatum=b.dag(6, 1),
        vastgelegd_door=b.user,
    )
    termijn.einddatum = verlenging.nieuwe_einddatum
    termijn.save(update_fields=["einddatum"])
    # As if the termijn had come with the person from another gemeente.
    b.maak(
        InkomendeVerhuizingFactory,
        termijn=termijn,
        verhuisdatum=b.dag(3, 5),
        vastgelegd_door=b.user,
    )
    # The termijn job's event (and DUO's verlenging after it).
    b.maak(StatuswijzigingFactory, datum=b.dag(5, 2, 3), vastgelegd_door=b.user)
    b.objects.update(pip=pip, beschikking=beschikking, termijn=termijn)
    b.objects["bezwaar"] = b.maak(
        BezwaarFactory, beschikking=beschikking, ontvangen_op=b.dag(3, 20), beslist=True
    )


def _ontzorgen(b: _Bouw) -> None:
    ontzorging = b.maak(
        OntzorgingFactory,
        startdatum=b.dag(4, 1),
        duur_maanden=6,
        aangemaakt_door=b.user,
    )
    lasten = [
        b.maak(VasteLastFactory, ontzorging=ontzorging, soort=soort)
        for soort in STANDAARD_VASTE_LASTEN
    ]
    BetalingFactory(vaste_last=lasten[0], vastgelegd_door=b.km or b.user)
    b.objects.update(ontzorging=ontzorging, vaste_last=lasten[0])
    b.objects["maatregel"] = b.maak(
        MaatregelFactory,
        datum_gedraging=b.dag(4, 3),
        besluit_op=b.dag(4, 20),
    )


def _handhaving(b: _Bouw) -> None:
    zaak = b.maak(
        HandhavingszaakFactory,
        datum_overtreding=b.dag(7, 1),
        waarschuwing_op=b.dag(7, 15),
        afgezien=True,
        aangemaakt_door=b.user,
    )
    b.objects["zaak"] = zaak
    b.objects["brief"] = BriefFactory(handhavingszaak=zaak, met_bestand=True)


def _leerroute(b: _Bouw, aanbieder: Organisatie, voldaan: bool) -> None:
    einde = {"einde": b.dag(5, 1, 3), "einde_reden": TrajectEinde.VOLDAAN}
    b.objects["traject"] = TrajectFactory(
        inburgeraar=b.dossier,
        pip=b.objects["pip"],
        aanbieder=aanbieder,
        start=b.objects["termijn"].startdatum,
        geplande_einde=b.dag(3, 1, 3),
        aangemaakt_door=b.user,
        onderdelen=B1_UREN,
        uren=[("nt2", b.dag(4, 1), 40)],
        uren__uren_geroosterd=Decimal(48),
        **(einde if voldaan else {}),
    )
    b.maak(ExamenpogingFactory, datum=b.dag(6, 1))
    b.maak(
        VoortgangsrapportageFactory,
        aanbieder=aanbieder,
        datum=b.dag(6, 1),
    )
    b.maak(
        AfrondingFactory,
        participatieverklaring_getekend_op=b.dag(6, 1),
        map_afgerond_op=b.dag(9, 1),
        voldaan_op=b.dag(5, 1, 3) if voldaan else None,
    )
    b.maak(RoutestandFactory, op_koers=True, berekend_op=b.dag(6, 1))


def _participatie(b: _Bouw, ketenpartner: Organisatie) -> None:
    b.objects["activiteit"] = b.maak(ParticipatieactiviteitFactory, start=b.dag(3, 1))
    b.objects["verwijzing"] = b.maak(
        VerwijzingFactory,
        ketenpartner=ketenpartner,
        verstuurd_op=b.dag(5, 1),
    )
    b.maak(
        MaatschappelijkeBegeleidingFactory,
        organisatie=ketenpartner,
        start=b.dag(3, 1),
    )
    # A meeting held with the RSD present (the RSD may see those) and the next one.
    b.maak(VoortgangsgesprekFactory, gehouden=True, gepland_op=b.dag(6, 10))
    b.objects["voortgangsgesprek"] = b.maak(
        VoortgangsgesprekFactory, gepland_op=b.dag(12, 10)
    )
    # The kind of signal the RSD sees too, snoozed.
    b.objects["signaal"] = b.maak(
        SignaalFactory,
        soort=SignaalSoort.ONTZORGEN_EINDIGT,
        over=b.objects["ontzorging"],
        vervaldatum=b.dag(12, 20),
        gesnoozed=True,
        gesnoozed_tot=b.dag(12, 1),
    )
