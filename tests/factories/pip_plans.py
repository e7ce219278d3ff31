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
from leerroutes.services import pip as leerroute_services
from pip_plans import models, rules
from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.ontzorgen.rules import ontzorgen_einde
from pip_plans.ontzorgen.vaste_lasten import vaste_last_wijzigen
from pip_plans.services import pip as pip_services
from tests.factories.accounts import behandelaar
from tests.factories.intake import DossierrijFactory, InburgeraarFactory, door
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


def met_bestand(map_: str) -> factory.Trait:
    """A trait: the PDF is a small stored stand-in ("%PDF-1.7 <achternaam>") in
    `map_/<dossier>/<kenmerk>.pdf`, where the services store theirs."""
    return factory.Trait(
        bestand=factory.LazyAttribute(
            lambda o: store_document(
                f"%PDF-1.7 {o.inburgeraar.achternaam}".encode(),
                folder=f"{map_}/{o.inburgeraar.pk}",
                filename=f"{o.kenmerk}.pdf",
            )
        ),
        pdf=factory.LazyAttribute(lambda o: o.bestand[0]),
        sha256=factory.LazyAttribute(lambda o: o.bestand[1]),
    )


class DocumentFactory(factory.django.DjangoModelFactory):
    """A row with a stored PDF: "test.pdf", no file (`met_bestand=True` in a
    subclass: a stored stand-in)."""

    class Meta:
        abstract = True

    pdf = "test.pdf"
    sha256 = "0" * 64

    class Params:
        bestand = None


# --- The PIP, its beschikking and the termijn ------------------------------------------


class PipFactory(DossierrijFactory):
    """Content as complete_pip_data() gives it (no MAP in the onderwijsroute)."""

    class Meta:
        model = models.Pip

    versie = 1
    aangemaakt_door = door()

    class Params:
        dagtekening = dt.date(2026, 3, 1)
        vastgesteld = factory.Trait(
            status=models.PipStatus.VASTGESTELD,
            vastgesteld_op=factory.LazyAttribute(lambda o: middag(o.dagtekening)),
            vastgesteld_door=factory.SelfAttribute("aangemaakt_door"),
        )

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        inhoud = complete_pip_data()
        if kwargs.get("leerroute") == Leerroute.ONDERWIJS:
            inhoud["map_uren"] = None
        return {**inhoud, **kwargs}


class BeschikkingFactory(DocumentFactory):
    """The beschikking of a vastgesteld PIP (`pip__inburgeraar=`), dated the day it
    was vastgesteld and made known that day."""

    class Meta:
        model = models.Beschikking

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
    vastgesteld_door = factory.SelfAttribute("pip.vastgesteld_door")

    class Params:
        met_bestand = met_bestand("beschikkingen")


class InburgeringstermijnFactory(DossierrijFactory):
    """The three years from the day after the first beschikking (Wet art. 11)."""

    class Meta:
        model = models.Inburgeringstermijn

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
        model = models.Verlenging

    termijn = factory.SubFactory(InburgeringstermijnFactory)
    besluitdatum = dt.date(2026, 6, 1)
    vorige_einddatum = factory.SelfAttribute("termijn.oorspronkelijke_einddatum")
    nieuwe_einddatum = factory.LazyAttribute(
        lambda o: verlengd_einde(o.vorige_einddatum, maanden=6)
    )
    reden = models.VerlengingReden.ZIEKTE
    vastgelegd_door = factory.LazyAttribute(
        lambda o: behandelaar(o.termijn.inburgeraar)
    )


class BezwaarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Bezwaar

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
            uitkomst=models.BezwaarUitkomst.ONGEGROND,
            toelichting="De B1-route past bij de uitkomst van de leerbaarheidstoets.",
        )


# --- Ontzorgen ------------------------------------------------------------------------


class OntzorgingFactory(factory.django.DjangoModelFactory):
    """The period from the start of the bijstand for the dated number of months;
    `einddatum` as the services derive it (ontzorgen_einde)."""

    class Meta:
        model = models.Ontzorging

    inburgeraar = factory.SubFactory(InburgeraarFactory, met_bijstand=True)
    startdatum = factory.LazyAttribute(
        lambda o: o.inburgeraar.bijstand_start or dt.date(2026, 4, 1)
    )
    duur_maanden = factory.LazyAttribute(
        lambda o: geheel("ontzorgen_maanden", o.startdatum)
    )
    einddatum = factory.LazyAttribute(
        lambda o: ontzorgen_einde(
            o.startdatum, o.duur_maanden, o.bijstand_einde, o.verlengd_tot
        )
    )
    bijstand_einde = None
    verlengd_tot = None
    aangemaakt_door = door()

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
        model = models.VasteLast

    ontzorging = factory.SubFactory(OntzorgingFactory)
    inburgeraar = factory.SelfAttribute("ontzorging.inburgeraar")
    soort = models.VasteLastSoort.HUUR
    begunstigde = "Woonstichting"
    iban = "NL91ABNA0417164300"
    bedrag = Decimal("100.00")
    vanaf = factory.SelfAttribute("ontzorging.startdatum")


class BetalingFactory(factory.django.DjangoModelFactory):
    """The payment of a fixed cost in its first month."""

    class Meta:
        model = models.Betaling

    vaste_last = factory.SubFactory(VasteLastFactory)
    inburgeraar = factory.SelfAttribute("vaste_last.inburgeraar")
    maand = factory.LazyAttribute(lambda o: maand_begin(o.vaste_last.vanaf))
    bedrag = factory.SelfAttribute("vaste_last.bedrag")
    betaald_op = factory.LazyAttribute(lambda o: o.maand + dt.timedelta(days=4))
    vastgelegd_door = door()


