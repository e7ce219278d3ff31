"""What the letters used before issue 20 stays on them: the postadres as the address
for a bezwaar, and Zevenaar's placeholder wordmark (static/img) as Zevenaar's logo.
The other fields (and the logos of Duiven and Westervoort) are for functioneel beheer:
until then their letters are refused with a message naming what is missing."""

from pathlib import Path

from django.conf import settings
from django.db import migrations
from django.db.models import F

ZEVENAAR_LOGO = Path(settings.BASE_DIR) / "static/img/gemeente-zevenaar-briefhoofd.svg"


def vullen(apps, schema_editor):
    Gemeente = apps.get_model("accounts", "Gemeente")
    GemeenteLogo = apps.get_model("accounts", "GemeenteLogo")
    Gemeente.objects.filter(bezwaaradres="").exclude(postadres="").update(
        bezwaaradres=F("postadres")
    )
    zevenaar = Gemeente.objects.filter(cbs_code="0299").first()
    if zevenaar is not None and ZEVENAAR_LOGO.is_file():
        GemeenteLogo.objects.get_or_create(
            gemeente=zevenaar,
            defaults={
                "data": ZEVENAAR_LOGO.read_bytes(),
                "content_type": "image/svg+xml",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_briefhoofd")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
