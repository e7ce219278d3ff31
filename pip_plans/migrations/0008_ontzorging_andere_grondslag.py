"""Issue 17: Pw art. 56a covers six months of ontzorgen; a longer period records
the other basis it runs on (andere_grondslag). Extensions recorded before have none
and keep it empty (no guess): the page asks for it, and no new
ontzorgingsbeschikking is made until it is recorded."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0011_verblijfsvergunning"),
        ("pip_plans", "0007_bezwaar_verplichte_velden"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="ontzorging",
            name="andere_grondslag",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pw57_budgetbeheer", "Participatiewet art. 57 (budgetbeheer)"),
                    (
                        "schuldhulpverlening",
                        "Wet gemeentelijke schuldhulpverlening (budgetbeheer)",
                    ),
                    (
                        "vrijwillig",
                        "Vrijwillig, op verzoek van de klant (met machtiging)",
                    ),
                ],
                help_text="Verplicht bij een verlenging: artikel 56a geldt zes maanden.",
                max_length=30,
                verbose_name="grondslag na de periode van art. 56a",
            ),
        ),
        migrations.AddConstraint(
            model_name="ontzorging",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("andere_grondslag", ""),
                    ("verlengd_tot__isnull", False),
                    _connector="OR",
                ),
                name="ontzorging_andere_grondslag_only_when_verlengd",
            ),
        ),
    ]