# --- Handhaving -----------------------------------------------------------------------


def _weken(code: str):
    """A term of the dated parameter `code` from the rapport (rapport_opmaken)."""
    return factory.LazyAttribute(
        lambda o: wettelijke_termijn_einde(
            o.rapport_op, weken=geheel(code, o.rapport_op)
        )
    )


def _besluit(besluit, status, **velden) -> factory.Trait:
    """The besluit a month after the rapport, the zienswijze heard."""
    return factory.Trait(
        zienswijze_ontvangen=True,
        besluit=besluit,
        status=status,
        besluit_op=factory.LazyAttribute(
            lambda o: o.rapport_op + dt.timedelta(days=31)
        ),
        **velden,
    )


class HandhavingszaakFactory(DossierrijFactory):
    """A PVT overtreding of 1 June 2026; each trait is a step further, with the
    dates and texts the steps before it left (`boete` and `afgezien` include the
    rapport and a zienswijze received)."""

    class Meta:
        model = models.Handhavingszaak

    overtreding = models.Overtreding.PVT
    datum_overtreding = dt.date(2026, 6, 1)
    feiten = "Niet verschenen bij het participatieverklaringstraject."
    status = models.HandhavingStatus.OVERTREDING
    aangemaakt_door = door()

    class Params:
        gewaarschuwd = factory.Trait(
            status=models.HandhavingStatus.GEWAARSCHUWD,
            waarschuwing_op=factory.LazyAttribute(
                lambda o: o.datum_overtreding + dt.timedelta(days=14)
            ),
        )
        met_rapport = factory.Trait(
            status=models.HandhavingStatus.ZIENSWIJZE,
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
        boete = _besluit(
            models.BesluitSoort.BOETE,
            models.HandhavingStatus.BOETE,
            boetebedrag=Decimal("800.00"),
            verwijtbaarheid=models.Verwijtbaarheid.VOLLEDIG,
            verwijtbaarheid_toelichting="Geen verhindering gemeld.",
        )
        afgezien = _besluit(
            models.BesluitSoort.AFZIEN,
            models.HandhavingStatus.AFGEZIEN,
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
            bezwaar_uitkomst=models.BezwaarUitkomst.ONGEGROND,
        )


class BriefFactory(DocumentFactory):
    """The waarschuwing of a gewaarschuwde zaak, dated the day it was sent
    (`met_bestand=True`: with a stored stand-in)."""

    class Meta:
        model = models.Brief

    handhavingszaak = factory.SubFactory(HandhavingszaakFactory, gewaarschuwd=True)
    inburgeraar = factory.SelfAttribute("handhavingszaak.inburgeraar")
    soort = models.BriefSoort.WAARSCHUWING
    kenmerk = factory.Sequence(lambda n: f"BRIEF-TEST-{n:05d}")
    dagtekening = factory.SelfAttribute("handhavingszaak.waarschuwing_op")
    aangemaakt_door = factory.SelfAttribute("handhavingszaak.aangemaakt_door")

    class Params:
        met_bestand = met_bestand("brieven")


class MaatregelFactory(DossierrijFactory):
    """A Participatiewet maatregel the RSD recorded (with a handhavingszaak about
    the same days: samenloop)."""

    class Meta:
        model = models.Maatregel

    grond = models.MaatregelGrond.RE_INTEGRATIE
    datum_gedraging = dt.date(2026, 6, 3)
    omschrijving = "Niet verschenen op de afspraak bij het werkbedrijf."
    besluit_op = factory.LazyAttribute(
        lambda o: o.datum_gedraging + dt.timedelta(days=17)
    )
    vastgelegd_door = factory.LazyAttribute(
        lambda o: o.inburgeraar.rsd_klantmanager or behandelaar(o.inburgeraar)
    )


# --- Through the services (what renders a PDF) ------------------------------------------


def pip_vaststellen(dossier, user, *, dagtekening=None, **inhoud) -> models.Beschikking:
    """Draft the first PIP of `dossier` and concept_vaststellen it."""
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=user)
    return concept_vaststellen(pip, user, dagtekening=dagtekening, **inhoud)


def concept_vaststellen(
    concept, user, *, dagtekening=None, **inhoud
) -> models.Beschikking:
    """Complete `concept` (complete_pip_data with `inhoud`) and vaststellen it
    through the services, as the PIP page does (leerroutes': a new route closes the
    traject of the old one): the beschikking with its rendered PDF, the termijn."""
    concept = pip_services.pip_bewerken(
        pip=concept,
        data=complete_pip_data(**inhoud),
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    return leerroute_services.pip_vaststellen(
        pip=concept, acting_user=user, dagtekening=dagtekening
    )


def vaste_lasten_invullen(ontzorging, acting_user):
    """Give each of the ontzorging's fixed costs a payee, an IBAN and an amount."""
    for last in ontzorging.vaste_lasten.all():
        vaste_last_wijzigen(
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
    zaak = handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 4, 1),
        feiten=tekst("feiten"),
        acting_user=cr,
    )
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=cr)
    zaak.refresh_from_db()
    zaak = rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal("800"),
        rapport_op=dt.date(2026, 5, 1),
        rapport=tekst("rapport"),
        acting_user=cr,
    )
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=dt.date(2026, 5, 8),
        zienswijze=tekst("zienswijze"),
        acting_user=cr,
    )
    besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=dt.date(2026, 6, 1),
        boetebedrag=Decimal("800"),
        verwijtbaarheid="volledig",
        verwijtbaarheid_toelichting=tekst("verwijtbaarheid_toelichting"),
        acting_user=cr,
    )
    return models.Handhavingszaak.objects.get(pk=zaak.pk)
