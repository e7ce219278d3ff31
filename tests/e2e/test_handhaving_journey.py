"""A handhavingszaak in a real browser, from the overtreding to the beslissing op
bezwaar, in the steps of the Awb (titel 5.4, hoofdstuk 7) and with functiescheiding
(art. 10:3): three casusregisseurs of Zevenaar, each logged in in a browser of their
own.

1. The dossier's casusregisseur records the overtreding (first without the facts:
   refused) and the rapport (first without the overtreden voorschrift: refused),
   downloads the voornemen and the afschrift van het rapport, records the zienswijze,
   sees the functiescheiding notice on the besluit form and is refused the boete.
2. A collega imposes the boete (first above the maximum: refused), downloads the
   boetebeschikking and registers the bezwaar against it, but may not decide it.
3. A third casusregisseur decides the bezwaar: deels gegrond, the boete lowered;
   the beslissing op bezwaar is downloaded.

Every letter's text is checked with pdftotext, every page state with axe-core
(WCAG 2.1 A/AA). The optional schriftelijke waarschuwing has a test of its own.
The steps are in handhaving_stappen.py and bezwaar_stappen.py."""

import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pip_plans.handhaving.services import handhavingszaak_aanmaken
from pip_plans.models import Brief, BriefSoort, HandhavingStatus
from tests.e2e.bezwaar_stappen import (
    bezwaar_beslissen,
    bezwaar_beslissen_geweigerd,
    bezwaar_registreren,
)
from tests.e2e.handhaving_stappen import (
    FEITEN,
    OVERTREDING,
    Datums,
    boete_geweigerd_aan_rapporteur,
    boete_opleggen,
    brief_downloaden,
    pdf_tekst,  # noqa: F401 (test_beleidsmedewerker_journey imports it from here)
    rapport_opmaken,
    zaak_vastleggen,
    zienswijze_vastleggen,
)
from tests.e2e.stappen import (
    assert_unique_ids,
    gemeld,
    klik_en_wacht,
    nl_datum,
    tab_openen,
    tabelrij,
)
from tests.e2e.test_accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_boete_and_bezwaar_by_three_casusregisseurs(
    live_server,
    login,
    login_in_new_context,
    casusregisseur,
    collega,
    derde_casusregisseur,
    dossier,
    tmp_path,
):
    d = Datums(timezone.localdate())

    # --- The dossier's casusregisseur: overtreding, rapport, zienswijze ---------------
    page = login(casusregisseur)
    zaak = zaak_vastleggen(page, live_server, dossier, d, door=casusregisseur)
    zaak_url = page.url
    rapport_opmaken(page, zaak, d, door=casusregisseur, tmp_path=tmp_path)
    zienswijze_vastleggen(page, zaak, d)
    boete_geweigerd_aan_rapporteur(page, zaak)

    # --- A collega: the boete, and the bezwaar against it -----------------------------
    page_collega = login_in_new_context(collega)
    beschikking = boete_opleggen(
        page_collega, zaak_url, zaak, d, door=collega, tmp_path=tmp_path
    )
    bezwaar = bezwaar_registreren(page_collega, zaak, beschikking, d, door=collega)
    bezwaar_beslissen_geweigerd(page_collega, zaak, bezwaar, d)

    # --- A third casusregisseur: the beslissing op bezwaar ----------------------------
    page_derde = login_in_new_context(derde_casusregisseur)
    bezwaar_beslissen(
        page_derde,
        zaak_url,
        zaak,
        bezwaar,
        d,
        door=derde_casusregisseur,
        tmp_path=tmp_path,
    )

    # --- The dossier's Handhaving tab -------------------------------------------------
    klik_en_wacht(
        page_derde,
        page_derde.get_by_role("navigation", name="Kruimelpad").get_by_role(
            "link", name="Handhaving"
        ),
    )
    expect(page_derde).to_have_url(
        f"{live_server.url}/dossiers/{dossier.pk}/handhaving/"
    )
    rij = tabelrij(
        page_derde, f"Handhavingszaken van {dossier.naam}", OVERTREDING.label
    )
    expect(rij).to_contain_text("Boete opgelegd")
    # The fine as the bezwaar left it, with the one imposed beside it.
    expect(rij).to_contain_text("€ 500,00 na bezwaar (opgelegd € 800,00)")
    expect(rij).to_contain_text(nl_datum(d.overtreding))
    assert_accessible(page_derde, "de handhavingspagina met een beboete zaak")


def test_casusregisseur_sends_a_waarschuwing(
    live_server, login, casusregisseur, dossier, tmp_path
):
    """The optional schriftelijke waarschuwing (DOMAIN §7.1) on a new zaak: a letter,
    not a besluit; afterwards the rapport is still open."""
    vandaag = timezone.localdate()
    handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding=OVERTREDING,
        datum_overtreding=vandaag,
        feiten=FEITEN,
        acting_user=casusregisseur,
    )
    page = login(casusregisseur)
    page.goto(f"/dossiers/{dossier.pk}/")
    tab_openen(page, live_server, dossier, "Handhaving", "handhaving")
    klik_en_wacht(page, page.get_by_role("link", name=OVERTREDING.label))
    expect(page).to_have_url(re.compile(rf"^{live_server.url}/handhaving/[0-9a-f-]+/$"))

    stap = page.locator("#volgende-stap")
    stap.get_by_text("Schriftelijke waarschuwing sturen", exact=True).click()
    form = page.locator("form[action$='/waarschuwing/']")
    opdracht = "Kom dinsdag weer naar de taalles."
    form.get_by_label("Wat moet de inburgeraar nu doen?").fill(opdracht)
    assert_accessible(page, "het formulier voor de schriftelijke waarschuwing")
    klik_en_wacht(page, form.get_by_role("button", name="Waarschuwing maken"))
    gemeld(page, "De schriftelijke waarschuwing staat klaar om te versturen.")

    brief = Brief.objects.get(inburgeraar=dossier, soort=BriefSoort.WAARSCHUWING)
    assert brief.handhavingszaak.status == HandhavingStatus.GEWAARSCHUWD
    assert brief.bezwaar_deadline is None  # not a besluit
    expect(page.locator("#verloop")).to_contain_text(
        f"Schriftelijk gewaarschuwd op {nl_datum(vandaag)}."
    )
    expect(page.locator("form[action$='/waarschuwing/']")).to_have_count(0)
    expect(stap.get_by_text("Rapport en voornemen", exact=True)).to_be_visible()
    assert_accessible(page, "een handhavingszaak met een waarschuwing")
    assert_unique_ids(page, "een handhavingszaak met een waarschuwing")

    tekst = brief_downloaden(page, brief, tmp_path)
    assert "Schriftelijke waarschuwing" in tekst
    assert opdracht in tekst
    assert FEITEN in tekst
    assert "ten hoogste € 800,00" in tekst
    assert "geen besluit" in tekst
