"""Factories of intake: the dossier, its household, notes and timeline, the DUO
import and the brede intake, with their domain states as traits.

    InburgeraarFactory()                          # asielstatushouder in Zevenaar
    InburgeraarFactory(met_bijstand=True)         # ... with bijstand from 1 April 2026
    InburgeraarFactory(gezinsmigrant=True)        # a gezinsvormer
    InburgeraarFactory(gezinslid_asiel=True)      # family of a statushouder, regular permit
    InburgeraarFactory(nareiziger=True)           # ... with a derived asylum permit
    BredeIntakeFactory(inburgeraar=d)             # just started
    BredeIntakeFactory(inburgeraar=d, compleet=True)  # statutory parts filled
    BredeIntakeFactory(inburgeraar=d, afgerond=True)  # completed (PIP may follow)
    klaar_voor_pip(d, user)                       # address, deadline, completed intake
    document(d, user, soort=DocumentSoort.DIPLOMA) # a real PDF stored on the dossier
"""

import datetime as dt
import random

import factory

from intake.models import (
    Alfabetisering,
    BredeIntake,
    Document,
    DocumentSoort,
    Doelgroep,
    DuoImport,
    DuoImportRegel,
    DuoSignaal,
    Gebeurtenis,
    Gesprek,
    GesprekSoort,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    IntakeStatus,
    LbtUitkomst,
    Notitie,
    Opleidingsniveau,
    Relatie,
    Status,
    StatusBron,
    Statuswijziging,
    Uitkomst,
    Verblijfsvergunning,
    Werkervaring,
    WetRegime,
)
from intake.services.document import document_toevoegen
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.accounts import UserFactory, behandelaar, gemeente


def make_bsn(seed: int) -> str:
    """A valid BSN derived from `seed` (eight digits, then the elfproef check digit)."""
    rng = random.Random(seed)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


# --- The dossier ------------------------------------------------------------------------


class InburgeraarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    bsn = factory.Sequence(lambda n: make_bsn(n + 1000))
    voornamen = factory.Iterator(["Amal", "Yonas", "Farid", "Leyla", "Omar", "Selam"])
    achternaam = factory.Sequence(lambda n: f"Achternaam{n:05d}")
    geboortedatum = dt.date(1990, 5, 17)
    gemeente = factory.LazyFunction(lambda: gemeente("Zevenaar"))
    doelgroep = Doelgroep.ASIELSTATUSHOUDER
    # An asielstatushouder holds an asylum permit; everyone else, a family member
    # of an asielstatushouder included, a regular one unless a trait says so.
    verblijfsvergunning = factory.LazyAttribute(
        lambda o: (
            Verblijfsvergunning.ASIEL
            if o.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else Verblijfsvergunning.REGULIER
        )
    )
    datum_kennisgeving = dt.date(2026, 3, 5)

    class Params:
        gezinsmigrant = factory.Trait(doelgroep=Doelgroep.GEZINSVORMER)
        # A family member of an asielstatushouder with a regular permit: asiel for
        # the inburgering offer, not for Pw art. 56a.
        gezinslid_asiel = factory.Trait(
            doelgroep=Doelgroep.GEZINSHERENIGER_ASIEL,
            verblijfsvergunning=Verblijfsvergunning.REGULIER,
        )
        # A nareiziger: a derived asylum permit.
        nareiziger = factory.Trait(
            doelgroep=Doelgroep.GEZINSHERENIGER_ASIEL,
            verblijfsvergunning=Verblijfsvergunning.ASIEL_AFGELEID,
        )
        met_bijstand = factory.Trait(bijstand=True, bijstand_start=dt.date(2026, 4, 1))
        # A complete address, as a letter needs (pip_plans/services/uitnodigingen.py).
        met_adres = factory.Trait(
            straat="Kerkstraat",
            huisnummer=factory.Sequence(lambda n: str(n % 200 + 1)),
            postcode="6901 AB",
            woonplaats="Zevenaar",
        )
        # A plicht that started before 1 January 2022: the Wet inburgering 2013.
        wi2013 = factory.Trait(
            wet_regime=WetRegime.WI2013,
            start_inburgeringsplicht=dt.date(2021, 6, 1),
            datum_kennisgeving=dt.date(2021, 6, 15),
        )


