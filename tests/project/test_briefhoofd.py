"""A letterhead per gemeente (issue 20 item 1): the logo checked on its bytes and
refused when it could run a script or reach outside itself; a letter refused while
the letterhead is incomplete, naming what is missing; every letter in the dossier's
gemeente's name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from intake.demo.data import DEMO_LOGOS
from tests.project.test_pdf import pdf_text
from zevenaar_inburgering import pdf
from zevenaar_inburgering.accounts.admin import GemeenteForm
from zevenaar_inburgering.accounts.logo import logo_type
from zevenaar_inburgering.accounts.models import GemeenteLogo

SVG = DEMO_LOGOS["Duiven"]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def svg(inhoud: str, **attributen) -> bytes:
    extra = "".join(f' {k.replace("_", ":")}="{v}"' for k, v in attributen.items())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink"{extra}>{inhoud}</svg>'
    ).encode()


def test_an_svg_and_a_png_are_logos():
    assert logo_type(SVG) == "image/svg+xml"
    assert logo_type(PNG) == "image/png"
    assert logo_type(svg('<rect fill="url(#verloop)"/><use xlink:href="#a"/>'))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (svg("<script>alert(1)</script>"), "script"),
        (svg('<rect onclick="alert(1)"/>'), "script"),
        (svg("<foreignObject><p>html</p></foreignObject>"), "script"),
        (svg('<image href="https://tracker.example/p.png"/>'), "script"),
        (svg('<use xlink:href="file:///etc/passwd#a"/>'), "extern"),
        (svg('<rect style="fill: url(https://x.example/a)"/>'), "extern"),
        (svg("<style>@import 'https://x.example/a.css';</style>"), "script"),
        # The review's cases: escapes, animation, foreign attributes, links.
        (
            svg(r"<style>@font-face{src:\75rl(https://x.example/f.woff)}</style>"),
            "script",
        ),
        (svg(r'<rect style="fill:u\72l(https://x.example/a)"/>'), "extern"),
        (svg('<set attributeName="href" to="javascript:alert(1)"/>'), "script"),
        (
            svg('<animate attributeName="xlink:href" values="https://x.example"/>'),
            "script",
        ),
        (svg('<a href="javascript:alert(1)"><rect/></a>'), "script"),
        (svg("<rect/>", xml_base="https://x.example/"), "extern"),
        (svg('<rect fill="url(https://x.example/p)"/>'), "extern"),
        (svg("<g>" + "<rect/>" * 2001 + "</g>"), "te_groot"),
        (PNG[:16] + (5000).to_bytes(4, "big") + PNG[20:], "te_groot"),
        (b'<?xml-stylesheet href="https://x.example/a.css"?>' + svg(""), "extern"),
        (
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + svg("<text>&x;</text>"),
            "doctype",
        ),
        (b"%PDF-1.7\n...", "geen_logo"),  # a PDF renamed to .png
        (b"MZ\x90\x00\x03", "geen_logo"),  # an executable
        (b"<html><body>geen svg</body></html>", "geen_logo"),
        (SVG + b" " * (512 * 1024), "te_groot"),
    ],
)
def test_a_logo_that_could_act_or_reach_out_is_refused(data, code):
    with pytest.raises(ValidationError) as fout:
        logo_type(data)
    assert fout.value.code == code
    assert fout.value.message  # a Dutch sentence for the form


@pytest.mark.django_db
def test_the_beheer_form_stores_a_good_logo_and_refuses_a_bad_one(duiven):
    gegevens = {veld: getattr(duiven, veld) for veld in GemeenteForm._meta.fields} | {
        "teamleider": ""
    }
    slecht = GemeenteForm(
        gegevens,
        {"logo_bestand": SimpleUploadedFile("logo.png", svg("<script/>"))},
        instance=duiven,
    )
    assert not slecht.is_valid()
    assert "script" in slecht.errors["logo_bestand"][0]
    assert bytes(GemeenteLogo.objects.get(gemeente=duiven).data) == SVG  # unchanged

    goed = GemeenteForm(
        gegevens, {"logo_bestand": SimpleUploadedFile("logo.svg", PNG)}, instance=duiven
    )
    assert goed.is_valid(), goed.errors
    goed.save()
    logo = GemeenteLogo.objects.get(gemeente=duiven)
    assert (bytes(logo.data), logo.content_type) == (PNG, "image/png")


@pytest.mark.django_db
def test_an_incomplete_letterhead_names_what_is_missing(duiven):
    assert duiven.briefhoofd_fout() == ""
    duiven.bezwaaradres = ""
    GemeenteLogo.objects.filter(gemeente=duiven).delete()
    assert duiven.briefhoofd_ontbreekt() == ["logo", "adres voor bezwaar"]
    assert duiven.briefhoofd_fout().endswith(
        "Functioneel beheer moet nog invullen: logo en adres voor bezwaar."
    )


@pytest.mark.django_db
@pytest.mark.pdf
def test_a_letter_carries_its_gemeente_s_logo_address_and_signer(duiven, monkeypatch):
    fetchers = []

    def bewaar(bronnen=None):
        fetchers.append(pdf.SafeURLFetcher(bronnen))
        return fetchers[-1]

    monkeypatch.setattr(pdf, "safe_url_fetcher", bewaar)
    data = pdf.render_pdf(
        "pdf/base.html",
        {"gemeente": duiven, "ondertekenaar": duiven.ondertekenaar},
        title="Brief",
    )
    assert pdf.LOGO_URL in fetchers[0].served  # Duiven's logo, from memory
    assert fetchers[0].refused == []
    tekst = " ".join(pdf_text(data).split())
    for verwacht in (
        "Gemeente Duiven",
        "Eilandplein 99, 6921 ZZ Duiven",
        "Postbus 9991, 6920 ZZ Duiven",
        "026 999 1000",
        "R. Hendriksen",
        "Duiven,",  # the place in the date line
    ):
        assert verwacht in tekst, verwacht
    assert "Zevenaar" not in tekst
