"""Issue 17: the residence permit as a fact of its own (Pw art. 56a ontzorgen is for
holders of an asylum permit, DOMAIN.md §13.5).

Existing dossiers: an asielstatushouder (the doelgroep DUO reports) holds an asylum
permit, so it gets ASIEL; whether it is a derived one (nareiziger) makes no
difference for 56a, and the casusregisseur can correct it. Everyone else starts as
ONBEKEND: a family member of an asielstatushouder (gezinsvormer/gezinshereniger met
asielstatushouder) may hold a regular permit or, as a nareiziger, a derived asylum
permit, and the doelgroep does not tell which, so it is not guessed. Such a dossier
can start no new ontzorgen until the permit is recorded; ontzorgen already started
is not changed. The rule is written out here, not imported
(intake.models.verblijfsvergunning_bij_doelgroep), so the migration keeps meaning
what it meant when it ran.
"""

from django.db import migrations, models


def vergunning_vastleggen(apps, schema_editor):
    Inburgeraar = apps.get_model("intake", "Inburgeraar")
    Inburgeraar.objects.filter(doelgroep="asielstatushouder").update(
        verblijfsvergunning="asiel"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0010_geen_pip_deadline_wi2013"),
    ]

    operations = [
        migrations.AddField(
            model_name="inburgeraar",
            name="verblijfsvergunning",
            field=models.CharField(
                choices=[
                    ("asiel", "Asielvergunning"),
                    ("asiel_afgeleid", "Afgeleide asielvergunning (nareiziger)"),
                    ("regulier", "Reguliere verblijfsvergunning"),
                    ("onbekend", "Onbekend"),
                ],
                default="onbekend",
                help_text="Financieel ontzorgen (Participatiewet art. 56a) alleen bij een asielvergunning, ook een afgeleide (nareiziger).",
                max_length=20,
            ),
        ),
        migrations.RunPython(vergunning_vastleggen, migrations.RunPython.noop),
    ]
