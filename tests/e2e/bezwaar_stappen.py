"""The bezwaar steps of the handhaving journey (test_handhaving_journey.py): the
collega who imposed the boete registers the bezwaar against the boetebeschikking and
may not decide it; a third casusregisseur decides it. The dates, the texts and the
helpers are in handhaving_stappen.py."""

from decimal import Decimal

from playwright.sync_api import expect

from pip_plans.models import Bezwaar, BezwaarUitkomst, Brief, BriefSoort
from tests.e2e.handhaving_stappen import (
    BESLISSING,
    GRONDEN,
    ZAAK_TITEL,
    Datums,
    brief_downloaden,
    invullen,
    veld,
    zaak_pagina,
)
from tests.e2e.stappen import (
    assert_unique_ids,
    formulier_met_fout,
    klik_en_wacht,
    nl_datum,
)
from tests.e2e.test_accessibility import assert_accessible

# --- The collega: the bezwaar ---------------------------------------------------------


def bezwaar_registreren(page, zaak, beschikking, d: Datums, door) -> Bezwaar:
    """The bezwaarschrift came by post within the term: registered on the zaak."""
    verloop = page.locator("#verloop")
    verloop.get_by_text("Bezwaar registreren", exact=True).click()
    form = verloop.locator(f"form[action$='/handhaving/{zaak.pk}/bezwaar/']")
    invullen(
        form,
        {
            "Bezwaar ontvangen op": d.bezwaar_ontvangen.isoformat(),
            "Datum poststempel": d.poststempel.isoformat(),
            "Gronden van het bezwaar": GRONDEN,
        },
    )
    assert_accessible(page, "het formulier om een bezwaar te registreren")
    klik_en_wacht(page, form.get_by_role("button", name="Bezwaar opslaan"))
    zaak_pagina(page, zaak, "Bezwaar geregistreerd.")
    bezwaar = Bezwaar.objects.get(boetebeschikking=beschikking)
    assert bezwaar.tijdig
    assert bezwaar.bezwaartermijn_einde == d.bezwaar_tot
    assert bezwaar.beslistermijn == d.bezwaar_beslistermijn
    assert bezwaar.geregistreerd_door == door
    blok = verloop.locator(".bezwaar")
    expect(blok).to_contain_text(
        f"Bezwaar ontvangen op {nl_datum(d.bezwaar_ontvangen)} (poststempel "
        f"{nl_datum(d.poststempel)}) · tijdig (termijn tot en met "
        f"{nl_datum(d.bezwaar_tot)})"
    )
    expect(blok).to_contain_text(GRONDEN)
    expect(blok).to_contain_text(
        f"Beslissen uiterlijk {nl_datum(d.bezwaar_beslistermijn)} (Awb art. 7:10)."
    )
    # One open bezwaar at a time: no form for a second one.
    expect(verloop.get_by_text("Bezwaar registreren", exact=True)).to_have_count(0)
    assert_accessible(page, "een handhavingszaak met een bezwaar")
    assert_unique_ids(page, "een handhavingszaak met een bezwaar")
    return bezwaar


def beslissing_invullen(page, bezwaar, d: Datums):
    """Open the beslissing op bezwaar on the zaak page and fill it in: deels gegrond,
    the boete lowered to € 500,00. Returns the form."""
    blok = page.locator(".bezwaar")
    blok.get_by_text("Beslissing op bezwaar", exact=True).click()
    form = blok.locator(f"form[action$='/bezwaren/{bezwaar.pk}/beslissing/']")
    veld(form, "Uitkomst").select_option(BezwaarUitkomst.DEELS_GEGROND)
    invullen(
        form,
        {
            "Datum beslissing": d.beslissing.isoformat(),
            "Motivering (komt in de brief)": BESLISSING,
            "Boete na bezwaar (bij gegrond of deels gegrond)": "500,00",
            "Verzenddatum": d.beslissing_verzonden.isoformat(),
        },
    )
    return form


