"""Issue 17: under the Wet inburgering 2013 there is no PIP, so no PIP deadline. A
Wi2013 dossier kept the deadline the Wi2021 rule computed and showed as "te laat";
it is cleared here (refresh_pip_deadline keeps it cleared)."""

from django.db import migrations


def deadline_wissen(apps, schema_editor):
    Inburgeraar = apps.get_model("intake", "Inburgeraar")
    Inburgeraar.objects.filter(wet_regime="wi2013", pip_deadline__isnull=False).update(
        pip_deadline=None
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0009_gebeurtenis_soort_per_app")]

    operations = [migrations.RunPython(deadline_wissen, migrations.RunPython.noop)]
