"""The PIP and its beschikking, the termijn with bezwaar and verlenging."""

import datetime as dt

import factory

from intake.models import Leerroute
from pip_plans import models, rules
from tests.factories.accounts import behandelaar
from tests.factories.intake import DossierrijFactory, door
from tests.factories.pip_plans.basis import (
    AMSTERDAM,
    DocumentFactory,
    met_bestand,
    middag,
)
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import verlengd_einde


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


def _verzonden(o) -> dt.date:
    """The verzenddatum of the decision the bezwaar is against."""
    if o.beschikking is not None:
        return o.beschikking.bekendmaking
    return o.boetebeschikking.verzenddatum


class BezwaarFactory(factory.django.DjangoModelFactory):
    """A bezwaar against a PIP beschikking (or, with `beschikking=None,
    boetebeschikking=<Brief>`, a fine), received 19 days after the decision was
    sent: on time, with the beslistermijn of 6 weeks from the end of the
    bezwaartermijn (no adviescommissie), as bezwaar_registreren computes them."""

    class Meta:
        model = models.Bezwaar

    beschikking = factory.SubFactory(BeschikkingFactory)
    boetebeschikking = None
    inburgeraar = factory.LazyAttribute(
        lambda o: (o.beschikking or o.boetebeschikking).inburgeraar
    )
    ontvangen_op = factory.LazyAttribute(
        lambda o: _verzonden(o) + dt.timedelta(days=19)
    )
    gronden = "Ik wil de onderwijsroute volgen."
    bezwaartermijn_einde = factory.LazyAttribute(
        lambda o: rules.bezwaar_deadline(_verzonden(o))
    )
    tijdig = factory.LazyAttribute(
        lambda o: rules.bezwaar_tijdig(
            ontvangen_op=o.ontvangen_op,
            poststempel_op=o.poststempel_op,
            termijn_einde=o.bezwaartermijn_einde,
            nazending_dagen=7,
        )
    )
    poststempel_op = None
    beslistermijn = factory.LazyAttribute(
        lambda o: rules.bezwaar_beslistermijn(
            o.bezwaartermijn_einde,
            weken=geheel("bezwaar_beslistermijn_weken", o.bezwaartermijn_einde),
        )
    )
    geregistreerd_door = factory.LazyAttribute(
        lambda o: (
            o.beschikking.vastgesteld_door
            if o.beschikking is not None
            else o.boetebeschikking.aangemaakt_door
        )
    )

    class Params:
        beslist = factory.Trait(
            besluit_datum=factory.LazyAttribute(
                lambda o: o.ontvangen_op + dt.timedelta(weeks=8)
            ),
            uitkomst=models.BezwaarUitkomst.ONGEGROND,
            toelichting="De B1-route past bij de uitkomst van de leerbaarheidstoets.",
        )


class InkomendeVerhuizingFactory(factory.django.DjangoModelFactory):
    """The termijn and B1-route taken over from Arnhem (pip_plans.services.verhuizing)."""

    class Meta:
        model = models.InkomendeVerhuizing

    termijn = factory.SubFactory(InburgeringstermijnFactory)
    inburgeraar = factory.SelfAttribute("termijn.inburgeraar")
    vorige_gemeente = "Arnhem"
    verhuisdatum = factory.LazyAttribute(lambda o: o.termijn.startdatum)
    bron = models.VerhuizingBron.VORIGE_GEMEENTE
    leerroute = Leerroute.B1
    vastgelegd_door = factory.LazyAttribute(
        lambda o: behandelaar(o.termijn.inburgeraar)
    )
