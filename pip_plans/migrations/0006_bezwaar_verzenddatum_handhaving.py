"""Issue 16 (Awb): every letter has its verzenddatum; the bezwaar against a fine
becomes a Bezwaar like the one against a PIP beschikking (with receipt, postmark,
timeliness and beslistermijn); the handhavingszaak records the rapport's voorschrift,
place, author and cautie, and the besluit's reasons and author.

Existing rows: a letter's verzenddatum is its dagtekening (what the letter said);
a bezwaar gets the timeliness and beslistermijn the rules give; a zaak's bezwaar
moves into a Bezwaar row against its boetebeschikking."""

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from pip_plans.rules import bezwaar_beslistermijn, bezwaar_tijdig

# The beslistermijn of Awb 7:10 without an adviescommissie, as the dated
# parameter's default (bezwaar_beslistermijn_weken).
BESLISTERMIJN_WEKEN = 6
NAZENDING_DAGEN = 7


def gegevens_overzetten(apps, schema_editor):
    Brief = apps.get_model("pip_plans", "Brief")
    Bezwaar = apps.get_model("pip_plans", "Bezwaar")
    Handhavingszaak = apps.get_model("pip_plans", "Handhavingszaak")
    # A letter never changes (trigger brief_immutable); setting the new column to
    # the dagtekening is the one exception, made here with the trigger off.
    schema_editor.execute("ALTER TABLE pip_plans_brief DISABLE TRIGGER brief_immutable")
    Brief.objects.update(verzenddatum=models.F("dagtekening"))
    schema_editor.execute("ALTER TABLE pip_plans_brief ENABLE TRIGGER brief_immutable")

    def termijnen(bezwaar, deadline):
        bezwaar.bezwaartermijn_einde = deadline
        bezwaar.tijdig = bezwaar_tijdig(
            ontvangen_op=bezwaar.ontvangen_op,
            poststempel_op=None,
            termijn_einde=deadline,
            nazending_dagen=NAZENDING_DAGEN,
        )
        bezwaar.beslistermijn = bezwaar_beslistermijn(
            deadline, weken=BESLISTERMIJN_WEKEN
        )

    for bezwaar in Bezwaar.objects.select_related("beschikking"):
        bezwaar.inburgeraar_id = bezwaar.beschikking.inburgeraar_id
        termijnen(bezwaar, bezwaar.beschikking.bezwaar_deadline)
        bezwaar.save()
    zaken = Handhavingszaak.objects.filter(bezwaar_ontvangen_op__isnull=False)
    for zaak in zaken:
        brief = Brief.objects.filter(
            handhavingszaak=zaak, soort="boetebeschikking"
        ).first()
        if brief is None:
            continue
        bezwaar = Bezwaar(
            inburgeraar_id=zaak.inburgeraar_id,
            boetebeschikking=brief,
            ontvangen_op=zaak.bezwaar_ontvangen_op,
            gronden=zaak.bezwaar_gronden,
            besluit_datum=zaak.bezwaar_besluit_op,
            uitkomst=zaak.bezwaar_uitkomst,
            geregistreerd_door_id=zaak.aangemaakt_door_id,
        )
        termijnen(
            bezwaar, brief.bezwaar_deadline or brief.dagtekening + timedelta(weeks=6)
        )
        bezwaar.save()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0009_gebeurtenis_soort_per_app"),
        ("pip_plans", "0005_boete_needs_bedrag"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="brief",
            name="brief_belongs_to_its_case",
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="adviescommissie",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="beslist_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="beslistermijn",
            field=models.DateField(
                db_index=True, null=True, verbose_name="beslissen uiterlijk"
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="bezwaartermijn_einde",
            field=models.DateField(null=True, verbose_name="bezwaar uiterlijk"),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="boetebedrag_na_bezwaar",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=8, null=True
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="boetebeschikking",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bezwaren",
                to="pip_plans.brief",
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="inburgeraar",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bezwaren",
                to="intake.inburgeraar",
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="poststempel_op",
            field=models.DateField(
                blank=True,
                help_text="Voor een bezwaar dat per post kwam (Awb art. 6:9 lid 2).",
                null=True,
                verbose_name="datum poststempel",
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="te_laat_reden",
            field=models.TextField(
                blank=True,
                verbose_name="reden van de inburgeraar voor de late indiening",
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="tijdig",
            field=models.BooleanField(
                help_text="Awb art. 6:9: op tijd ontvangen, of op tijd gepost en binnen een week na de termijn ontvangen.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="verdaagd_tot",
            field=models.DateField(
                blank=True, null=True, verbose_name="verdaagd tot en met"
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="verdaging_reden",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="verschoonbaar",
            field=models.BooleanField(
                blank=True,
                null=True,
                verbose_name="termijnoverschrijding verschoonbaar",
            ),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="verschoonbaar_toelichting",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="bezwaar",
            name="versie",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="brief",
            name="bezwaar",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="brieven",
                to="pip_plans.bezwaar",
            ),
        ),
        migrations.AddField(
            model_name="brief",
            name="verzenddatum",
            field=models.DateField(
                help_text="De dag van verzending: de bekendmaking (Awb art. 3:41).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="asiel_motivering",
            field=models.TextField(
                blank=True,
                verbose_name="motivering uitzonderlijk geval (asielstatushouder)",
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="besluit_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="cautie_gegeven",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="motivering_bedrag",
            field=models.TextField(
                blank=True, verbose_name="motivering van het bedrag"
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="overtreden_voorschrift",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="overtreden voorschrift"
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="plaats_overtreding",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="plaats van de overtreding"
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="rapport_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="reactie_op_zienswijze",
            field=models.TextField(blank=True, verbose_name="reactie op de zienswijze"),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="tolk_bij_verhoor",
            field=models.BooleanField(
                default=False, verbose_name="tolk aanwezig bij het verhoor"
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="tolk_bij_zienswijze",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="verhoord_op",
            field=models.DateField(blank=True, null=True, verbose_name="verhoord op"),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="verplichting",
            field=models.TextField(
                blank=True, verbose_name="welke verplichting uit het PIP"
            ),
        ),
        migrations.AddField(
            model_name="handhavingszaak",
            name="zienswijze_wijze",
            field=models.CharField(
                blank=True,
                choices=[
                    ("schriftelijk", "Schriftelijk"),
                    ("mondeling", "Mondeling (gesprek, verslag in het dossier)"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="bezwaar",
            name="beschikking",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bezwaren",
                to="pip_plans.beschikking",
            ),
        ),
        migrations.AlterField(
            model_name="brief",
            name="soort",
            field=models.CharField(
                choices=[
                    ("ontzorgingsbeschikking", "Ontzorgingsbeschikking"),
                    ("waarschuwing", "Schriftelijke waarschuwing"),
                    ("voornemen", "Voornemen tot een boete"),
                    ("rapport", "Afschrift van het rapport"),
                    ("boetebeschikking", "Boetebeschikking"),
                    ("beslissing_op_bezwaar", "Beslissing op bezwaar"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="bezwaar",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("beschikking__isnull", False),
                        ("boetebeschikking__isnull", True),
                    ),
                    models.Q(
                        ("beschikking__isnull", True),
                        ("boetebeschikking__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="bezwaar_against_one_decision",
            ),
        ),
        migrations.AddConstraint(
            model_name="bezwaar",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verdaagd_tot__isnull", True),
                    ("verdaagd_tot__gt", models.F("beslistermijn")),
                    _connector="OR",
                ),
                name="bezwaar_verdaging_later",
            ),
        ),
        migrations.AddConstraint(
            model_name="brief",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("ontzorging__isnull", False),
                        ("soort", "ontzorgingsbeschikking"),
                    ),
                    models.Q(
                        ("handhavingszaak__isnull", False),
                        (
                            "soort__in",
                            (
                                "waarschuwing",
                                "voornemen",
                                "rapport",
                                "boetebeschikking",
                            ),
                        ),
                    ),
                    models.Q(
                        ("bezwaar__isnull", False), ("soort", "beslissing_op_bezwaar")
                    ),
                    _connector="OR",
                ),
                name="brief_belongs_to_its_case",
            ),
        ),
        migrations.AddConstraint(
            model_name="brief",
            constraint=models.CheckConstraint(
                condition=models.Q(("verzenddatum__gte", models.F("dagtekening"))),
                name="brief_sent_after_dagtekening",
            ),
        ),
        migrations.RunPython(gegevens_overzetten, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="handhavingszaak",
            name="bezwaar_besluit_op",
        ),
        migrations.RemoveField(
            model_name="handhavingszaak",
            name="bezwaar_gronden",
        ),
        migrations.RemoveField(
            model_name="handhavingszaak",
            name="bezwaar_ontvangen_op",
        ),
        migrations.RemoveField(
            model_name="handhavingszaak",
            name="bezwaar_uitkomst",
        ),
    ]
