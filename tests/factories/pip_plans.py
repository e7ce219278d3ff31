"""Factories of pip_plans: the PIP and its beschikking, the termijn with bezwaar and
verlenging, ontzorgen, handhaving and its letters, with their domain states as traits.

A vastgesteld PIP, a beschikking, a verlenging and a brief never change (database
triggers), so they are made in their final state and never saved twice. Their PDF is
"test.pdf", no file; `met_bestand=True` stores a stand-in. A rendered PDF comes from
the services: `pip_vaststellen`, `zaak_tot_boete` below.

    PipFactory(inburgeraar=d)                     # a concept with complete content
    PipFactory(inburgeraar=d, vastgesteld=True)   # vastgesteld on `dagtekening`
    BeschikkingFactory(pip__inburgeraar=d)        # a vastgesteld PIP's beschikking
    InburgeringstermijnFactory(inburgeraar=d)     # first beschikking and the 3 years
    BezwaarFactory(beschikking=b, beslist=True)   # ongegrond verklaard
    OntzorgingFactory(inburgeraar=d)              # 6 months from the bijstand start
    OntzorgingFactory(..., verlengd=True)         # maatwerk beyond the regular end
    OntzorgingFactory(..., bijstand_beeindigd=True)  # ended early with the bijstand
    HandhavingszaakFactory(inburgeraar=d)         # overtreding vastgelegd
    HandhavingszaakFactory(..., gewaarschuwd=True)   # schriftelijk gewaarschuwd
    HandhavingszaakFactory(..., met_rapport=True) # rapport made, zienswijze awaited
    HandhavingszaakFactory(..., zienswijze_ontvangen=True)  # ... and received
    HandhavingszaakFactory(..., boete=True)       # besluit: a fine
    HandhavingszaakFactory(..., afgezien=True)    # besluit: no fine
    HandhavingszaakFactory(..., boete=True, bezwaar_beslist=True)  # and the bezwaar
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from intake.models import Leerroute
from pip_plans import handhaving, ontzorgen, rules
from pip_plans import services as pip_services
from pip_plans.models import (
    STANDAARD_VASTE_LASTEN,
    Beschikking,
    BesluitSoort,
    Betaling,
    Bezwaar,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Inburgeringstermijn,
    Maatregel,
    MaatregelGrond,
    Ontzorging,
    Overtreding,
    Pip,
    PipStatus,
    VasteLast,
    VasteLastSoort,
    Verlenging,
    VerlengingReden,
    Verwijtbaarheid,
)
from tests.factories.accounts import behandelaar
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.documents import store_document
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import (
    maand_begin,
    periode_einde,
    verlengd_einde,
    wettelijke_termijn_einde,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def middag(dag: dt.date) -> dt.datetime:
    """Noon of `dag`, Dutch time: when a factory's PIP is vastgesteld."""
    return dt.datetime.combine(dag, dt.time(12), tzinfo=AMSTERDAM)


def complete_pip_data(**changes) -> dict:
    """Content that passes every rule for a B1-route PIP."""
    data = {
        "leerroute": "b1",
        "taalniveau": "B1",
        "reden_afwijzing_b1": "",
        "reden_afwijzing_onderwijs": "Te oud voor de onderwijsroute en wil werken.",
        "reden_afwijzing_z": "Leerbaarheidstoets wijst op B1; leert snel.",
        "ondersteuning": "Maatschappelijke begeleiding door Vluchtelingenwerk, elke week.",
        "maatschappelijke_begeleiding": True,
        "pvt_uren": 12,
        "map_uren": 40,
        "knm_vorm": "examen",
        "voortgangsgesprek_interval_weken": 12,
        "ontzorgen": True,
        "ontzorgen_toelichting": "Huur, energie en zorgverzekering.",
        "participatiewet_onderdelen": "",
        "kinderopvang": "",
        "vve_afspraken": "",
    }
    data.update(changes)
    return data


