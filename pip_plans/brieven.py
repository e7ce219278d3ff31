"""Generated letters (Brief): the ontzorgingsbeschikking, the waarschuwing and the
boetebeschikking. Rendered to PDF with WeasyPrint, stored privately with their sha256,
never changed afterwards; downloaded only through views.brief_pdf (SECURITY AC-08)."""

from datetime import date

from django.utils import timezone

from intake.models import Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import store_document
from zevenaar_inburgering.pdf import render_pdf
from zevenaar_inburgering.verwerkingen import log

from . import rules
from .models import Brief, BriefSoort, Handhavingszaak, Ontzorging

KENMERK_PREFIX = {
    BriefSoort.ONTZORGINGSBESCHIKKING: "ONTZ",
    BriefSoort.WAARSCHUWING: "WAARS",
    BriefSoort.BOETEBESCHIKKING: "BOETE",
}


def brief_opmaken(
    *,
    inburgeraar: Inburgeraar,
    soort: BriefSoort,
    template_name: str,
    context: dict,
    acting_user: User,
    ontzorging: Ontzorging | None = None,
    handhavingszaak: Handhavingszaak | None = None,
    dagtekening: date | None = None,
) -> Brief:
    """Render, store and record one letter. Call inside the service's transaction:
    if rendering or storing fails, nothing is recorded.

    The template extends "pdf/base.html" and gets `kenmerk`, `dagtekening`,
    `bezwaar_deadline` (beschikkingen only), `inburgeraar`, `gemeente`,
    `ondertekenaar` and `datum` besides `context`.
    """
    dagtekening = dagtekening or timezone.localdate()
    bezwaar_deadline = (
        None
        if soort == BriefSoort.WAARSCHUWING  # a warning is not a besluit
        else rules.bezwaar_deadline(dagtekening)
    )
    brief = Brief(
        inburgeraar=inburgeraar,
        soort=soort,
        ontzorging=ontzorging,
        handhavingszaak=handhavingszaak,
        dagtekening=dagtekening,
        bezwaar_deadline=bezwaar_deadline,
        aangemaakt_door=acting_user,
    )
    brief.kenmerk = (
        f"{KENMERK_PREFIX[soort]}-{inburgeraar.gemeente.cbs_code}-"
        f"{dagtekening:%Y}-{str(brief.pk)[:8].upper()}"
    )
    titel = f"{brief.get_soort_display()} {brief.kenmerk}"
    pdf = render_pdf(
        template_name,
        {
            **context,
            "kenmerk": brief.kenmerk,
            "dagtekening": dagtekening,
            "bezwaar_deadline": bezwaar_deadline,
            "inburgeraar": inburgeraar,
            "gemeente": inburgeraar.gemeente,
            "ondertekenaar": acting_user,
            "datum": dagtekening,
        },
        title=titel,
    )
    brief.pdf, brief.sha256 = store_document(
        pdf, folder=f"brieven/{inburgeraar.pk}", filename=f"{brief.kenmerk}.pdf"
    )
    brief.save(force_insert=True)
    log.log_pdf_generated(
        inburgeraar, user=acting_user, handeling=brief.get_soort_display()
    )
    return brief
