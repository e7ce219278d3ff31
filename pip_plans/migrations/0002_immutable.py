"""Nothing the college decided can be rewritten (DESIGN.md §5 "Nothing is lost").

The database refuses: any change to a vastgesteld PIP version, any change to a
beschikking or a recorded verlenging, and moving the start of the termijn (Wet
inburgering 2021 art. 11 lid 3). Application code cannot get round it.
"""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION pip_plans_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%: % is niet toegestaan (vastgestelde besluiten veranderen niet)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pip_vastgesteld_immutable
    BEFORE UPDATE OR DELETE ON pip_plans_pip
    FOR EACH ROW WHEN (OLD.status = 'vastgesteld')
    EXECUTE FUNCTION pip_plans_refuse_change();

CREATE TRIGGER beschikking_immutable
    BEFORE UPDATE OR DELETE ON pip_plans_beschikking
    FOR EACH ROW EXECUTE FUNCTION pip_plans_refuse_change();

CREATE TRIGGER verlenging_immutable
    BEFORE UPDATE OR DELETE ON pip_plans_verlenging
    FOR EACH ROW EXECUTE FUNCTION pip_plans_refuse_change();

CREATE TRIGGER termijn_start_fixed
    BEFORE UPDATE ON pip_plans_inburgeringstermijn
    FOR EACH ROW WHEN (
        NEW.startdatum IS DISTINCT FROM OLD.startdatum
        OR NEW.oorspronkelijke_einddatum IS DISTINCT FROM OLD.oorspronkelijke_einddatum
        OR NEW.eerste_beschikking_id IS DISTINCT FROM OLD.eerste_beschikking_id
    )
    EXECUTE FUNCTION pip_plans_refuse_change();

CREATE TRIGGER termijn_not_deleted
    BEFORE DELETE ON pip_plans_inburgeringstermijn
    FOR EACH ROW EXECUTE FUNCTION pip_plans_refuse_change();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS pip_vastgesteld_immutable ON pip_plans_pip;
DROP TRIGGER IF EXISTS beschikking_immutable ON pip_plans_beschikking;
DROP TRIGGER IF EXISTS verlenging_immutable ON pip_plans_verlenging;
DROP TRIGGER IF EXISTS termijn_start_fixed ON pip_plans_inburgeringstermijn;
DROP TRIGGER IF EXISTS termijn_not_deleted ON pip_plans_inburgeringstermijn;
DROP FUNCTION IF EXISTS pip_plans_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("pip_plans", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