def stand_in_pdf(folder: str, naam: str, tekst: str) -> tuple[str, str]:
    """(name, sha256) of a small stored file that stands in for a rendered PDF."""
    return store_document(f"%PDF-1.7 {tekst}".encode(), folder=folder, filename=naam)


def met_bestand(map_: str) -> factory.Trait:
    """A trait: the PDF is a stored stand-in in `map_/<dossier>/<kenmerk>.pdf`, as the
    services store theirs, naming the person."""
    return factory.Trait(
        bestand=factory.LazyAttribute(
            lambda o: stand_in_pdf(
                f"{map_}/{o.inburgeraar.pk}",
                f"{o.kenmerk}.pdf",
                o.inburgeraar.achternaam,
            )
        ),
        pdf=factory.LazyAttribute(lambda o: o.bestand[0]),
        sha256=factory.LazyAttribute(lambda o: o.bestand[1]),
    )


# --- The PIP, its beschikking and the termijn ------------------------------------------


class PipFactory(factory.django.DjangoModelFactory):
    """Content as complete_pip_data() gives it (no MAP in the onderwijsroute)."""

    class Meta:
        model = Pip

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    versie = 1
    aangemaakt_door = factory.LazyAttribute(lambda o: behandelaar(o.inburgeraar))

    class Params:
        dagtekening = dt.date(2026, 3, 1)
        vastgesteld = factory.Trait(
            status=PipStatus.VASTGESTELD,
            vastgesteld_op=factory.LazyAttribute(lambda o: middag(o.dagtekening)),
            vastgesteld_door=factory.SelfAttribute("aangemaakt_door"),
        )

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        inhoud = complete_pip_data()
        if kwargs.get("leerroute") == Leerroute.ONDERWIJS:
            inhoud["map_uren"] = None
        return {**inhoud, **kwargs}


class BeschikkingFactory(factory.django.DjangoModelFactory):
    """The beschikking of a vastgesteld PIP (`pip__inburgeraar=`), dated the day it
    was vastgesteld and made known that day."""

    class Meta:
        model = Beschikking

    pip = factory.SubFactory(PipFactory, vastgesteld=True)
    inburgeraar = factory.SelfAttribute("pip.inburgeraar")
    kenmerk = factory.Sequence(lambda n: f"PIP-TEST-{n:05d}")
    dagtekening = factory.LazyAttribute(
        lambda o: o.pip.vastgesteld_op.astimezone(AMSTERDAM).date()
    )
    bekendmaking = factory.SelfAttribute("dagtekening")
    bezwaar_deadline = factory.LazyAttribute(
        lambda o: rules.bezwaar_deadline(o.bekendmaking)
    )
    pdf = "test.pdf"
    sha256 = "0" * 64
    vastgesteld_door = factory.SelfAttribute("pip.vastgesteld_door")

    class Params:
        met_bestand = met_bestand("beschikkingen")
        bestand = None


class InburgeringstermijnFactory(factory.django.DjangoModelFactory):
    """The three years from the day after the first beschikking (Wet art. 11)."""

    class Meta:
        model = Inburgeringstermijn

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    eerste_beschikking = factory.SubFactory(
        BeschikkingFactory, pip__inburgeraar=factory.SelfAttribute("...inburgeraar")
    )
    startdatum = factory.LazyAttribute(
        lambda o: rules.termijn_start(o.eerste_beschikking.dagtekening)
    )
    oorspronkelijke_einddatum = factory.LazyAttribute(
        lambda o: rules.termijn_einde(o.startdatum)
    )
    einddatum = factory.SelfAttribute("oorspronkelijke_einddatum")


