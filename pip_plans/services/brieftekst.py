"""Functioneel beheer's work on the letter texts (issue 20 item 2): open a concept,
save it, see it as a voorbeeld PDF on made-up data, publish it. A published
version never changes; the next change is a new concept, copied from it.

Letter texts hold no person data: they are not in the verwerkingenlog. Who wrote
and who published each version is on the version itself, and every Brief names
the version it was written with."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from intake.models import Inburgeraar, Leerroute
from intake.services.dossier import verouderd
from zevenaar_inburgering.accounts.models import Gemeente, User

from ..brieftekst import BLOKKEN, geldende_versie, plaatshouder_fout
from ..brieftekst_standaard import STANDAARD
from ..brieven import brieftekst_voorbeeld
from ..handhaving.selectors import boete_maximum
from ..models import (
    Bezwaar,
    Brief,
    BriefSoort,
    Brieftekst,
    BrieftekstSoort,
    BrieftekstStatus,
    Handhavingszaak,
    Ontzorging,
    Overtreding,
    Pip,
    Taalniveau,
)

NIET_GEZIEN = (
    "Bekijk eerst het voorbeeld van deze versie. Na elke wijziging is een nieuw "
    "voorbeeld nodig voordat u de tekst publiceert."
)


@transaction.atomic
def concept_openen(*, soort: str, gemeente: Gemeente, acting_user: User) -> Brieftekst:
    """The concept of this letter for this gemeente: the one being worked on, or a
    new one that starts as a copy of the version in force (the standard text when
    the gemeente has none, e.g. one loaded without its signals)."""
    concept = Brieftekst.objects.filter(
        soort=soort, gemeente=gemeente, status=BrieftekstStatus.CONCEPT
    ).first()
    if concept is not None:
        return concept
    bron = geldende_versie(soort, gemeente)
    hoogste = Brieftekst.objects.filter(soort=soort, gemeente=gemeente).aggregate(
        hoogste=Max("versie")
    )["hoogste"]
    try:
        with transaction.atomic():
            return Brieftekst.objects.create(
                soort=soort,
                gemeente=gemeente,
                versie=(hoogste or 0) + 1,
                inleiding=bron.inleiding if bron else STANDAARD[soort]["inleiding"],
                slot=bron.slot if bron else STANDAARD[soort]["slot"],
                aangemaakt_door=acting_user,
            )
    except IntegrityError:
        # Somebody else opened the concept at the same moment: use theirs.
        concept = Brieftekst.objects.filter(
            soort=soort, gemeente=gemeente, status=BrieftekstStatus.CONCEPT
        ).first()
        if concept is None:
            raise ValidationError(
                "Iemand anders werkte tegelijk aan deze brieftekst. Probeer het "
                "opnieuw.",
                code="tegelijk",
            ) from None
        return concept


def _locked(concept: Brieftekst, gewijzigd_op: str | None) -> Brieftekst:
    """The concept, locked, still a concept and (when the form says when it was
    opened) unchanged since."""
    current = Brieftekst.objects.select_for_update().filter(pk=concept.pk).first()
    if current is None or current.status != BrieftekstStatus.CONCEPT:
        raise ValidationError(
            "Deze versie is intussen gepubliceerd of weggegooid. Open de brieftekst "
            "opnieuw.",
            code="geen_concept",
        )
    if gewijzigd_op is not None and current.gewijzigd_op.isoformat() != gewijzigd_op:
        raise verouderd("deze brieftekst")
    return current


def tekst_fouten(soort: str, teksten: dict[str, str]) -> dict[str, str]:
    """Per part, why it cannot be saved: empty, or a placeholder outside the list."""
    fouten = {}
    for blok in BLOKKEN:
        tekst = teksten.get(blok, "")
        if not tekst.strip():
            fouten[blok] = "Vul een tekst in."
        elif fout := plaatshouder_fout(tekst, soort):
            fouten[blok] = fout
    return fouten


@transaction.atomic
def concept_opslaan(
    concept: Brieftekst,
    *,
    inleiding: str,
    slot: str,
    toelichting: str,
    gewijzigd_op: str,
    acting_user: User,
) -> Brieftekst:
    """Save the concept's text. Refused (nothing changes) for a placeholder
    outside the list, an empty part, or a concept saved or published by somebody
    else since the form was opened. A change asks for a new voorbeeld."""
    if fouten := tekst_fouten(concept.soort, {"inleiding": inleiding, "slot": slot}):
        raise ValidationError(fouten)
    current = _locked(concept, gewijzigd_op)
    current.inleiding = inleiding
    current.slot = slot
    current.toelichting = toelichting
    current.gewijzigd_door = acting_user
    current.voorbeeld_op = None
    current.save()
    return current


def voorbeeld(concept: Brieftekst, *, vandaag: date) -> bytes:
    """The voorbeeld PDF of a version on made-up data, as the letter would look
    for its gemeente today; for a concept it is recorded as seen (publiceren needs
    it). Refused while the gemeente's letterhead is incomplete."""
    inburgeraar, context = voorbeeld_gegevens(concept.soort, concept.gemeente, vandaag)
    pdf = brieftekst_voorbeeld(
        concept,
        inburgeraar=inburgeraar,
        context=context,
        dagtekening=vandaag,
        verzenddatum=vandaag,
    )
    if concept.status == BrieftekstStatus.CONCEPT:
        # An update of the one column, so a save in between is not undone; the
        # voorbeeld counts only if the text did not change while it rendered.
        Brieftekst.objects.filter(
            pk=concept.pk,
            status=BrieftekstStatus.CONCEPT,
            gewijzigd_op=concept.gewijzigd_op,
        ).update(voorbeeld_op=timezone.now())
    return pdf


