"""The gemeente's logo on its letters (issue 20): an SVG or a PNG that functioneel
beheer uploads, checked on its bytes (never on its name) and, for an SVG, refused
when it could run a script or reach anything outside itself.

An SVG is XML that a renderer may act on: a <script>, an on… event attribute, a
<foreignObject> with HTML, an href to another file or site, a url(…) or @import in a
style. None of that belongs in a logo, so a logo with any of it is refused (not
"cleaned": a logo that needs cleaning is not the gemeente's logo as designed). A
DOCTYPE is refused (defusedxml), so no entity can expand or reach a file. The PDF
fetcher (zevenaar_inburgering/pdf.py) would refuse any outside reference as well.
"""

import re
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ValidationError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

LOGO_MAX_BYTES = 512 * 1024
PNG_HANDTEKENING = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
VERBODEN_ELEMENTEN = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
)
# url(#id) points inside the logo; any other url(…) or an @import reaches out.
EXTERNE_STIJL = re.compile(r"@import|url\(\s*(?![\s'\"]*#)", re.IGNORECASE)


def logo_type(data: bytes) -> str:
    """The logo's content type ("image/png" or "image/svg+xml"), or a
    ValidationError in Dutch saying why it cannot be a logo."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            "Het logo is te groot: het mag hoogstens 512 kB zijn.", code="te_groot"
        )
    if data.startswith(PNG_HANDTEKENING) and data[12:16] == b"IHDR":
        return "image/png"
    _controleer_svg(data)
    return "image/svg+xml"


def _controleer_svg(data: bytes) -> None:
    geen_logo = ValidationError(
        "Het logo moet een SVG- of PNG-bestand zijn.", code="geen_logo"
    )
    try:
        tekst = data.decode("utf-8")
    except UnicodeDecodeError:
        raise geen_logo from None
    # A processing instruction is dropped by the parser: look for it in the text.
    if "<?xml-stylesheet" in tekst.lower():
        raise _extern()
    try:
        wortel = fromstring(tekst, forbid_dtd=True)
    except DefusedXmlException:
        raise ValidationError(
            "Het logo bevat een DOCTYPE of entiteiten; sla het op als gewone SVG.",
            code="doctype",
        ) from None
    except ParseError:
        raise geen_logo from None
    if wortel.tag != f"{SVG_NS}svg":
        raise geen_logo
    for element in wortel.iter():
        naam = element.tag.rsplit("}", 1)[-1].lower()
        if naam in VERBODEN_ELEMENTEN:
            raise ValidationError(
                "Het logo bevat een script of ingesloten inhoud; dat mag niet in een "
                "logo.",
                code="script",
            )
        if naam == "style" and EXTERNE_STIJL.search(element.text or ""):
            raise _extern()
        for attribuut, waarde in element.attrib.items():
            attribuut = attribuut.rsplit("}", 1)[-1].lower()
            if attribuut.startswith("on"):
                raise ValidationError(
                    "Het logo bevat een script (een on…-attribuut); dat mag niet in "
                    "een logo.",
                    code="script",
                )
            if attribuut == "href" and not waarde.strip().startswith("#"):
                raise _extern()
            if EXTERNE_STIJL.search(waarde):
                raise _extern()


def _extern() -> ValidationError:
    return ValidationError(
        "Het logo verwijst naar een ander bestand of een website; een logo moet op "
        "zichzelf staan.",
        code="extern",
    )
