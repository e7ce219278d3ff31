"""A generated letter (ontzorgingsbeschikking, waarschuwing, boetebeschikking) never
changes, like a PIP beschikking (migration 0002 defines the trigger function)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pip_plans", "0003_ontzorgen_handhaving")]

    operations = [
        migrations.RunSQL(
            """
            CREATE TRIGGER brief_immutable
                BEFORE UPDATE OR DELETE ON pip_plans_brief
                FOR EACH ROW EXECUTE FUNCTION pip_plans_refuse_change();
            """,
            "DROP TRIGGER IF EXISTS brief_immutable ON pip_plans_brief;",
        )
    ]
