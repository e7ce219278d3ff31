"""Generated letters (Brief): the ontzorgingsbeschikking, the letters of a
handhavingszaak, the beslissing op bezwaar and the overdracht to a new gemeente.
Rendered to PDF with WeasyPrint, stored privately with their sha256, never changed
afterwards; downloaded only through views.brief_pdf (SECURITY AC-08)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weasyprint import Document

from intake.models import Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import store_document
from zevenaar_inburgering.nl import kleine_beginletter
from zevenaar_inburgering.pdf import render_document, render_pdf, write_pdf
from zevenaar_inburgering.verwerkingen import log

from . import brieftekst, rules
from .models import (
    BESLUITEN,
    Bezwaar,
    Brief,
    BriefSoort,
    Brieftekst,
    BrieftekstSoort,
    Brievenbundel,
    Handhavingszaak,
    Ontzorging,
)

KENMERK_PREFIX = {
    BriefSoort.ONTZORGINGSBESCHIKKING: "ONTZ",
    BriefSoort.WAARSCHUWING: "WAARS",
    BriefSoort.VOORNEMEN: "VOORN",
    BriefSoort.RAPPORT: "RAPP",
    BriefSoort.BOETEBESCHIKKING: "BOETE",
    BriefSoort.BESLISSING_OP_BEZWAAR: "BOB",
    BriefSoort.OVERDRACHT: "OVERDR",
    BriefSoort.UITNODIGING_INTAKE: "UITN",
}
# Letters after which the inburgeraar may go to the next instance within the
# statutory six weeks: bezwaar against a besluit, beroep against the beslissing op
# bezwaar (Awb art. 6:7); printed in the letter and stored as `bezwaar_deadline`.
MET_RECHTSMIDDEL = (
    BrieftekstSoort.PIP_BESCHIKKING,
    *BESLUITEN,
    BriefSoort.BESLISSING_OP_BEZWAAR,
)
# The template of a letter with a kept text, where it is not pip_plans/pdf/<soort>.html.
SJABLONEN = {BrieftekstSoort.PIP_BESCHIKKING: "pip_plans/pdf/beschikking.html"}
# Said when a besluit is asked for without its voorbeeld confirmed as seen.
VOORBEELD_EERST = (
    "Bekijk eerst het voorbeeld van de brief en bevestig dat de vrije teksten zo "
    "naar de inburgeraar mogen."
)


def verzenddatum_fouten(verzenddatum: date | None, dagtekening: date) -> dict:
    """The verzenddatum is the bekendmaking (Awb art. 3:41): never before the
    dagtekening."""
    if verzenddatum is not None and verzenddatum < dagtekening:
        return {
            "verzenddatum": "De brief kan niet worden verzonden vóór de dagtekening."
        }
    return {}


def geldende_brieftekst(soort: str, gemeente) -> Brieftekst | None:
    """The published text version a letter of this kind for this gemeente is
    written with now: the last one published. None for a letter without a kept
    text (the overdracht)."""
    if soort not in brieftekst.SOORTEN:
        return None
    versie = brieftekst.geldende_versie(soort, gemeente)
    if versie is None:
        # Every gemeente gets the standard texts when it is made (signals.py).
        raise ValidationError(
            f"De brief kan niet worden gemaakt: de gemeente {gemeente.naam} heeft "
            f"geen gepubliceerde tekst voor de {BrieftekstSoort(soort).label.lower()}. "
            "Functioneel beheer moet die eerst publiceren.",
            code="brieftekst",
        )
    return versie


def met_brieftekst(context: dict, versie: Brieftekst | None) -> dict:
    """The context with the text version's parts as HTML (`brieftekst.inleiding`,
    `brieftekst.slot`), filled from the finished context (kenmerk included)."""
    if versie is None:
        return context
    return {
        **context,
        "brieftekst": {
            blok: brieftekst.tekst_html(getattr(versie, blok), versie.soort, context)
            for blok in brieftekst.BLOKKEN
        },
    }


def _brief_context(
    inburgeraar: Inburgeraar,
    soort: BriefSoort,
    context: dict,
    dagtekening: date | None,
    verzenddatum: date | None,
) -> tuple[dict, date, date]:
    """What every letter gets besides its own `context` (see brief_opmaken), the
    same for the voorbeeld and the letter sent; refused while the gemeente's
    letterhead is incomplete."""
    gemeente = inburgeraar.gemeente
    if fout := gemeente.briefhoofd_fout():
        raise ValidationError(fout, code="briefhoofd")
    dagtekening = dagtekening or timezone.localdate()
    verzenddatum = verzenddatum or dagtekening
    return (
        {
            **context,
            "dagtekening": dagtekening,
            "verzenddatum": verzenddatum,
            "bezwaar_deadline": rules.bezwaar_deadline(verzenddatum)
            if soort in MET_RECHTSMIDDEL
            else None,
            "inburgeraar": inburgeraar,
            "gemeente": gemeente,
            "ondertekenaar": gemeente.ondertekenaar,
            "datum": dagtekening,
        },
        dagtekening,
        verzenddatum,
    )


@transaction.atomic
def brief_voorbeeld(
    *,
    inburgeraar: Inburgeraar,
    soort: BriefSoort,
    template_name: str,
    context: dict,
    acting_user: User,
    dagtekening: date | None = None,
    verzenddatum: date | None = None,
) -> bytes:
    """The letter brief_opmaken would make, marked CONCEPT with the free texts
    highlighted (issue 20): a PDF that is not stored, not numbered and not sent.
    Logged, as it shows the dossier's data."""
    context, _, _ = _brief_context(
        inburgeraar, soort, context, dagtekening, verzenddatum
    )
    versie = geldende_brieftekst(soort, inburgeraar.gemeente)
    pdf = render_pdf(
        template_name,
        met_brieftekst({**context, "kenmerk": "CONCEPT", "concept": True}, versie),
        title=f"Voorbeeld {kleine_beginletter(BriefSoort(soort).label)}",
    )
    log.log_pdf_generated(
        inburgeraar, user=acting_user, handeling=f"Voorbeeld {BriefSoort(soort).label}"
    )
    return pdf


