"""Every URL pattern of the project, with its arguments filled in, for tests that
must cover all of them (a new URL is covered without anybody remembering it)."""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver

DUMMY = {
    "uuid": str(uuid.UUID(int=1)),
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (namespace + p.name) if p.name else None, p


def all_urls():
    """(route, name, concrete path) for every pattern."""
    import re

    for route, name, _ in _walk(get_resolver().url_patterns):
        # regex routes (the admin): replace groups by a harmless value
        path = (
            re.sub(r"\(\?P<\w+>[^)]*\)", "accounts", route)
            .replace("^", "")
            .replace("$", "")
        )
        path = re.sub(
            r"<(?:(\w+):)?(\w+)>", lambda m: DUMMY.get(m.group(1) or "str", "x"), path
        )
        yield route, name, "/" + path
