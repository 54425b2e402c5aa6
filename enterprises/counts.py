"""Counting the register cheaply and exactly (see migration 0005 and the list view)."""

from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# A search counts its matches up to this many, then says "more than …": a common two-character
# term (有限, 城东) matches 30,000–100,000 names, and counting them all costs 60–100 ms at 250,000
# rows, against about 15 ms for the first 10,001.
SEARCH_COUNT_LIMIT = 10_000


def registered_total():
    """The exact number of enterprises from the trigger-kept total (PostgreSQL), else None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM enterprises_enterprise_total")
        row = cursor.fetchone()
    return row[0] if row else None


def capped_count(queryset, limit):
    """The number of rows, counted no further than ``limit + 1`` (one query)."""
    return queryset.order_by()[: limit + 1].count()


class CountedPaginator(Paginator):
    """A paginator told its count when it is already known (otherwise it counts once), and that
    keeps the page size a visitor may ask for with ``?per_page=`` between 1 and 100."""

    def __init__(self, object_list, per_page, *args, count=None, **kwargs):
        per_page = int(per_page)
        per_page = DEFAULT_PER_PAGE if per_page < 1 else min(per_page, MAX_PER_PAGE)
        super().__init__(object_list, per_page, *args, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        if self._known_count is not None:
            return self._known_count
        return super().count