def bezwaar_beslissen_geweigerd(page, zaak, bezwaar, d: Datums) -> None:
    """Who imposed the boete may not decide the bezwaar against it (Awb art. 10:3
    lid 3): refused, nothing decided."""
    form = beslissing_invullen(page, bezwaar, d)
    klik_en_wacht(page, form.get_by_role("button", name="Beslissing opslaan"))
    form = formulier_met_fout(
        page,
        ZAAK_TITEL.format(naam=zaak.inburgeraar.naam),
        f"form[action$='/bezwaren/{bezwaar.pk}/beslissing/']",
        "U hebt in deze zaak de boete opgelegd. Een collega neemt deze beslissing "
        "(functiescheiding, Awb art. 10:3).",
    )
    expect(veld(form, "Motivering (komt in de brief)")).to_have_value(BESLISSING)
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == ""
    assert not Brief.objects.filter(soort=BriefSoort.BESLISSING_OP_BEZWAAR).exists()
    assert_accessible(
        page, "een beslissing op bezwaar geweigerd wegens functiescheiding"
    )
    assert_unique_ids(
        page, "een beslissing op bezwaar geweigerd wegens functiescheiding"
    )


# --- The third casusregisseur: the beslissing op bezwaar ------------------------------


def bezwaar_beslissen(page, zaak_url, zaak, bezwaar, d: Datums, door, tmp_path) -> None:
    """A third casusregisseur decides: deels gegrond, the boete lowered to € 500,00;
    the letter, downloaded and read."""
    page.goto(zaak_url)
    form = beslissing_invullen(page, bezwaar, d)
    assert_accessible(page, "het formulier voor de beslissing op bezwaar")
    klik_en_wacht(page, form.get_by_role("button", name="Beslissing opslaan"))
    zaak_pagina(
        page,
        zaak,
        "Beslissing op bezwaar vastgelegd; de brief staat klaar om te versturen.",
    )
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == BezwaarUitkomst.DEELS_GEGROND
    assert bezwaar.boetebedrag_na_bezwaar == Decimal("500.00")
    assert (bezwaar.besluit_datum, bezwaar.beslist_door) == (d.beslissing, door)
    brief = Brief.objects.get(bezwaar=bezwaar, soort=BriefSoort.BESLISSING_OP_BEZWAAR)
    assert (brief.dagtekening, brief.verzenddatum) == (
        d.beslissing,
        d.beslissing_verzonden,
    )
    assert brief.bezwaar_deadline == d.beroep_tot  # beroep

    blok = page.locator(".bezwaar")
    expect(blok).to_contain_text(
        f"Beslissing op {nl_datum(d.beslissing)}: deels gegrond; boete na bezwaar "
        "€ 500,00."
    )
    expect(blok).to_contain_text(
        f"Beslissing op bezwaar {brief.kenmerk} (PDF) · verzonden "
        f"{nl_datum(d.beslissing_verzonden)} · beroep tot en met "
        f"{nl_datum(d.beroep_tot)}"
    )
    expect(blok.locator("form")).to_have_count(0)  # decided
    assert_accessible(page, "een handhavingszaak met een beslissing op bezwaar")
    assert_unique_ids(page, "een handhavingszaak met een beslissing op bezwaar")

    tekst = brief_downloaden(page, brief, tmp_path)
    assert "Beslissing op uw bezwaar" in tekst
    assert f"Op {nl_datum(d.bezwaar_ontvangen)} kregen wij uw bezwaar" in tekst
    assert f"over een boete (kenmerk {bezwaar.boetebeschikking.kenmerk})" in tekst
    assert "deels gegrond" in tekst
    assert "De boete wordt lager: € 500,00 in plaats van € 800,00." in tekst
    assert BESLISSING in tekst
    assert f"Wij versturen deze brief op {nl_datum(d.beslissing_verzonden)}" in tekst
    assert f"uiterlijk {nl_datum(d.beroep_tot)} bij de rechtbank" in tekst