class VerlengingFactory(factory.django.DjangoModelFactory):
    """DUO's verlenging by 6 months for illness; the termijn's einddatum is the
    caller's to move (verlenging_vastleggen does both)."""

    class Meta:
        model = Verlenging

    termijn = factory.SubFactory(InburgeringstermijnFactory)
    besluitdatum = dt.date(2026, 6, 1)
    vorige_einddatum = factory.SelfAttribute("termijn.oorspronkelijke_einddatum")
    nieuwe_einddatum = factory.LazyAttribute(
        lambda o: verlengd_einde(o.vorige_einddatum, maanden=6)
    )
    reden = VerlengingReden.ZIEKTE
    vastgelegd_door = factory.LazyAttribute(
        lambda o: behandelaar(o.termijn.inburgeraar)
    )


class BezwaarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bezwaar

    beschikking = factory.SubFactory(BeschikkingFactory)
    ontvangen_op = factory.LazyAttribute(
        lambda o: o.beschikking.bekendmaking + dt.timedelta(days=19)
    )
    gronden = "Ik wil de onderwijsroute volgen."
    geregistreerd_door = factory.SelfAttribute("beschikking.vastgesteld_door")

    class Params:
        beslist = factory.Trait(
            besluit_datum=factory.LazyAttribute(
                lambda o: o.ontvangen_op + dt.timedelta(weeks=8)
            ),
            uitkomst=BezwaarUitkomst.ONGEGROND,
            toelichting="De B1-route past bij de uitkomst van de leerbaarheidstoets.",
        )


# --- Ontzorgen ------------------------------------------------------------------------


class OntzorgingFactory(factory.django.DjangoModelFactory):
    """The period from the start of the bijstand for the dated number of months;
    `einddatum` as the services derive it (ontzorgen_einde)."""

    class Meta:
        model = Ontzorging

    inburgeraar = factory.SubFactory(InburgeraarFactory, met_bijstand=True)
    startdatum = factory.LazyAttribute(
        lambda o: o.inburgeraar.bijstand_start or dt.date(2026, 4, 1)
    )
    duur_maanden = factory.LazyAttribute(
        lambda o: geheel("ontzorgen_maanden", o.startdatum)
    )
    einddatum = factory.LazyAttribute(
        lambda o: ontzorgen.ontzorgen_einde(
            o.startdatum, o.duur_maanden, o.bijstand_einde, o.verlengd_tot
        )
    )
    bijstand_einde = None
    verlengd_tot = None
    aangemaakt_door = factory.LazyAttribute(lambda o: behandelaar(o.inburgeraar))

    class Params:
        verlengd = factory.Trait(
            verlengd_tot=factory.LazyAttribute(
                lambda o: periode_einde(o.startdatum, maanden=o.duur_maanden + 3)
            ),
            verlenging_reden="Maatwerk: de schulden zijn nog niet geregeld.",
        )
        bijstand_beeindigd = factory.Trait(
            bijstand_einde=factory.LazyAttribute(
                lambda o: periode_einde(o.startdatum, maanden=2)
            )
        )


class VasteLastFactory(factory.django.DjangoModelFactory):
    """A fixed cost with payee, IBAN and amount, paid monthly from the start."""

    class Meta:
        model = VasteLast

    ontzorging = factory.SubFactory(OntzorgingFactory)
    inburgeraar = factory.SelfAttribute("ontzorging.inburgeraar")
    soort = VasteLastSoort.HUUR
    begunstigde = "Woonstichting"
    iban = "NL91ABNA0417164300"
    bedrag = Decimal("100.00")
    vanaf = factory.SelfAttribute("ontzorging.startdatum")


def standaard_vaste_lasten(ontzorging, **velden) -> list[VasteLast]:
    """The four standard fixed costs (ontzorging_starten), filled in."""
    return [
        VasteLastFactory(ontzorging=ontzorging, soort=soort, **velden)
        for soort in STANDAARD_VASTE_LASTEN
    ]


