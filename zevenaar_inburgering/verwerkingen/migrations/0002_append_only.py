"""The verwerkingenlog is append-only: the database itself refuses UPDATE and DELETE
(SECURITY LG-04), so neither a bug nor a raw SQL statement can rewrite history.
Retention (removing rows past their bewaartermijn) will be a separate, logged job
that drops this trigger inside its own transaction."""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION verwerking_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De verwerkingenlog is alleen aan te vullen: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER verwerking_append_only
    BEFORE UPDATE OR DELETE ON verwerkingen_verwerking
    FOR EACH ROW EXECUTE FUNCTION verwerking_append_only();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS verwerking_append_only ON verwerkingen_verwerking;
DROP FUNCTION IF EXISTS verwerking_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("verwerkingen", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
