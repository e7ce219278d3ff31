"""The letter texts functioneel beheer keeps (issue 20 item 2): which letters have
one, the placeholders a text may use, the standard texts, and how a text becomes
HTML in a letter.

A text is not a template. It is plain text with a small layout (a blank line
starts a paragraph, "## " a heading, "- " a bullet) and placeholders such as
{naam}. Everything is escaped: HTML, "{{ settings.SECRET_KEY }}" and "{% load %}"
print as typed. A placeholder reads one value from a fixed list, never an
attribute path; a text with a name outside the list cannot be saved. So a text can
show nothing but what the letter's own list offers."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zevenaar_inburgering.nl import datum_tekst, euro, opsomming

from .models import Brieftekst, BrieftekstSoort, Inburgeringstermijn
from .selectors import geldende_pip

# The letters whose wording functioneel beheer keeps (models.BrieftekstSoort).
SOORTEN = tuple(BrieftekstSoort)
# The two parts of a letter a version holds (the model's fields).
BLOKKEN = ("inleiding", "slot")

PLAATSHOUDER = re.compile(r"\{([a-z_]+)\}")
# Anything that looks like a placeholder, to refuse a misspelt one on save:
# "{Naam}", "{ naam }" or "{afspraak-datum}" would otherwise print as typed.
BIJNA_PLAATSHOUDER = re.compile(r"\{\s*([A-Za-z][A-Za-z_-]*)\s*\}")


@dataclass(frozen=True)
class Plaatshouder:
    naam: str
    omschrijving: str
    waarde: Callable[[dict], object]

    @property
    def code(self) -> str:
        return "{" + self.naam + "}"


def _datum(sleutel: str, attribuut: str | None = None):
    def waarde(context):
        bron = context[sleutel]
        dag = getattr(bron, attribuut) if attribuut else bron
        return datum_tekst(dag) if dag else ""

    return waarde


def _bedrag(sleutel: str, attribuut: str | None = None):
    def waarde(context):
        bron = context[sleutel]
        bedrag = getattr(bron, attribuut) if attribuut else bron
        return euro(bedrag) if bedrag is not None else ""

    return waarde


def _casusregisseur(context) -> str:
    casusregisseur = context["inburgeraar"].casusregisseur
    return (
        f"uw casusregisseur, {casusregisseur}"
        if casusregisseur
        else ("uw casusregisseur")
    )


def _afspraak_tijd(context) -> str:
    tijd = context["afspraak_tijd"]
    return f"{tijd:%H:%M} uur" if tijd else "een tijd die wij nog met u afspreken"


def _leerroute(context) -> str:
    """The leerroute of the PIP in force: in its beschikking, the PIP's own; a
    voorbeeld gives its own."""
    if "leerroute" in context:
        return context["leerroute"]
    if "pip" in context:
        return context["pip"].get_leerroute_display() or "nog niet vastgesteld"
    pip = geldende_pip(context["inburgeraar"])
    return (
        pip.get_leerroute_display()
        if pip and pip.leerroute
        else ("nog niet vastgesteld")
    )


def _termijn_einde(context) -> str:
    """The last day of the inburgeringstermijn, with DUO's verlengingen; a
    voorbeeld gives its own."""
    if "termijn_einde" in context:
        einde = context["termijn_einde"]
    else:
        termijn = Inburgeringstermijn.objects.filter(
            inburgeraar=context["inburgeraar"]
        ).first()
        einde = termijn.einddatum if termijn else None
    return datum_tekst(einde) if einde else "nog niet begonnen"


ALGEMEEN = (
    Plaatshouder("naam", "naam van de inburgeraar", lambda c: c["inburgeraar"].naam),
    Plaatshouder("gemeente", "naam van de gemeente", lambda c: c["gemeente"].naam),
    Plaatshouder(
        "casusregisseur",
        "‘uw casusregisseur’, met de naam als die bekend is",
        _casusregisseur,
    ),
    Plaatshouder(
        "telefoon", "telefoonnummer van de gemeente", lambda c: c["gemeente"].telefoon
    ),
    Plaatshouder("website", "website van de gemeente", lambda c: c["gemeente"].website),
    Plaatshouder(
        "bezoekadres",
        "bezoekadres van de gemeente",
        lambda c: c["gemeente"].bezoekadres,
    ),
    Plaatshouder("kenmerk", "kenmerk van deze brief", lambda c: c["kenmerk"]),
    Plaatshouder("dagtekening", "datum van de brief", _datum("dagtekening")),
    Plaatshouder("verzenddatum", "dag van verzending", _datum("verzenddatum")),
)
_OVERTREDING = (
    Plaatshouder(
        "overtreding", "de overtreding", lambda c: c["zaak"].get_overtreding_display()
    ),
    Plaatshouder(
        "datum_overtreding",
        "datum van de overtreding",
        _datum("zaak", "datum_overtreding"),
    ),
)
# The route and its term: letters after the PIP.
_ROUTE = (
    Plaatshouder("leerroute", "leerroute uit het geldende PIP", _leerroute),
    Plaatshouder(
        "termijn_einde",
        "laatste dag van de inburgeringstermijn (met verlengingen)",
        _termijn_einde,
    ),
)
_MAXIMUM = Plaatshouder(
    "maximum_boete", "hoogste boete voor deze overtreding", _bedrag("maximum")
)
_BEZWAAR_UITERLIJK = Plaatshouder(
    "bezwaar_uiterlijk",
    "laatste dag om bezwaar te maken (zes weken na verzending)",
    _datum("bezwaar_deadline"),
)
EIGEN = {
    BrieftekstSoort.PIP_BESCHIKKING: (*_ROUTE, _BEZWAAR_UITERLIJK),
    BrieftekstSoort.UITNODIGING_INTAKE: (
        Plaatshouder(
            "afspraak_datum", "datum van de afspraak", _datum("afspraak_datum")
        ),
        Plaatshouder("afspraak_tijd", "tijd van de afspraak", _afspraak_tijd),
        Plaatshouder(
            "afspraak_plaats", "plaats van de afspraak", lambda c: c["afspraak_plaats"]
        ),
    ),
    BrieftekstSoort.ONTZORGINGSBESCHIKKING: (
        Plaatshouder(
            "startdatum",
            "eerste dag van het ontzorgen",
            _datum("ontzorging", "startdatum"),
        ),
        Plaatshouder(
            "einddatum",
            "laatste dag van het ontzorgen",
            _datum("ontzorging", "einddatum"),
        ),
        _BEZWAAR_UITERLIJK,
        *_ROUTE,
    ),
    BrieftekstSoort.WAARSCHUWING: (*_OVERTREDING, _MAXIMUM, *_ROUTE),
    BrieftekstSoort.VOORNEMEN: (
        *_OVERTREDING,
        _MAXIMUM,
        Plaatshouder(
            "voorgenomen_bedrag",
            "boete die wij van plan zijn",
            _bedrag("zaak", "voorgenomen_bedrag"),
        ),
        Plaatshouder(
            "zienswijze_tot",
            "laatste dag voor de zienswijze",
            _datum("zaak", "zienswijze_tot"),
        ),
        *_ROUTE,
    ),
    BrieftekstSoort.RAPPORT: (
        *_OVERTREDING,
        Plaatshouder(
            "rapport_datum", "datum van het rapport", _datum("zaak", "rapport_op")
        ),
    ),
    BrieftekstSoort.BOETEBESCHIKKING: (
        *_OVERTREDING,
        Plaatshouder("boetebedrag", "de boete", _bedrag("zaak", "boetebedrag")),
        _BEZWAAR_UITERLIJK,
        *_ROUTE,
    ),
    BrieftekstSoort.BESLISSING_OP_BEZWAAR: (
        Plaatshouder(
            "bezwaar_ontvangen_op",
            "dag dat het bezwaar binnenkwam",
            _datum("bezwaar", "ontvangen_op"),
        ),
        Plaatshouder(
            "beroep_uiterlijk",
            "laatste dag om in beroep te gaan (zes weken na verzending)",
            _datum("bezwaar_deadline"),
        ),
    ),
}


def geldende_versie(soort: str, gemeente) -> Brieftekst | None:
    """The published version in force: the last one published."""
    return (
        Brieftekst.objects.gepubliceerd()
        .filter(soort=soort, gemeente=gemeente)
        .order_by("-versie")
        .first()
    )


def plaatshouders(soort: str) -> dict[str, Plaatshouder]:
    """The placeholders a text of this kind of letter may use, by name."""
    return {p.naam: p for p in (*ALGEMEEN, *EIGEN[BrieftekstSoort(soort)])}


def plaatshouder_fout(tekst: str, soort: str) -> str:
    """Why this text cannot be saved for this kind of letter ("" when it can): a
    placeholder outside the list, named, with the list."""
    toegestaan = plaatshouders(soort)
    onbekend = sorted(
        {
            m.group(0)
            for m in BIJNA_PLAATSHOUDER.finditer(tekst)
            if m.group(0) != "{" + m.group(1) + "}" or m.group(1) not in toegestaan
        }
    )
    if not onbekend:
        return ""
    return (
        f"Deze invulvelden bestaan niet voor deze brief: {opsomming(onbekend)}. "
        f"U kunt gebruiken: {', '.join(p.code for p in toegestaan.values())}."
    )


def _invullen(regel: str, waarden: dict[str, str]) -> str:
    """One line, escaped, with each placeholder replaced by its escaped value."""
    delen = []
    positie = 0
    for m in PLAATSHOUDER.finditer(regel):
        delen.append(escape(regel[positie : m.start()]))
        # A name outside the list (saved before the list changed) prints as typed.
        delen.append(escape(waarden.get(m.group(1), m.group(0))))
        positie = m.end()
    delen.append(escape(regel[positie:]))
    return "".join(delen)


def _regelsoort(regel: str) -> str:
    if regel.startswith("## "):
        return "kop"
    return "lijst" if regel.startswith("- ") else "tekst"


def tekst_html(tekst: str, soort: str, context: dict) -> SafeString:
    """The text as HTML for the letter: paragraphs, "## " headings and "- "
    bullets, every character escaped, placeholders filled from `context` (the
    letter's context, see brieven.brief_opmaken). Only the placeholders the text
    uses are read."""
    lijst = plaatshouders(soort)
    gebruikt = {m.group(1) for m in PLAATSHOUDER.finditer(tekst)} & lijst.keys()
    waarden = {naam: str(lijst[naam].waarde(context)) for naam in gebruikt}
    html = []
    for alinea in re.split(r"\n\s*\n", tekst.replace("\r\n", "\n").strip()):
        # Within a paragraph: a "## " line is a heading, a run of "- " lines a
        # list, a run of other lines one paragraph with line breaks.
        regels = [r.strip() for r in alinea.strip().split("\n")]
        for regelsoort, groep in groupby(regels, key=_regelsoort):
            groep = list(groep)
            if regelsoort == "kop":
                html += [f"<h2>{_invullen(r[3:].strip(), waarden)}</h2>" for r in groep]
            elif regelsoort == "lijst":
                items = "".join(
                    f"<li>{_invullen(r[2:].strip(), waarden)}</li>" for r in groep
                )
                html.append(f"<ul>{items}</ul>")
            else:
                html.append(
                    f"<p>{'<br>'.join(_invullen(r, waarden) for r in groep)}</p>"
                )
    # Safe: every piece of text above went through escape().
    return mark_safe("\n".join(html))  # noqa: S308
