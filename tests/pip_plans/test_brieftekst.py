"""Brieftekst (issue 20 item 2): the letter texts functioneel beheer keeps.

How a text becomes HTML and prints in a letter (every character escaped, a small
layout), which placeholders a text may use, the versions (the standard texts as
published version 1, a concept copied from the version in force, a published
version the database keeps as it is), publishing only after a voorbeeld of the
saved text and never over somebody else's change, the letters naming the version
they were written with, and the pages of functioneel beheer.

Publishing goes through the service, voorbeeld included: every test that
publishes renders that voorbeeld, so it is a `pdf` test."""

import datetime as dt
import re
import subprocess

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.models import Inburgeraar
from pip_plans import rules
from pip_plans.brieftekst import (
    BLOKKEN,
    SOORTEN,
    geldende_versie,
    plaatshouder_fout,
    plaatshouders,
    tekst_html,
)
from pip_plans.brieftekst_standaard import STANDAARD
from pip_plans.handhaving.services import waarschuwing_versturen
from pip_plans.models import (
    BriefSoort,
    Brieftekst,
    BrieftekstSoort,
    BrieftekstStatus,
)
from pip_plans.services import brieftekst as service
from pip_plans.services.brieftekst import NIET_GEZIEN
from pip_plans.services.uitnodigingen import uitnodigingen_maken
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.intake import InburgeraarFactory
from tests.factories.pip_plans import pip_vaststellen
from tests.pip_plans.handhaving.helpers import nieuwe_zaak
from tests.pip_plans.pdf import pdf_text
from zevenaar_inburgering.accounts.models import Gemeente, Role
from zevenaar_inburgering.nl import datum_tekst

pytestmark = pytest.mark.django_db

VANDAAG = "2026-03-20 10:00:00"
DAG = dt.date(2026, 3, 20)
UITNODIGING = BrieftekstSoort.UITNODIGING_INTAKE
WAARSCHUWING = BrieftekstSoort.WAARSCHUWING
PIP_BESCHIKKING = BrieftekstSoort.PIP_BESCHIKKING
# What a text must print as typed, never run: template syntax and HTML.
GEVAARLIJK = (
    "{{ settings.SECRET_KEY }}",
    "{% load static %}",
    "<script>alert(1)</script>",
    "<b>vet</b>",
)
NIEUWE_ZIN = "Deze zin staat alleen in versie twee van de tekst."
IEMAND_ANDERS = "Iemand anders heeft deze brieftekst gewijzigd nadat u het opende."


def openen(soort, gem, user) -> Brieftekst:
    return service.concept_openen(soort=soort, gemeente=gem, acting_user=user)


def opslaan(concept, user, **parts) -> Brieftekst:
    """Save the concept through the service: its current text unless `parts` gives
    another, and the moment it was last saved (unless `gewijzigd_op` is given)."""
    huidig = Brieftekst.objects.get(pk=concept.pk)
    return service.concept_opslaan(
        concept,
        inleiding=parts.get("inleiding", huidig.inleiding),
        slot=parts.get("slot", huidig.slot),
        toelichting=parts.get("toelichting", "Aangepast in een test."),
        gewijzigd_op=parts.get("gewijzigd_op", huidig.gewijzigd_op.isoformat()),
        acting_user=user,
    )


def ongewijzigd(versie) -> tuple | None:
    """What the database holds of the version, read fresh (None once it is gone),
    to compare before and after: the inleiding first."""
    return (
        Brieftekst.objects.filter(pk=versie.pk)
        .values_list(
            "inleiding",
            "slot",
            "toelichting",
            "status",
            "versie",
            "gewijzigd_op",
            "voorbeeld_op",
            "gepubliceerd_op",
            "gepubliceerd_door",
        )
        .first()
    )


def publiceren(concept, user) -> Brieftekst:
    huidig = Brieftekst.objects.get(pk=concept.pk)
    return service.publiceren(
        concept, gewijzigd_op=huidig.gewijzigd_op.isoformat(), acting_user=user
    )


def gepubliceerd(soort, gem, user, **parts) -> Brieftekst:
    """A new version of the text, saved, seen as a voorbeeld and published."""
    concept = opslaan(openen(soort, gem, user), user, **parts)
    service.voorbeeld(concept, vandaag=timezone.localdate())
    return publiceren(concept, user)


def met_adres(gem, casusregisseur, **kw):
    """A dossier with the complete address a letter needs."""
    return InburgeraarFactory(
        gemeente=gem, casusregisseur=casusregisseur, met_adres=True, **kw
    )


def uitnodiging(dossier, user):
    """The dossier's uitnodiging for the brede intake, sent today."""
    verzenddatum = timezone.localdate()
    (brief,) = uitnodigingen_maken(
        [dossier],
        afspraak_datum=verzenddatum + dt.timedelta(days=14),
        afspraak_tijd=dt.time(10, 30),
        afspraak_plaats="Gemeentehuis Zevenaar, Raadhuisplein 1",
        verzenddatum=verzenddatum,
        acting_user=user,
    )
    return brief