def brieftekst_voorbeeld(
    versie: Brieftekst,
    *,
    inburgeraar: Inburgeraar,
    context: dict,
    dagtekening: date,
    verzenddatum: date,
) -> bytes:
    """A letter written with this text version (a concept, say), marked CONCEPT:
    for functioneel beheer to see a text before publishing it. `inburgeraar` and
    `context` are made-up example data (services.brieftekst): nothing is stored
    or logged, as no person is in it."""
    context, _, _ = _brief_context(
        inburgeraar, versie.soort, context, dagtekening, verzenddatum
    )
    soort = BrieftekstSoort(versie.soort)
    return render_pdf(
        SJABLONEN.get(soort, f"pip_plans/pdf/{soort.value}.html"),
        met_brieftekst({**context, "kenmerk": "VOORBEELD", "concept": True}, versie),
        title=f"Voorbeeld {kleine_beginletter(soort.label)}, versie {versie.versie}",
    )


def brief_opmaken(
    *,
    inburgeraar: Inburgeraar,
    soort: BriefSoort,
    template_name: str,
    context: dict,
    acting_user: User,
    ontzorging: Ontzorging | None = None,
    handhavingszaak: Handhavingszaak | None = None,
    bezwaar: Bezwaar | None = None,
    bundel: Brievenbundel | None = None,
    documenten: list[Document] | None = None,
    dagtekening: date | None = None,
    verzenddatum: date | None = None,
    versie: Brieftekst | None = None,
) -> Brief:
    """Render, store and record one letter. With `documenten`, its rendered
    WeasyPrint document is appended to that list, for a bundle that prints the
    letters without rendering them again (documents_to_pdf). Call inside the
    service's transaction: if rendering or storing fails, nothing is recorded.

    The template extends "pdf/base.html" and gets `kenmerk`, `dagtekening`,
    `verzenddatum`, `bezwaar_deadline` (besluiten: bezwaar; a beslissing op bezwaar:
    beroep), `inburgeraar`, `gemeente`, `ondertekenaar` and `datum` besides
    `context`. The verzenddatum is the bekendmaking; the term runs from the day
    after it. Default: the dagtekening, which defaults to today, the day the letter
    is generated; a later day when the letter goes out later.

    The letter is written with the text version in force for its kind and
    gemeente (geldende_brieftekst; `versie` passes it in when the caller has read
    it already, as a batch does), stored as `Brief.brieftekst`; the template shows
    its parts as `brieftekst.inleiding` and `brieftekst.slot`.

    Refused (ValidationError naming the empty fields) while the gemeente's
    letterhead is incomplete: a letter goes out in the dossier's gemeente's name.
    """
    context, dagtekening, verzenddatum = _brief_context(
        inburgeraar, soort, context, dagtekening, verzenddatum
    )
    bezwaar_deadline = context["bezwaar_deadline"]
    if versie is None:
        versie = geldende_brieftekst(soort, inburgeraar.gemeente)
    brief = Brief(
        inburgeraar=inburgeraar,
        soort=soort,
        ontzorging=ontzorging,
        handhavingszaak=handhavingszaak,
        bezwaar=bezwaar,
        bundel=bundel,
        dagtekening=dagtekening,
        verzenddatum=verzenddatum,
        bezwaar_deadline=bezwaar_deadline,
        brieftekst=versie,
        aangemaakt_door=acting_user,
    )
    brief.kenmerk = (
        f"{KENMERK_PREFIX[soort]}-{inburgeraar.gemeente.cbs_code}-"
        f"{dagtekening:%Y}-{str(brief.pk)[:8].upper()}"
    )
    titel = f"{brief.get_soort_display()} {brief.kenmerk}"
    document = render_document(
        template_name,
        met_brieftekst({**context, "kenmerk": brief.kenmerk}, versie),
        title=titel,
    )
    pdf = write_pdf(document)
    brief.pdf, brief.sha256 = store_document(
        pdf, folder=f"brieven/{inburgeraar.pk}", filename=f"{brief.kenmerk}.pdf"
    )
    brief.save(force_insert=True)
    log.log_pdf_generated(
        inburgeraar, user=acting_user, handeling=brief.get_soort_display()
    )
    if documenten is not None:
        documenten.append(document)
    return brief
