"""Search that finds (issue 19): names without accents and case, served by a
trigram index; a part of a BSN by another; closed dossiers last in the deadline
order.

unaccent() is STABLE (its dictionary could change), so no index may hold it. The
wrappers below are declared IMMUTABLE with the dictionary named in full, the usual
way to index it; should the unaccent rules ever be changed, REINDEX these indexes.
The SQL-standard body (BEGIN ATOMIC) binds the functions at creation, whatever the
search_path of the caller. Both extensions are trusted: the database owner may
create them."""

import django.contrib.postgres.indexes
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

import intake.models.dossier


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_beveiligingsgebeurtenis"),
        ("intake", "0014_werkvoorraad_sorteer_indexen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(
            """
            CREATE FUNCTION inburgering_zoektekst(tekst text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            BEGIN ATOMIC
                SELECT lower(public.unaccent('public.unaccent'::regdictionary, tekst));
            END;
            CREATE FUNCTION inburgeraar_zoeknaam(
                voornamen text, tussenvoegsel text, achternaam text
            ) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
            BEGIN ATOMIC
                SELECT inburgering_zoektekst(
                    concat_ws(' ', voornamen, tussenvoegsel, achternaam)
                );
            END;
            """,
            """
            DROP FUNCTION inburgeraar_zoeknaam(text, text, text);
            DROP FUNCTION inburgering_zoektekst(text);
            """,
        ),
        migrations.RemoveIndex(
            model_name="inburgeraar",
            name="inburgeraar_pip_deadline_idx",
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=models.Index(
                models.Case(
                    models.When(
                        status__in=(
                            "afgerond_voldaan",
                            "vrijgesteld",
                            "ontheven",
                            "verhuisd",
                            "beeindigd",
                            "ontkoppeld",
                        ),
                        then=models.Value(True),
                    ),
                    default=models.Value(False),
                    output_field=models.BooleanField(),
                ),
                models.OrderBy(models.F("pip_vastgesteld_op"), nulls_first=True),
                models.OrderBy(models.F("pip_deadline"), nulls_last=True),
                models.F("achternaam"),
                name="inburgeraar_pip_deadline_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    intake.models.dossier.Zoeknaam(), name="gin_trgm_ops"
                ),
                name="inburgeraar_zoeknaam_trgm_idx",
                fastupdate=False,
            ),
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass("bsn", name="gin_trgm_ops"),
                name="inburgeraar_bsn_trgm_idx",
                fastupdate=False,
            ),
        ),
    ]
