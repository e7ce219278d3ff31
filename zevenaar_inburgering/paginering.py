"""Pages of a list without counting it: one query per page.

Django's Paginator runs COUNT(*) over the whole filtered set on every page view, to
number the pages. At 100,000 dossiers and millions of verwerkingen that count costs
more than the page itself (issue 18). This paginator fetches one row more than a page
holds: that row tells whether a next page exists. The pages read "Pagina 3" with
Vorige and Volgende, without "van 4000".

A list whose total the user needs (the werkvoorraad's "N dossiers") asks for it with
`tellen=True`; the total is then derived from the page when the page is the last
one (a short, filtered list: no COUNT at all) and counted only when it is not.
"""

import math
from collections.abc import Sequence
from functools import cached_property


def paginanummer(number) -> int:
    """The page asked for in the URL; anything that is not a positive whole number
    (missing, "abc", "0", "-2") is the first page."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class Paginering:
    """The pages of `object_list` (a sliceable queryset), `per_page` rows each.

    The interface the templates use is Django's Paginator's (`page.paginator.count`,
    `num_pages`), but `count` and `num_pages` are None unless `tellen` is set.
    """

    def __init__(self, object_list, per_page: int, *, tellen: bool = False):
        self.object_list = object_list
        self.per_page = per_page
        self.tellen = tellen
        self._afgeleid: int | None = None

    @cached_property
    def count(self) -> int | None:
        if not self.tellen:
            return None
        if self._afgeleid is not None:
            return self._afgeleid
        return self.object_list.count()

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, math.ceil(self.count / self.per_page))

    def get_page(self, number) -> "Pagina":
        """The page asked for; a page beyond the end (the list got shorter since the
        link was made) is the first page, never an error."""
        number = paginanummer(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            return self.get_page(1)
        has_next = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not has_next:
            self._afgeleid = bottom + len(rows)
        return Pagina(rows, number, self, has_next=has_next)


class Pagina(Sequence):
    """One page, with the methods of Django's Page that templates call."""

    def __init__(self, object_list: list, number: int, paginator, *, has_next: bool):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._has_next = has_next

    def __repr__(self) -> str:
        return f"<Pagina {self.number}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        """The 1-based position of the page's first row (0 on an empty list)."""
        if not self.object_list:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