def pdf_bytes_text(data: bytes) -> str:
    """The text of a PDF (poppler's pdftotext), whitespace folded to one space.
    Without -layout: the voorbeeld's diagonal watermark would cut its lines."""
    uit = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(uit.split())


def status_code(client, name, *args, post=None) -> int:
    url = reverse(f"pip_plans:{name}", args=args)
    response = client.get(url) if post is None else client.post(url, post)
    return response.status_code


def cache_control(response) -> set[str]:
    return {d.strip() for d in response["Cache-Control"].split(",")}


def duiven_beheerder(duiven):
    return UserFactory(role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[duiven])


# --- A text as HTML: everything escaped, a small layout ----------------------------------


def test_tekst_html_escapes_everything_and_knows_headings_lists_and_paragraphs(
    zevenaar,
):
    inburgeraar = Inburgeraar(
        voornamen="<i>Amal</i> {gemeente}",
        achternaam="<b>Haddad</b> <script>alert(1)</script> {{ x }} {% load static %}",
        gemeente=zevenaar,
    )
    tekst = (
        "## Kop voor {naam}\r\n"
        "Eerste regel, {naam}.\r\n"
        "Tweede regel met <b>vet</b> & {{ settings.SECRET_KEY }}.\r\n"
        "\r\n"
        "- een {naam}\n"
        "-  twee {% load static %}\n"
        "\n\n"
        "  Laatste alinea, {onbekend}.  "
    )
    naam = (
        "&lt;i&gt;Amal&lt;/i&gt; {gemeente} &lt;b&gt;Haddad&lt;/b&gt; "
        "&lt;script&gt;alert(1)&lt;/script&gt; {{ x }} {% load static %}"
    )
    html = tekst_html(
        tekst, UITNODIGING, {"inburgeraar": inburgeraar, "gemeente": zevenaar}
    )
    assert html == (
        f"<h2>Kop voor {naam}</h2>\n"
        f"<p>Eerste regel, {naam}.<br>"
        "Tweede regel met &lt;b&gt;vet&lt;/b&gt; &amp; {{ settings.SECRET_KEY }}.</p>\n"
        f"<ul><li>een {naam}</li><li>twee {{% load static %}}</li></ul>\n"
        "<p>Laatste alinea, {onbekend}.</p>"
    )


def test_tekst_html_reads_only_the_placeholders_the_text_uses(zevenaar):
    """A context without the keys of the placeholders the text does not use (here
    everything of the uitnodiging's appointment and of the letter) renders."""
    context = {
        "inburgeraar": Inburgeraar(voornamen="Amal", achternaam="Haddad"),
        "gemeente": zevenaar,
    }
    assert (
        tekst_html("Beste {naam},", UITNODIGING, context) == "<p>Beste Amal Haddad,</p>"
    )
    assert (
        tekst_html("Welkom in {gemeente}.", WAARSCHUWING, context)
        == "<p>Welkom in Zevenaar.</p>"
    )
    with pytest.raises(KeyError):
        tekst_html("Kom op {afspraak_datum}.", UITNODIGING, context)


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_letter_prints_template_syntax_and_html_as_typed_and_escapes_values(
    settings, zevenaar, casusregisseur, functioneel_beheerder
):
    settings.SECRET_KEY = "geheime-sleutel-4f9a2c7e1b"
    versie = gepubliceerd(
        UITNODIGING,
        zevenaar,
        functioneel_beheerder,
        inleiding="Beste {naam},\n\n" + " ".join(GEVAARLIJK),
        slot="## Onze kop\nEen alinea onder de kop.\n\n- appelboom\n- perenboom",
    )
    dossier = met_adres(
        zevenaar, casusregisseur, voornamen="Amal", achternaam="<i>Haddad</i>"
    )
    brief = uitnodiging(dossier, casusregisseur)
    assert brief.brieftekst == versie

    text = pdf_text(brief)
    for typed in GEVAARLIJK:
        assert typed in text
    assert "geheime-sleutel-4f9a2c7e1b" not in text
    assert "Beste Amal <i>Haddad</i>," in text
    # The layout marks are layout, not text.
    assert "Onze kop Een alinea onder de kop." in text
    assert "## Onze kop" not in text
    assert "appelboom" in text and "perenboom" in text
    assert "- appelboom" not in text and "- perenboom" not in text


@pytest.mark.pdf
@freeze_time(VANDAAG)
@pytest.mark.parametrize("soort", SOORTEN)
def test_the_voorbeeld_of_every_kind_fills_every_placeholder_of_the_standard_text(
    zevenaar, soort
):
    versie = geldende_versie(soort, zevenaar)
    text = pdf_bytes_text(service.voorbeeld(versie, vandaag=DAG))
    assert "VOORBEELD" in text
    assert "Beste Amina Voorbeeld," in text  # the inleiding, {naam} filled
    assert "Vragen?" in text  # the slot
    assert not re.search(r"\{[a-z_]+\}", text), text