class BetalingFactory(factory.django.DjangoModelFactory):
    """The payment of a fixed cost in its first month."""

    class Meta:
        model = Betaling

    vaste_last = factory.SubFactory(VasteLastFactory)
    inburgeraar = factory.SelfAttribute("vaste_last.inburgeraar")
    maand = factory.LazyAttribute(lambda o: maand_begin(o.vaste_last.vanaf))
    bedrag = factory.SelfAttribute("vaste_last.bedrag")
    betaald_op = factory.LazyAttribute(lambda o: o.maand + dt.timedelta(days=4))
    vastgelegd_door = factory.LazyAttribute(lambda o: behandelaar(o.inburgeraar))


# --- Handhaving -----------------------------------------------------------------------


def _weken(code: str):
    """A term of the dated parameter `code` from the rapport (rapport_opmaken)."""
    return factory.LazyAttribute(
        lambda o: wettelijke_termijn_einde(
            o.rapport_op, weken=geheel(code, o.rapport_op)
        )
    )


# A month after the rapport, the zienswijze heard.
_BESLUIT_OP = factory.LazyAttribute(lambda o: o.rapport_op + dt.timedelta(days=31))


class HandhavingszaakFactory(factory.django.DjangoModelFactory):
    """A PVT overtreding of 1 June 2026; each trait is a step further, with the
    dates and texts the steps before it left (`boete` and `afgezien` include the
    rapport and a zienswijze received)."""

    class Meta:
        model = Handhavingszaak

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    overtreding = Overtreding.PVT
    datum_overtreding = dt.date(2026, 6, 1)
    feiten = "Niet verschenen bij het participatieverklaringstraject."
    status = HandhavingStatus.OVERTREDING
    aangemaakt_door = factory.LazyAttribute(lambda o: behandelaar(o.inburgeraar))

    class Params:
        gewaarschuwd = factory.Trait(
            status=HandhavingStatus.GEWAARSCHUWD,
            waarschuwing_op=factory.LazyAttribute(
                lambda o: o.datum_overtreding + dt.timedelta(days=14)
            ),
        )
        met_rapport = factory.Trait(
            status=HandhavingStatus.ZIENSWIJZE,
            voorgenomen_bedrag=Decimal("800.00"),
            rapport_op=factory.LazyAttribute(
                lambda o: o.datum_overtreding + dt.timedelta(days=30)
            ),
            rapport="Twee keer niet verschenen, geen bericht van verhindering.",
            zienswijze_tot=_weken("zienswijze_termijn_weken"),
            beslistermijn=_weken("boete_beslistermijn_weken"),
        )
        zienswijze_ontvangen = factory.Trait(
            met_rapport=True,
            zienswijze_ontvangen_op=factory.LazyAttribute(
                lambda o: o.rapport_op + dt.timedelta(days=9)
            ),
            zienswijze="Ik was ziek en heb dat niet doorgegeven.",
        )
        boete = factory.Trait(
            zienswijze_ontvangen=True,
            status=HandhavingStatus.BOETE,
            besluit=BesluitSoort.BOETE,
            besluit_op=_BESLUIT_OP,
            boetebedrag=Decimal("800.00"),
            verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
            verwijtbaarheid_toelichting="Geen verhindering gemeld.",
        )
        afgezien = factory.Trait(
            zienswijze_ontvangen=True,
            status=HandhavingStatus.AFGEZIEN,
            besluit=BesluitSoort.AFZIEN,
            besluit_op=_BESLUIT_OP,
            afzien_reden="Ziek in die periode.",
        )
        in_bezwaar = factory.Trait(
            bezwaar_ontvangen_op=factory.LazyAttribute(
                lambda o: o.besluit_op + dt.timedelta(days=19)
            ),
            bezwaar_gronden="De boete is te hoog.",
        )
        bezwaar_beslist = factory.Trait(
            in_bezwaar=True,
            bezwaar_besluit_op=factory.LazyAttribute(
                lambda o: o.bezwaar_ontvangen_op + dt.timedelta(weeks=6)
            ),
            bezwaar_uitkomst=BezwaarUitkomst.ONGEGROND,
        )


