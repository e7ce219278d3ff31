"""Seeing whether a request changed any row: `fingerprint()` before and after,
`changed()` between them (CF-03, CF-04).
"""

from django.apps import apps
from django.db import connection

# Tables whose change a request may legitimately cause: the verwerkingenlog (every
# read is logged) and the sessions (login, messages, session timestamps).
MAY_CHANGE = {"verwerkingen.Verwerking", "sessions.Session"}


def fingerprint() -> dict[str, tuple[int, str]]:
    """{model label: (row count, md5 of all rows)} for every table except
    MAY_CHANGE: a change of any row, not only of the counts, shows."""
    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            if label in MAY_CHANGE or not model._meta.managed:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            # The table name comes from the model registry, quoted; no input.
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "  # noqa: S608
                f"ORDER BY t::text), '')) FROM {table} t"
            )
            state[label] = cursor.fetchone()
    return state


def changed(before: dict, after: dict) -> dict:
    return {
        label: (before.get(label), after.get(label))
        for label in set(before) | set(after)
        if before.get(label) != after.get(label)
    }