class DossierrijFactory(factory.django.DjangoModelFactory):
    """A row of a dossier: `inburgeraar=`, or a new dossier."""

    class Meta:
        abstract = True

    inburgeraar = factory.SubFactory(InburgeraarFactory)


def door() -> factory.LazyAttribute:
    """Who recorded a dossier's row when a test does not say (behandelaar)."""
    return factory.LazyAttribute(lambda o: behandelaar(o.inburgeraar))


class NotitieFactory(DossierrijFactory):
    class Meta:
        model = Notitie

    auteur = factory.SubFactory(UserFactory)
    tekst = "Kennismakingsgesprek gevoerd."


class StatuswijzigingFactory(DossierrijFactory):
    """The nightly job's "termijn overschreden" (intake.services.status)."""

    class Meta:
        model = Statuswijziging

    status = Status.TERMIJN_OVERSCHREDEN
    vorige_status = Status.IN_TRAJECT
    datum = dt.date(2026, 6, 1)
    bron = StatusBron.TERMIJN


class HuishoudenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Huishouden


class HuishoudlidFactory(factory.django.DjangoModelFactory):
    """A member of the household who is not an inburgeraar: a child."""

    class Meta:
        model = Huishoudlid

    huishouden = factory.SubFactory(HuishoudenFactory)
    naam = "Noor"
    geboortedatum = dt.date(2018, 2, 3)
    relatie = Relatie.KIND


class GebeurtenisFactory(DossierrijFactory):
    """A line on the timeline; its `tijdstip` is the (frozen) clock's."""

    class Meta:
        model = Gebeurtenis

    soort = GebeurtenisSoort.GEWIJZIGD
    gebruiker = door()
    omschrijving = "Dossier gewijzigd"


# --- The DUO import ---------------------------------------------------------------------


class DuoImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuoImport

    bestandsnaam = "duo.csv"
    geupload_door = factory.SubFactory(UserFactory)


class DuoImportRegelFactory(DossierrijFactory):
    """A line of an import that made a dossier."""

    class Meta:
        model = DuoImportRegel

    duo_import = factory.SubFactory(DuoImportFactory)
    regelnummer = factory.Sequence(lambda n: n + 2)
    signaal_id = factory.Sequence(lambda n: f"DUO-{n}")
    soort = "nieuw"
    uitkomst = Uitkomst.AANGEMAAKT


class DuoSignaalFactory(factory.django.DjangoModelFactory):
    """The DUO signal a line applied."""

    class Meta:
        model = DuoSignaal

    regel = factory.SubFactory(DuoImportRegelFactory)
    signaal_id = factory.SelfAttribute("regel.signaal_id")
    soort = factory.SelfAttribute("regel.soort")
    inburgeraar = factory.SelfAttribute("regel.inburgeraar")
    heeft_aangemaakt = True


# --- The brede intake -------------------------------------------------------------------


class IntakeGezondheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeGezondheid

    intake = None  # set by BredeIntakeFactory


class BredeIntakeFactory(DossierrijFactory):
    """Creates the health row and the checklist parts, as intake_starten does
    (`onderdelen=False`: no parts; `onderdelen__bevindingen=...`: in each)."""

    class Meta:
        model = BredeIntake
        skip_postgeneration_save = True

    gestart_op = dt.date(2026, 3, 10)
    gestart_door = door()
    gezondheid = factory.RelatedFactory(
        IntakeGezondheidFactory, factory_related_name="intake"
    )

    class Params:
        compleet = factory.Trait(
            lbt_datum=dt.date(2026, 3, 12),
            lbt_uitkomst=LbtUitkomst.B1_OF_HOGER,
            lbt_toetsbegeleider="J. de Vries",
            hoogste_opleiding=Opleidingsniveau.VOORTGEZET,
            land_opleiding="Syrië",
            jaren_onderwijs=12,
            gealfabetiseerd=Alfabetisering.JA,
            persoonlijke_omstandigheden="Woont met partner en twee kinderen.",
            gezondheid__besproken_op=dt.date(2026, 3, 12),
        )
        afgerond = factory.Trait(
            compleet=True,
            status=IntakeStatus.AFGEROND,
            afgerond_op=dt.date(2026, 3, 20),
            afgerond_door=factory.SelfAttribute("gestart_door"),
        )

    @factory.post_generation
    def onderdelen(self, create, extracted, **kwargs):
        if create and extracted is not False:
            IntakeOnderdeel.objects.bulk_create(
                IntakeOnderdeel(intake=self, soort=soort, **kwargs)
                for soort in IntakeOnderdeelSoort.objects.filter(actief=True)
            )


class WerkervaringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkervaring

    intake = factory.SubFactory(BredeIntakeFactory)
    beroep = factory.Iterator(["Kok", "Lasser", "Verpleegkundige", "Boekhouder"])
    sector = "Horeca"
    jaren = 3
    land = "Syrië"


class GesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gesprek

    intake = factory.SubFactory(BredeIntakeFactory)
    datum = dt.date(2026, 3, 11)
    soort = GesprekSoort.INTAKEGESPREK
    tolk = True
    tolk_taal = "Arabisch"
    notities = "Kennismaking en uitleg over de inburgering."
    vastgelegd_door = factory.SelfAttribute("intake.gestart_door")


def afgeronde_intake(dossier, user) -> BredeIntake:
    """A brede intake of `dossier` completed on 10 February 2026 (no checklist
    parts): what a PIP needs."""
    return BredeIntakeFactory(
        inburgeraar=dossier,
        gestart_op=dt.date(2026, 1, 20),
        gestart_door=user,
        afgerond=True,
        afgerond_op=dt.date(2026, 2, 10),
        lbt_datum=dt.date(2026, 1, 25),
        lbt_toetsbegeleider="",
        land_opleiding="",
        jaren_onderwijs=11,
        wens="werk",
        gezondheid__besproken_op=dt.date(2026, 1, 28),
        onderdelen=False,
    )


def klaar_voor_pip(dossier, user):
    """Give `dossier` an address, deadline and a completed brede intake."""
    dossier.datum_kennisgeving = dt.date(2026, 1, 12)
    dossier.datum_brp_inschrijving = dt.date(2026, 1, 8)
    dossier.straat, dossier.huisnummer = "Kerkstraat", "10"
    dossier.postcode, dossier.woonplaats = "6901 AB", "Zevenaar"
    dossier.refresh_pip_deadline()
    dossier.save()
    afgeronde_intake(dossier, user)
    return dossier


def nieuw_dossier_post(bsn: str, gemeente, **changes) -> dict:
    """What the "Nieuw dossier" form posts for Selam Tesfay, an asielstatushouder of
    `gemeente` under the Wi2021, with `changes`."""
    return {
        "bsn": bsn,
        "voornamen": "Selam",
        "achternaam": "Tesfay",
        "geboortedatum": "1994-02-01",
        "geslacht": "vrouw",
        "gemeente": gemeente.pk,
        "wet_regime": "wi2021",
        "doelgroep": "asielstatushouder",
        "status": "signaal_ontvangen",
        "verblijfsvergunning": "asiel",
        **changes,
    }


def pdf_met_tekst(tekst: str) -> bytes:
    """A real one-page PDF whose text is `tekst` (ASCII), written by hand: pdftotext
    reads it and WeasyPrint is not needed (tests/conftest.py's pdf marker)."""
    veilig = "".join(ch for ch in tekst if ch not in "\\()")
    inhoud = f"BT /F1 12 Tf 72 720 Td ({veilig}) Tj ET"
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream"
        % (len(inhoud.encode("latin-1")), inhoud.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    posities = []
    for nummer, object_ in enumerate(objecten, start=1):
        posities.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (nummer, object_)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % positie for positie in posities)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return pdf


def document(
    dossier,
    user,
    *,
    soort: str = DocumentSoort.DIPLOMA,
    tekst: str = "Diploma MBO niveau 2",
    datum: dt.date = dt.date(2026, 3, 1),
    **kwargs,
) -> Document:
    """A PDF with `tekst` stored on `dossier` through the real service (private
    storage, SHA-256, timeline, verwerkingenlog)."""
    return document_toevoegen(
        dossier,
        data=pdf_met_tekst(tekst),
        bestandsnaam=f"{soort}.pdf",
        soort=soort,
        datum=datum,
        gebruiker=user,
        **kwargs,
    )