@pytest.mark.pdf
@freeze_time(VANDAAG)
@pytest.mark.parametrize("soort", SOORTEN)
def test_the_voorbeeld_gives_every_placeholder_of_its_kind_a_value(
    zevenaar, functioneel_beheerder, soort
):
    """Each placeholder the editor offers reads the voorbeeld's made-up data:
    none fails, none prints empty."""
    namen = list(plaatshouders(soort))
    concept = opslaan(
        openen(soort, zevenaar, functioneel_beheerder),
        functioneel_beheerder,
        slot="\n".join(f"{naam}=[{{{naam}}}]" for naam in namen),
    )
    text = pdf_bytes_text(service.voorbeeld(concept, vandaag=DAG))
    for naam in namen:
        waarde = re.search(rf"(?<![a-z_]){naam}=\[(.*?)\]", text)
        assert waarde, (naam, text)
        assert waarde.group(1).strip() not in ("", "None"), naam


@pytest.mark.pdf
@freeze_time(VANDAAG)
@pytest.mark.parametrize(
    "soort",
    [
        PIP_BESCHIKKING,
        BrieftekstSoort.ONTZORGINGSBESCHIKKING,
        BrieftekstSoort.BOETEBESCHIKKING,
    ],
)
def test_the_voorbeeld_of_a_besluit_states_the_bezwaar_deadline(zevenaar, soort):
    """The fixed bezwaar clause of a besluit names the last day, six weeks after
    the verzenddatum (the voorbeeld's: today)."""
    assert soort in SOORTEN
    text = pdf_bytes_text(
        service.voorbeeld(geldende_versie(soort, zevenaar), vandaag=DAG)
    )
    uiterlijk = datum_tekst(rules.bezwaar_deadline(DAG))
    assert f"Uw bezwaar moet dus uiterlijk {uiterlijk} bij ons zijn." in text


# --- Validation: only the letter's own placeholders, no empty part --------------------------


def test_the_standard_texts_use_only_their_own_placeholders():
    assert set(STANDAARD) == set(SOORTEN)
    assert BriefSoort.OVERDRACHT not in SOORTEN
    for soort, tekst in STANDAARD.items():
        for blok in BLOKKEN:
            assert plaatshouder_fout(tekst[blok], soort) == "", (soort, blok)


FOUTE_PLAATSHOUDERS = [
    ("Beste {onbekend},", "{onbekend}"),
    ("Beste {Naam},", "{Naam}"),
    ("Beste { naam },", "{ naam }"),
    ("Beste {naam}, uw boete is {boetebedrag}.", "{boetebedrag}"),
    ("Kom op {afspraak-datum}.", "{afspraak-datum}"),
]


@pytest.mark.parametrize("blok", BLOKKEN)
@pytest.mark.parametrize("tekst, genoemd", FOUTE_PLAATSHOUDERS)
def test_the_service_refuses_a_placeholder_outside_the_list_naming_it(
    zevenaar, functioneel_beheerder, blok, tekst, genoemd
):
    concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
    voor = ongewijzigd(concept)
    with pytest.raises(ValidationError) as fout:
        opslaan(concept, functioneel_beheerder, **{blok: tekst})
    (melding,) = fout.value.message_dict[blok]
    assert melding.startswith(
        f"Deze invulvelden bestaan niet voor deze brief: {genoemd}. U kunt gebruiken: "
    )
    assert "{afspraak_datum}" in melding and "{naam}" in melding
    assert ongewijzigd(concept) == voor


def test_the_refusal_names_every_wrong_placeholder_once(
    zevenaar, functioneel_beheerder
):
    fout = plaatshouder_fout("{zz} {Naam} {zz} {naam}", UITNODIGING)
    assert fout.startswith(
        "Deze invulvelden bestaan niet voor deze brief: {Naam} en {zz}."
    )


def test_a_placeholder_of_its_own_kind_is_accepted():
    boete = BrieftekstSoort.BOETEBESCHIKKING
    assert plaatshouder_fout("De boete is {boetebedrag}.", boete) == ""
    assert "boetebedrag" in plaatshouders(boete)
    assert "boetebedrag" not in plaatshouders(UITNODIGING)


@pytest.mark.parametrize("blok", BLOKKEN)
def test_the_service_refuses_an_empty_part(zevenaar, functioneel_beheerder, blok):
    concept = openen(WAARSCHUWING, zevenaar, functioneel_beheerder)
    voor = ongewijzigd(concept)
    with pytest.raises(ValidationError) as fout:
        opslaan(concept, functioneel_beheerder, **{blok: "  \n\n  "})
    assert fout.value.message_dict == {blok: ["Vul een tekst in."]}
    assert ongewijzigd(concept) == voor


