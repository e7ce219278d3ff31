"""The gemeente's logo on its letters (issue 20): an SVG or a PNG that functioneel
beheer uploads, checked on its bytes (never on its name).

An SVG is XML that a renderer acts on, so an SVG logo may hold only drawing: the
elements and attributes of ALLOWED_ELEMENTS, references only inside itself
(`href="#id"`, `url(#id)`), and no CSS of its own beyond plain style declarations.
Anything else (a script, an event attribute, an animation that sets an href, a
<style> sheet with escapes or @-rules, a DOCTYPE or entity, a processing
instruction, xml:base, a reference to another file or site) is refused with a
message, not cleaned: a logo that needs cleaning is not the logo as designed. The
PDF fetcher (zevenaar_inburgering/pdf.py) would refuse any outside reference too.
A PNG is checked by its signature and its size in pixels.
"""

import re
import struct
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ValidationError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_PIXELS = 4000  # per side: a small file may decode to a huge image
LOGO_MAX_ELEMENTS = 2000  # a logo is a few dozen shapes; bounds the render work
PNG_HANDTEKENING = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse",
        "line", "polyline", "polygon", "text", "tspan", "lineargradient",
        "radialgradient", "stop", "clippath", "mask", "use", "symbol",
    }
)  # fmt: skip
# url(#id) points inside the logo; every other url(, an escape or an @-rule does not.
BUITEN_DE_LOGO = re.compile(r"url\(\s*(?!['\"]?#)|\\|@|javascript:", re.IGNORECASE)
# The XML declaration is the only processing instruction a logo needs.
VERWERKINGSINSTRUCTIE = re.compile(rb"<\?(?!xml\s)", re.IGNORECASE)


def logo_type(data: bytes) -> str:
    """The logo's content type ("image/png" or "image/svg+xml"), or a
    ValidationError in Dutch saying why it cannot be a logo."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            "Het logo is te groot: het mag hoogstens 512 kB zijn.", code="te_groot"
        )
    if data.startswith(PNG_HANDTEKENING) and data[12:16] == b"IHDR":
        breedte, hoogte = struct.unpack(">II", data[16:24])
        if not 0 < breedte <= LOGO_MAX_PIXELS or not 0 < hoogte <= LOGO_MAX_PIXELS:
            raise ValidationError(
                "Het logo is te groot: hoogstens 4000 bij 4000 pixels.",
                code="te_groot",
            )
        return "image/png"
    _controleer_svg(data)
    return "image/svg+xml"


def _controleer_svg(data: bytes) -> None:
    if VERWERKINGSINSTRUCTIE.search(data):
        raise _extern()
    try:
        wortel = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ValidationError(
            "Het logo bevat een DOCTYPE of entiteiten; sla het op als gewone SVG.",
            code="doctype",
        ) from None
    except (ParseError, ValueError):
        raise _geen_logo() from None
    if wortel.tag != f"{{{SVG_NS}}}svg":
        raise _geen_logo()
    elementen = list(wortel.iter())
    if len(elementen) > LOGO_MAX_ELEMENTS:
        raise ValidationError(
            "Het logo is te ingewikkeld: sla het eenvoudiger op.", code="te_groot"
        )
    for element in elementen:
        namespace, _, naam = element.tag.rpartition("}")
        if namespace != f"{{{SVG_NS}" or naam.lower() not in ALLOWED_ELEMENTS:
            raise ValidationError(
                f"Het logo bevat <{naam}>; een logo mag alleen vormen en tekst "
                "bevatten (geen script, animatie, stylesheet of ingesloten inhoud).",
                code="script",
            )
        for attribuut, waarde in element.attrib.items():
            _controleer_attribuut(attribuut, waarde)


def _controleer_attribuut(attribuut: str, waarde: str) -> None:
    namespace, _, naam = attribuut.rpartition("}")
    naam = naam.lower()
    if naam.startswith("on") or naam == "attributename":
        raise ValidationError(
            "Het logo bevat een script (een on…-attribuut); dat mag niet in een logo.",
            code="script",
        )
    if namespace and namespace != f"{{{XLINK_NS}":
        raise _extern()  # xml:base and every other foreign attribute
    if naam == "href" and not waarde.strip().startswith("#"):
        raise _extern()
    if BUITEN_DE_LOGO.search(waarde):
        raise _extern()


def _geen_logo() -> ValidationError:
    return ValidationError(
        "Het logo moet een SVG- of PNG-bestand zijn.", code="geen_logo"
    )


def _extern() -> ValidationError:
    return ValidationError(
        "Het logo verwijst naar een ander bestand of een website; een logo moet op "
        "zichzelf staan.",
        code="extern",
    )