class BriefFactory(factory.django.DjangoModelFactory):
    """The waarschuwing of a gewaarschuwde zaak, dated the day it was sent
    (`met_bestand=True`: with a stored stand-in)."""

    class Meta:
        model = Brief

    handhavingszaak = factory.SubFactory(HandhavingszaakFactory, gewaarschuwd=True)
    inburgeraar = factory.SelfAttribute("handhavingszaak.inburgeraar")
    soort = BriefSoort.WAARSCHUWING
    kenmerk = factory.Sequence(lambda n: f"BRIEF-TEST-{n:05d}")
    dagtekening = factory.SelfAttribute("handhavingszaak.waarschuwing_op")
    pdf = "test.pdf"
    sha256 = "0" * 64
    aangemaakt_door = factory.SelfAttribute("handhavingszaak.aangemaakt_door")

    class Params:
        met_bestand = met_bestand("brieven")
        bestand = None


class MaatregelFactory(factory.django.DjangoModelFactory):
    """A Participatiewet maatregel the RSD recorded (with a handhavingszaak about
    the same days: samenloop)."""

    class Meta:
        model = Maatregel

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    grond = MaatregelGrond.RE_INTEGRATIE
    datum_gedraging = dt.date(2026, 6, 3)
    omschrijving = "Niet verschenen op de afspraak bij het werkbedrijf."
    besluit_op = factory.LazyAttribute(
        lambda o: o.datum_gedraging + dt.timedelta(days=17)
    )
    vastgelegd_door = factory.LazyAttribute(
        lambda o: o.inburgeraar.rsd_klantmanager or behandelaar(o.inburgeraar)
    )


# --- Through the services (what renders a PDF) ------------------------------------------


def pip_vaststellen(dossier, user, *, dagtekening=None, **inhoud) -> Beschikking:
    """Draft, complete (complete_pip_data with `inhoud`) and vaststellen the first
    PIP through the services: the beschikking with its rendered PDF, the termijn."""
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=user)
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(**inhoud),
        bewerkversie=pip.bewerkversie,
        acting_user=user,
    )
    return pip_services.pip_vaststellen(
        pip=pip, acting_user=user, dagtekening=dagtekening
    )


def vaste_lasten_invullen(ontzorging, acting_user):
    """Give each of the ontzorging's fixed costs a payee, an IBAN and an amount."""
    for last in ontzorging.vaste_lasten.all():
        ontzorgen.vaste_last_wijzigen(
            vaste_last=last,
            versie=last.versie,
            data={
                "soort": last.soort,
                "begunstigde": "Woonstichting",
                "iban": "NL91ABNA0417164300",
                "bedrag": Decimal("100.00"),
                "frequentie": "maand",
            },
            acting_user=acting_user,
        )


def zaak_tot_boete(dossier, cr, tekst):
    """A handhavingszaak of `dossier` up to the boete through the services, with the
    waarschuwing and boetebeschikking letters; `tekst(veld)` is the text of each of
    its free texts."""
    zaak = handhaving.handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 4, 1),
        feiten=tekst("feiten"),
        acting_user=cr,
    )
    handhaving.waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=cr)
    zaak.refresh_from_db()
    zaak = handhaving.rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal("800"),
        rapport_op=dt.date(2026, 5, 1),
        rapport=tekst("rapport"),
        acting_user=cr,
    )
    zaak = handhaving.zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=dt.date(2026, 5, 8),
        zienswijze=tekst("zienswijze"),
        acting_user=cr,
    )
    handhaving.besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=dt.date(2026, 6, 1),
        boetebedrag=Decimal("800"),
        verwijtbaarheid="volledig",
        verwijtbaarheid_toelichting=tekst("verwijtbaarheid_toelichting"),
        acting_user=cr,
    )
    return Handhavingszaak.objects.get(pk=zaak.pk)