@pytest.mark.parametrize("tekst, genoemd", FOUTE_PLAATSHOUDERS)
def test_the_page_refuses_a_placeholder_outside_the_list_keeping_what_was_typed(
    client_for, zevenaar, functioneel_beheerder, tekst, genoemd
):
    concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
    voor = ongewijzigd(concept)
    getypt = f"{tekst}\n\nEen zin die ik net typte en die moet blijven staan."
    response = client_for(functioneel_beheerder).post(
        reverse("pip_plans:brieftekst", args=[concept.pk]),
        {
            "inleiding": getypt,
            "slot": concept.slot,
            "toelichting": "Mijn toelichting",
            "gewijzigd_op": concept.gewijzigd_op.isoformat(),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het concept is niet opgeslagen." in html
    assert f"Deze invulvelden bestaan niet voor deze brief: {genoemd}." in html
    assert "Een zin die ik net typte en die moet blijven staan." in html
    assert 'value="Mijn toelichting"' in html
    assert ongewijzigd(concept) == voor


def test_the_page_refuses_an_empty_part(client_for, zevenaar, functioneel_beheerder):
    concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
    voor = ongewijzigd(concept)
    response = client_for(functioneel_beheerder).post(
        reverse("pip_plans:brieftekst", args=[concept.pk]),
        {
            "inleiding": concept.inleiding,
            "slot": "   ",
            "toelichting": "Mijn toelichting",
            "gewijzigd_op": concept.gewijzigd_op.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Het concept is niet opgeslagen." in response.content.decode()
    assert response.context["form"].errors["slot"]
    assert ongewijzigd(concept) == voor


def test_the_editor_shows_a_typed_script_as_text(
    client_for, zevenaar, functioneel_beheerder
):
    concept = opslaan(
        openen(UITNODIGING, zevenaar, functioneel_beheerder),
        functioneel_beheerder,
        inleiding="Beste {naam}, <script>alert(1)</script>",
    )
    response = client_for(functioneel_beheerder).get(
        reverse("pip_plans:brieftekst", args=[concept.pk])
    )
    html = response.content.decode()
    assert "Beste {naam}, &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


# --- Versions ---------------------------------------------------------------------------


def test_every_gemeente_has_the_standard_texts_as_published_version_1(zevenaar, duiven):
    nieuw = Gemeente.objects.create(naam="Lingewaard", cbs_code="1705")
    for g in (zevenaar, duiven, nieuw):
        for soort in SOORTEN:
            versie = geldende_versie(soort, g)
            assert versie is not None, (g, soort)
            assert versie.versie == 1
            assert versie.status == BrieftekstStatus.GEPUBLICEERD
            assert versie.gepubliceerd_op is not None
            assert versie.aangemaakt_door is None
            assert versie.inleiding == STANDAARD[soort]["inleiding"]
            assert versie.slot == STANDAARD[soort]["slot"]
    assert Brieftekst.objects.filter(gemeente=nieuw).count() == len(SOORTEN)
    nieuw.telefoon = "0316 123 456"
    nieuw.save()  # a change is no new gemeente
    assert Brieftekst.objects.filter(gemeente=nieuw).count() == len(SOORTEN)


def test_concept_openen_copies_the_version_in_force_and_numbers_it_next(
    zevenaar, functioneel_beheerder
):
    v1 = geldende_versie(WAARSCHUWING, zevenaar)
    concept = openen(WAARSCHUWING, zevenaar, functioneel_beheerder)
    assert concept.versie == 2
    assert concept.status == BrieftekstStatus.CONCEPT
    assert (concept.inleiding, concept.slot) == (v1.inleiding, v1.slot)
    assert concept.aangemaakt_door == functioneel_beheerder
    assert concept.voorbeeld_op is None and concept.gepubliceerd_op is None
    # The version in force is still version 1.
    assert geldende_versie(WAARSCHUWING, zevenaar) == v1

    collega = UserFactory(role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[zevenaar])
    assert openen(WAARSCHUWING, zevenaar, collega) == concept
    assert openen(WAARSCHUWING, zevenaar, functioneel_beheerder) == concept
    assert Brieftekst.objects.filter(soort=WAARSCHUWING, gemeente=zevenaar).count() == 2


def test_a_save_records_who_saved_it(zevenaar, functioneel_beheerder):
    collega = UserFactory(role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[zevenaar])
    concept = openen(WAARSCHUWING, zevenaar, functioneel_beheerder)
    assert concept.gewijzigd_door is None
    concept = opslaan(concept, collega, inleiding="Beste {naam}, van de collega.")
    concept.refresh_from_db()
    assert concept.aangemaakt_door == functioneel_beheerder
    assert concept.gewijzigd_door == collega


def test_a_gemeente_without_texts_starts_its_concept_from_the_standard_text(
    zevenaar, functioneel_beheerder
):
    """A gemeente loaded without its signals (a fixture) has no version: its
    letters are refused, and its first concept starts from the standard text."""
    from pip_plans.brieven import geldende_brieftekst

    # bulk_create sends no post_save, as loading a fixture does not either.
    [kaal] = Gemeente.objects.bulk_create(
        [Gemeente(naam="Kaalgemeente", cbs_code="9999")]
    )
    assert not Brieftekst.objects.filter(gemeente=kaal).exists()
    with pytest.raises(ValidationError) as fout:
        geldende_brieftekst(WAARSCHUWING, kaal)
    assert "geen gepubliceerde tekst" in fout.value.messages[0]
    concept = openen(WAARSCHUWING, kaal, functioneel_beheerder)
    assert concept.versie == 1
    assert concept.inleiding == STANDAARD[WAARSCHUWING]["inleiding"]
    assert concept.slot == STANDAARD[WAARSCHUWING]["slot"]


def test_a_thrown_away_concept_leaves_the_version_in_force(
    zevenaar, functioneel_beheerder
):
    v1 = geldende_versie(WAARSCHUWING, zevenaar)
    concept = opslaan(
        openen(WAARSCHUWING, zevenaar, functioneel_beheerder),
        functioneel_beheerder,
        inleiding="Beste {naam}, weg ermee.",
    )
    service.concept_weggooien(concept, gewijzigd_op=concept.gewijzigd_op.isoformat())
    assert not Brieftekst.objects.filter(pk=concept.pk).exists()
    assert geldende_versie(WAARSCHUWING, zevenaar) == v1
    opnieuw = openen(WAARSCHUWING, zevenaar, functioneel_beheerder)
    assert opnieuw.versie == 2 and opnieuw.inleiding == v1.inleiding


def test_a_published_version_cannot_be_thrown_away(zevenaar, functioneel_beheerder):
    v1 = geldende_versie(WAARSCHUWING, zevenaar)
    with pytest.raises(ValidationError) as fout:
        service.concept_weggooien(v1, gewijzigd_op=v1.gewijzigd_op.isoformat())
    assert "intussen gepubliceerd of weggegooid" in fout.value.messages[0]
    assert Brieftekst.objects.filter(pk=v1.pk).exists()


@pytest.mark.parametrize(
    "wijzigen",
    [
        lambda v: Brieftekst.objects.filter(pk=v.pk).update(slot="Anders."),
        lambda v: Brieftekst.objects.filter(pk=v.pk).update(status="concept"),
        lambda v: v.delete(),
        lambda v: connection.cursor().execute(
            "UPDATE pip_plans_brieftekst SET inleiding = 'Anders.' WHERE id = %s",
            [v.pk],
        ),
        lambda v: connection.cursor().execute(
            "DELETE FROM pip_plans_brieftekst WHERE id = %s", [v.pk]
        ),
    ],
    ids=["update", "terug-naar-concept", "delete", "sql-update", "sql-delete"],
)
def test_the_database_refuses_to_change_a_published_version(zevenaar, wijzigen):
    v1 = geldende_versie(UITNODIGING, zevenaar)
    voor = ongewijzigd(v1)
    with (
        pytest.raises(DatabaseError, match="pip_plans_brieftekst: .* niet toegestaan"),
        transaction.atomic(),
    ):
        wijzigen(v1)
    assert ongewijzigd(v1) == voor


# --- Publishing: after a voorbeeld of the saved text, never over another's change -------


@freeze_time(VANDAAG)
def test_publiceren_without_a_voorbeeld_is_refused(zevenaar, functioneel_beheerder):
    concept = opslaan(
        openen(UITNODIGING, zevenaar, functioneel_beheerder),
        functioneel_beheerder,
        inleiding=f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
    )
    voor = ongewijzigd(concept)
    with pytest.raises(ValidationError) as fout:
        publiceren(concept, functioneel_beheerder)
    assert fout.value.messages == [NIET_GEZIEN]
    assert ongewijzigd(concept) == voor
    assert geldende_versie(UITNODIGING, zevenaar).versie == 1


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_save_after_the_voorbeeld_needs_a_new_voorbeeld(
    zevenaar, functioneel_beheerder
):
    concept = opslaan(
        openen(UITNODIGING, zevenaar, functioneel_beheerder),
        functioneel_beheerder,
        inleiding=f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
    )
    text = pdf_bytes_text(service.voorbeeld(concept, vandaag=DAG))
    assert NIEUWE_ZIN in text
    concept.refresh_from_db()
    assert concept.voorbeeld_op is not None

    concept = opslaan(concept, functioneel_beheerder, slot="## Vragen?\nBel ons.")
    assert Brieftekst.objects.get(pk=concept.pk).voorbeeld_op is None
    with pytest.raises(ValidationError) as fout:
        publiceren(concept, functioneel_beheerder)
    assert fout.value.messages == [NIET_GEZIEN]
    assert Brieftekst.objects.get(pk=concept.pk).status == BrieftekstStatus.CONCEPT


@pytest.mark.pdf
def test_a_voorbeeld_of_a_text_changed_meanwhile_does_not_count(
    zevenaar, functioneel_beheerder
):
    with freeze_time(VANDAAG) as klok:
        concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
        klok.tick(dt.timedelta(minutes=1))
        # Somebody saves while this voorbeeld of the older text renders.
        opslaan(Brieftekst.objects.get(pk=concept.pk), functioneel_beheerder)
        service.voorbeeld(concept, vandaag=DAG)
    assert Brieftekst.objects.get(pk=concept.pk).voorbeeld_op is None


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_publiceren_after_the_voorbeeld_makes_it_the_version_in_force(
    zevenaar, functioneel_beheerder
):
    v1 = geldende_versie(UITNODIGING, zevenaar)
    v2 = gepubliceerd(
        UITNODIGING,
        zevenaar,
        functioneel_beheerder,
        inleiding=f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
        toelichting="Kortere zinnen.",
    )
    v2.refresh_from_db()
    assert v2.versie == 2
    assert v2.status == BrieftekstStatus.GEPUBLICEERD
    assert v2.gepubliceerd_door == functioneel_beheerder
    assert v2.gepubliceerd_op == dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC)
    assert v2.toelichting == "Kortere zinnen."
    assert geldende_versie(UITNODIGING, zevenaar) == v2
    assert Brieftekst.objects.get(pk=v1.pk).status == BrieftekstStatus.GEPUBLICEERD
    # Other gemeenten and other letters keep theirs.
    assert geldende_versie(WAARSCHUWING, zevenaar).versie == 1

    with pytest.raises(ValidationError) as fout:
        publiceren(v2, functioneel_beheerder)
    assert "intussen gepubliceerd" in fout.value.messages[0]

    v3 = openen(UITNODIGING, zevenaar, functioneel_beheerder)
    assert v3.versie == 3 and v3.inleiding == v2.inleiding


def test_saving_over_somebody_elses_change_is_refused_and_changes_nothing(
    zevenaar, functioneel_beheerder
):
    collega = UserFactory(role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[zevenaar])
    with freeze_time(VANDAAG) as klok:
        concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
        geopend = concept.gewijzigd_op.isoformat()
        klok.tick(dt.timedelta(minutes=5))
        opslaan(concept, collega, inleiding="Beste {naam}, van de collega.")
        voor = ongewijzigd(concept)
        klok.tick(dt.timedelta(minutes=5))

        with pytest.raises(ValidationError) as fout:
            opslaan(
                concept,
                functioneel_beheerder,
                gewijzigd_op=geopend,
                inleiding="Beste {naam}, van mij.",
            )
        assert fout.value.messages[0].startswith(IEMAND_ANDERS)
        with pytest.raises(ValidationError) as fout:
            service.publiceren(
                concept, gewijzigd_op=geopend, acting_user=functioneel_beheerder
            )
        assert fout.value.messages[0].startswith(IEMAND_ANDERS)
        with pytest.raises(ValidationError) as fout:
            service.concept_weggooien(concept, gewijzigd_op=geopend)
        assert fout.value.messages[0].startswith(IEMAND_ANDERS)
    assert ongewijzigd(concept) == voor
    assert voor[0] == "Beste {naam}, van de collega."


def test_the_page_refuses_a_save_over_somebody_elses_change(
    client_for, zevenaar, functioneel_beheerder
):
    with freeze_time(VANDAAG) as klok:
        concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
        geopend = concept.gewijzigd_op.isoformat()
        klok.tick(dt.timedelta(minutes=5))
        opslaan(concept, functioneel_beheerder, inleiding="Beste {naam}, eerst.")
        voor = ongewijzigd(concept)
        response = client_for(functioneel_beheerder).post(
            reverse("pip_plans:brieftekst", args=[concept.pk]),
            {
                "inleiding": "Beste {naam}, daarna.",
                "slot": concept.slot,
                "toelichting": "Later",
                "gewijzigd_op": geopend,
            },
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert IEMAND_ANDERS in html
    assert "Beste {naam}, daarna." in html
    assert ongewijzigd(concept) == voor


# --- Traceability: a letter names its version ---------------------------------------------


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_an_uitnodiging_keeps_the_version_it_was_written_with(
    zevenaar, casusregisseur, functioneel_beheerder
):
    v1 = geldende_versie(UITNODIGING, zevenaar)
    eerste = uitnodiging(met_adres(zevenaar, casusregisseur), casusregisseur)
    assert eerste.brieftekst == v1
    assert NIEUWE_ZIN not in pdf_text(eerste)

    v2 = gepubliceerd(
        UITNODIGING,
        zevenaar,
        functioneel_beheerder,
        inleiding=f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
    )
    tweede = uitnodiging(met_adres(zevenaar, casusregisseur), casusregisseur)
    assert tweede.brieftekst == v2
    text = pdf_text(tweede)
    assert NIEUWE_ZIN in text
    assert "Uw afspraak" in text  # the letter's fixed part stays
    eerste.refresh_from_db()
    assert eerste.brieftekst == v1
    assert NIEUWE_ZIN not in pdf_text(eerste)
    assert list(v1.brieven.all()) == [eerste] and list(v2.brieven.all()) == [tweede]


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_waarschuwing_is_written_with_its_own_gemeentes_version(
    zevenaar, duiven, dossier, casusregisseur, functioneel_beheerder
):
    v2 = gepubliceerd(
        WAARSCHUWING,
        zevenaar,
        functioneel_beheerder,
        slot=f"## Vragen?\n{NIEUWE_ZIN} Bel {{telefoon}}.",
    )
    gepubliceerd(
        WAARSCHUWING,
        duiven,
        duiven_beheerder(duiven),
        slot="## Vragen?\nDeze zin is van Duiven.",
    )
    zaak = nieuwe_zaak(dossier, casusregisseur)
    brief = waarschuwing_versturen(
        zaak=zaak, versie=zaak.versie, acting_user=casusregisseur
    )
    brief.refresh_from_db()
    assert brief.brieftekst == v2
    text = pdf_text(brief)
    assert f"{NIEUWE_ZIN} Bel {zevenaar.telefoon}." in text
    assert "Deze zin is van Duiven." not in text
    assert "geen bezwaar" in text  # the fixed legal part stays


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_a_pip_beschikking_names_the_version_it_was_written_with(
    zevenaar, dossier_klaar, casusregisseur, functioneel_beheerder
):
    v2 = gepubliceerd(
        PIP_BESCHIKKING,
        zevenaar,
        functioneel_beheerder,
        inleiding=f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
    )
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    beschikking.refresh_from_db()
    assert beschikking.brieftekst == v2
    text = pdf_text(beschikking)
    assert f"Beste {dossier_klaar.naam}, {NIEUWE_ZIN}" in text
    assert "Ons besluit" in text  # the fixed part stays


# --- Pages --------------------------------------------------------------------------------


def test_the_list_shows_every_kind_of_the_users_gemeenten(
    client_for, zevenaar, duiven, functioneel_beheerder
):
    response = client_for(functioneel_beheerder).get(reverse("pip_plans:briefteksten"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gemeente Zevenaar" in html and "Gemeente Duiven" not in html
    for soort in SOORTEN:
        label = BrieftekstSoort(soort).label
        assert f'<th scope="row">{label}</th>' in html
        url = reverse(
            "pip_plans:brieftekst", args=[geldende_versie(soort, zevenaar).pk]
        )
        assert f'href="{url}">versie 1</a>' in html
    assert html.count('name="soort"') == len(SOORTEN)


def test_a_casusregisseur_gets_403_on_every_page(client_for, zevenaar, casusregisseur):
    client = client_for(casusregisseur)
    versie = geldende_versie(UITNODIGING, zevenaar)
    assert status_code(client, "briefteksten") == 403
    assert status_code(client, "brieftekst", versie.pk) == 403
    assert status_code(client, "brieftekst_voorbeeld", versie.pk, post={}) == 403
    openen_data = {"gemeente": zevenaar.pk, "soort": UITNODIGING}
    assert status_code(client, "brieftekst_openen", post=openen_data) == 403
    assert not Brieftekst.objects.filter(status=BrieftekstStatus.CONCEPT).exists()


def test_another_gemeentes_texts_are_404(
    client_for, zevenaar, duiven, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    gepubliceerde = geldende_versie(UITNODIGING, duiven)
    concept = openen(WAARSCHUWING, duiven, duiven_beheerder(duiven))
    voor = ongewijzigd(concept)
    for versie in (gepubliceerde, concept):
        assert status_code(client, "brieftekst", versie.pk) == 404
        assert status_code(client, "brieftekst_voorbeeld", versie.pk, post={}) == 404
    gewijzigd_op = concept.gewijzigd_op.isoformat()
    opslaan_data = {
        "inleiding": "Beste {naam}, gekaapt.",
        "slot": concept.slot,
        "toelichting": "x",
        "gewijzigd_op": gewijzigd_op,
    }
    assert status_code(client, "brieftekst", concept.pk, post=opslaan_data) == 404
    for naam in ("brieftekst_publiceren", "brieftekst_weggooien"):
        data = {"gewijzigd_op": gewijzigd_op, "voorbeeld_gezien": "on"}
        assert status_code(client, naam, concept.pk, post=data) == 404
    assert ongewijzigd(concept) == voor

    openen_data = {"gemeente": duiven.pk, "soort": UITNODIGING}
    assert status_code(client, "brieftekst_openen", post=openen_data) == 404
    assert not Brieftekst.objects.filter(
        gemeente=duiven, soort=UITNODIGING, status=BrieftekstStatus.CONCEPT
    ).exists()


def test_openen_refuses_a_letter_without_a_kept_text(
    client_for, zevenaar, functioneel_beheerder
):
    response = client_for(functioneel_beheerder).post(
        reverse("pip_plans:brieftekst_openen"),
        {"gemeente": zevenaar.pk, "soort": BriefSoort.OVERDRACHT},
    )
    assert response.status_code == 404
    assert not Brieftekst.objects.filter(soort=BriefSoort.OVERDRACHT).exists()


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_open_voorbeeld_and_publish_through_the_pages(
    client_for, zevenaar, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    response = client.post(
        reverse("pip_plans:brieftekst_openen"),
        {"gemeente": zevenaar.pk, "soort": UITNODIGING},
    )
    concept = Brieftekst.objects.get(status=BrieftekstStatus.CONCEPT)
    assert response.status_code == 302
    assert response["Location"] == reverse("pip_plans:brieftekst", args=[concept.pk])
    pagina = reverse("pip_plans:brieftekst", args=[concept.pk])
    html = client.get(pagina).content.decode()
    assert "Het voorbeeld van deze tekst is nog niet bekeken." in html
    assert "{afspraak_datum}" in html and "{boetebedrag}" not in html

    response = client.post(
        pagina,
        {
            "inleiding": f"Beste {{naam}},\n\n{NIEUWE_ZIN}",
            "slot": concept.slot,
            "toelichting": "Kortere zinnen.",
            "gewijzigd_op": concept.gewijzigd_op.isoformat(),
        },
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    gewijzigd_op = concept.gewijzigd_op.isoformat()
    publiceer_url = reverse("pip_plans:brieftekst_publiceren", args=[concept.pk])

    response = client.post(publiceer_url, {"gewijzigd_op": gewijzigd_op})
    assert response.status_code == 400
    assert "Bekijk eerst het voorbeeld en vink dit aan." in response.content.decode()
    response = client.post(
        publiceer_url, {"gewijzigd_op": gewijzigd_op, "voorbeeld_gezien": "on"}
    )
    assert response.status_code == 400
    assert NIET_GEZIEN in response.content.decode()
    assert Brieftekst.objects.get(pk=concept.pk).status == BrieftekstStatus.CONCEPT

    response = client.post(reverse("pip_plans:brieftekst_voorbeeld", args=[concept.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in cache_control(response)
    assert response.content.startswith(b"%PDF")
    assert NIEUWE_ZIN in pdf_bytes_text(response.content)
    concept.refresh_from_db()
    assert concept.voorbeeld_op == dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC)
    assert "Voorbeeld van deze tekst bekeken op" in client.get(pagina).content.decode()

    response = client.post(
        publiceer_url, {"gewijzigd_op": gewijzigd_op, "voorbeeld_gezien": "on"}
    )
    assert response.status_code == 302
    assert geldende_versie(UITNODIGING, zevenaar) == concept

    # A published version is read, not edited.
    voor = ongewijzigd(concept)
    response = client.post(
        pagina,
        {
            "inleiding": "Beste {naam}, toch nog anders.",
            "slot": concept.slot,
            "toelichting": "x",
            "gewijzigd_op": gewijzigd_op,
        },
        follow=True,
    )
    assert "Een gepubliceerde versie verandert niet." in response.content.decode()
    assert ongewijzigd(concept) == voor


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_the_voorbeeld_of_a_published_version_changes_nothing(
    client_for, zevenaar, functioneel_beheerder
):
    versie = geldende_versie(BrieftekstSoort.BOETEBESCHIKKING, zevenaar)
    voor = ongewijzigd(versie)
    response = client_for(functioneel_beheerder).post(
        reverse("pip_plans:brieftekst_voorbeeld", args=[versie.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in cache_control(response)
    assert ongewijzigd(versie) == voor


def test_the_list_page_queries_do_not_grow_with_gemeenten_or_versions(
    client_for, zevenaar, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    url = reverse("pip_plans:briefteksten")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200

    anderen = [gemeente("Duiven"), gemeente("Westervoort")]
    functioneel_beheerder.gemeenten.add(*anderen)
    for g in (zevenaar, *anderen):
        for soort in SOORTEN[:3]:
            openen(soort, g, functioneel_beheerder)
    with CaptureQueriesContext(connection) as drie:
        response = client.get(url)
    html = response.content.decode()
    assert "Gemeente Westervoort" in html and "Gemeente Duiven" in html
    assert html.count("Concept bewerken") == 9
    assert len(drie) == len(een), [q["sql"] for q in drie.captured_queries]


@freeze_time(VANDAAG)
def test_a_voorbeeld_for_an_incomplete_letterhead_goes_back_with_the_message(
    client_for, zevenaar, functioneel_beheerder
):
    concept = openen(UITNODIGING, zevenaar, functioneel_beheerder)
    Gemeente.objects.filter(pk=zevenaar.pk).update(telefoon="")
    client = client_for(functioneel_beheerder)
    response = client.post(reverse("pip_plans:brieftekst_voorbeeld", args=[concept.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("pip_plans:brieftekst", args=[concept.pk])
    html = client.get(response["Location"]).content.decode()
    assert (
        "De brief kan niet worden gemaakt: het briefhoofd van de gemeente Zevenaar "
        "is niet compleet. Functioneel beheer moet nog invullen: telefoon."
    ) in html
    assert Brieftekst.objects.get(pk=concept.pk).voorbeeld_op is None
