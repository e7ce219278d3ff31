"""The seed's figures for the kwartaalrapportage (issue 6), as initial values that
functioneel beheer corrects or extends in Beheer. SPUK amounts: DOMAIN.md §10 [U]."""

from datetime import date
from decimal import Decimal

from django.db import migrations

BRON = "Beleidsplan inburgering Zevenaar"
ZEVENAAR = "0299"

# code, gemeente (CBS code or None for all), geldig_vanaf, geldig_tot, waarde
SEED = [
    ("spuk_asiel", None, date(2022, 1, 1), None, "12713"),
    ("spuk_gezin_overig", None, date(2022, 1, 1), None, "590"),
    ("aandeel_inburgeringsplichtig_pct", None, date(2021, 1, 1), None, "65"),
    ("invoeringskosten", ZEVENAAR, date(2021, 1, 1), date(2021, 12, 31), "86575"),
    (
        "uitvoeringskosten_budget",
        ZEVENAAR,
        date(2022, 1, 1),
        date(2022, 12, 31),
        "127101",
    ),
    (
        "uitvoeringskosten_budget",
        ZEVENAAR,
        date(2023, 1, 1),
        date(2023, 12, 31),
        "139826",
    ),
    # 34 in the first half of 2021, 68 in the whole year.
    ("taakstelling_huisvesting", ZEVENAAR, date(2021, 1, 1), date(2021, 6, 30), "34"),
    ("taakstelling_huisvesting", ZEVENAAR, date(2021, 7, 1), date(2021, 12, 31), "34"),
]


def seed(apps, schema_editor):
    Parameter = apps.get_model("parameters", "Parameter")
    Gemeente = apps.get_model("accounts", "Gemeente")
    for code, cbs, vanaf, tot, bedrag in SEED:
        gemeente = Gemeente.objects.filter(cbs_code=cbs).first() if cbs else None
        if cbs and gemeente is None:
            continue
        Parameter.objects.get_or_create(
            code=code,
            gemeente=gemeente,
            geldig_vanaf=vanaf,
            defaults={"geldig_tot": tot, "waarde": Decimal(bedrag), "bron": BRON},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_gemeenten"),
        ("parameters", "0004_alter_parameter_options_and_more"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
