from django.db import migrations

GEMEENTEN = [("0299", "Zevenaar"), ("0226", "Duiven"), ("0293", "Westervoort")]


def add_gemeenten(apps, schema_editor):
    Gemeente = apps.get_model("accounts", "Gemeente")
    for cbs_code, naam in GEMEENTEN:
        Gemeente.objects.get_or_create(cbs_code=cbs_code, defaults={"naam": naam})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add_gemeenten, migrations.RunPython.noop)]
