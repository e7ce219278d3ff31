"""Template filters for letters: `{% load brief %}`.

`{{ tekst|vrije_tekst:concept }}` marks a text the casusregisseur typed (a reason, a
toelichting) in the voorbeeld of a letter, so that a sentence written about the
person ("Mevrouw is 32 jaar…") is seen before it is sent to them (issue 20). In the
letter that is sent (`concept` false) the text is printed as it is.
"""

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def vrije_tekst(tekst, concept=False):
    if not concept or not tekst:
        return tekst
    return format_html('<mark class="vrije-tekst">{}</mark>', conditional_escape(tekst))
