"""Issue 17: in the B1- and Z-route the MAP is part of the plicht (DOMAIN §13.5).
A dossier recorded as voldaan without a completed MAP is not silently changed: its
timeline gets a line asking the casusregisseur to review it, and
`manage.py voldaan_zonder_map` lists them."""

from django.db import migrations

OMSCHRIJVING = (
    "Ter controle: dit dossier staat op voldaan zonder afgeronde MAP. In de B1- en "
    "de Z-route hoort de MAP bij de inburgeringsplicht; controleer het dossier."
)


def ter_controle(apps, schema_editor):
    Afronding = apps.get_model("leerroutes", "Afronding")
    Pip = apps.get_model("pip_plans", "Pip")
    Gebeurtenis = apps.get_model("intake", "Gebeurtenis")
    for afronding in Afronding.objects.filter(
        voldaan_op__isnull=False, map_afgerond_op__isnull=True
    ):
        pip = (
            Pip.objects.filter(
                inburgeraar_id=afronding.inburgeraar_id, status="vastgesteld"
            )
            .order_by("-versie")
            .first()
        )
        if pip is not None and pip.leerroute != "onderwijs":
            Gebeurtenis.objects.create(
                inburgeraar_id=afronding.inburgeraar_id,
                soort="leerroute",
                omschrijving=OMSCHRIJVING,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("leerroutes", "0002_uren_import"),
        ("pip_plans", "0007_bezwaar_verplichte_velden"),
        ("intake", "0010_geen_pip_deadline_wi2013"),
    ]

    operations = [migrations.RunPython(ter_controle, migrations.RunPython.noop)]
