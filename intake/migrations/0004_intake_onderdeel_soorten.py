"""The default checklist of the brede intake beyond the three statutory parts
(DOMAIN.md §2: the topics often named; the list in the Besluit was not seen [U]).
Functioneel beheer changes it in the admin afterwards."""

from django.db import migrations

STANDAARD = [
    ("gezinssituatie", "Gezinssituatie"),
    ("financiele-situatie", "Financiële situatie"),
    ("participatiemogelijkheden", "Participatiemogelijkheden"),
    ("maatschappelijke-begeleiding", "Maatschappelijke begeleiding"),
    ("talenten-en-wensen", "Talenten en wensen"),
    ("kinderopvang", "Kinderopvang"),
]


def add_defaults(apps, schema_editor):
    Soort = apps.get_model("intake", "IntakeOnderdeelSoort")
    for volgorde, (code, naam) in enumerate(STANDAARD, start=1):
        Soort.objects.get_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde * 10}
        )


def remove_unused_defaults(apps, schema_editor):
    Soort = apps.get_model("intake", "IntakeOnderdeelSoort")
    Onderdeel = apps.get_model("intake", "IntakeOnderdeel")
    used = Onderdeel.objects.values("soort_id")
    Soort.objects.filter(code__in=[code for code, _ in STANDAARD]).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_brede_intake"),
    ]

    operations = [
        migrations.RunPython(add_defaults, remove_unused_defaults),
    ]