@transaction.atomic
def publiceren(
    concept: Brieftekst, *, gewijzigd_op: str, acting_user: User
) -> Brieftekst:
    """Publish the concept: from now on the letters of its kind and gemeente are
    written with it. Only after its voorbeeld was made for this very text."""
    current = _locked(concept, gewijzigd_op)
    if current.voorbeeld_op is None:
        raise ValidationError(NIET_GEZIEN, code="voorbeeld")
    if fouten := tekst_fouten(current.soort, {b: getattr(current, b) for b in BLOKKEN}):
        raise ValidationError(fouten)
    current.status = BrieftekstStatus.GEPUBLICEERD
    current.gepubliceerd_door = acting_user
    current.gepubliceerd_op = timezone.now()
    current.save()
    return current


@transaction.atomic
def concept_weggooien(concept: Brieftekst, *, gewijzigd_op: str) -> None:
    """Throw the concept away; the version in force stays."""
    _locked(concept, gewijzigd_op).delete()


# --- Made-up data for the voorbeeld -------------------------------------------------


def voorbeeld_gegevens(
    soort: str, gemeente: Gemeente, vandaag: date
) -> tuple[Inburgeraar, dict]:
    """An inburgeraar and the letter's own context, made up and never saved, so
    that a voorbeeld shows every part of the letter without touching a dossier."""
    inburgeraar = Inburgeraar(
        bsn="999990019",
        voornamen="Amina",
        achternaam="Voorbeeld",
        geboortedatum=date(1990, 1, 1),
        straat="Voorbeeldstraat",
        huisnummer="1",
        postcode="1234 AB",
        woonplaats=gemeente.naam,
        gemeente=gemeente,
    )
    zaak = Handhavingszaak(
        inburgeraar=inburgeraar,
        overtreding=Overtreding.PIP_VERPLICHTINGEN,
        datum_overtreding=vandaag - timedelta(days=70),
        plaats_overtreding="de taalschool",
        feiten="(Voorbeeld) Mevrouw kwam drie weken niet naar de lessen.",
        overtreden_voorschrift="Wet inburgering 2021, artikel 22",
        waarschuwing_op=vandaag - timedelta(days=60),
        rapport_op=vandaag - timedelta(days=42),
        rapport="(Voorbeeld) De school meldde de afwezigheid.",
        voorgenomen_bedrag=Decimal("250"),
        zienswijze_tot=vandaag - timedelta(days=28),
        verwijtbaarheid="verwijtbaar",
        verwijtbaarheid_toelichting="(Voorbeeld) Er was geen reden om weg te blijven.",
        boetebedrag=Decimal("250"),
        motivering_bedrag="(Voorbeeld) Het bedrag past bij de duur van het verzuim.",
    )
    # The values the placeholders {leerroute} and {termijn_einde} would read from
    # the dossier's PIP and termijn.
    eigen = {
        "leerroute": "B1-route",
        "termijn_einde": vandaag + timedelta(days=900),
    }
    if soort == BrieftekstSoort.PIP_BESCHIKKING:
        pip = Pip(
            inburgeraar=inburgeraar,
            versie=1,
            leerroute=Leerroute.B1,
            taalniveau=Taalniveau.B1,
            reden_afwijzing_onderwijs="(Voorbeeld) Mevrouw wil eerst aan het werk.",
            reden_afwijzing_z="(Voorbeeld) De leerbaarheidstoets wijst op de B1-route.",
            ondersteuning="(Voorbeeld) Elke zes weken een gesprek met de casusregisseur.",
            pvt_uren=12,
            map_uren=40,
            voortgangsgesprek_interval_weken=6,
        )
        return inburgeraar, {
            "pip": pip,
            "termijn": None,
            "termijn_start": vandaag,
            "termijn_einde": eigen["termijn_einde"],
            "eerste": True,
            "verhuizing": None,
            "verlengingen": [],
        }
    if soort == BriefSoort.UITNODIGING_INTAKE:
        return inburgeraar, {
            "afspraak_datum": vandaag + timedelta(days=14),
            "afspraak_tijd": time(10, 0),
            "afspraak_plaats": f"Gemeentehuis {gemeente.naam}",
        }
    if soort == BriefSoort.ONTZORGINGSBESCHIKKING:
        ontzorging = Ontzorging(
            inburgeraar=inburgeraar,
            startdatum=vandaag,
            duur_maanden=6,
            einddatum=vandaag + timedelta(days=181),
            machtiging_getekend_op=vandaag,
        )
        return inburgeraar, {
            **eigen,
            "ontzorging": ontzorging,
            "lasten": [],
            "verlengd": False,
            "eindigt_met_bijstand": False,
            "regulier_einde": ontzorging.einddatum,
        }
    if soort == BriefSoort.BESLISSING_OP_BEZWAAR:
        bezwaar = Bezwaar(
            inburgeraar=inburgeraar,
            boetebeschikking=Brief(kenmerk="BOETE-VOORBEELD"),
            ontvangen_op=vandaag - timedelta(days=30),
            uitkomst="ongegrond",
            tijdig=True,
            toelichting="(Voorbeeld) De boete is terecht opgelegd.",
        )
        return inburgeraar, {"bezwaar": bezwaar, "zaak": zaak}
    return inburgeraar, {
        **eigen,
        "zaak": zaak,
        "maximum": boete_maximum(vandaag),
        "opdracht": "",
    }
