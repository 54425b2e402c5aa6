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


CENSUS_FIELDS = ("district_id", "cluster", "industry_section_id", "registry_status", "is_member")


def tallied_census(district_pk=None) -> list[dict] | None:
    """The register grouped by ``CENSUS_FIELDS`` with each group's count ``n``, read from the
    trigger-kept tally (migration 0011; PostgreSQL), else None: a few hundred rows, however many
    records the register holds."""
    if connection.vendor != "postgresql":
        return None
    where, params = ("WHERE district_id = %s", [district_pk]) if district_pk is not None else ("", [])
    fields = ", ".join(CENSUS_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {fields}, sum(n)::bigint FROM enterprises_census_tally {where} "
            f"GROUP BY {fields} HAVING sum(n) <> 0",
            params,
        )
        return [dict(zip((*CENSUS_FIELDS, "n"), row, strict=True)) for row in cursor.fetchall()]


def tallied_added(start, end, district_pk=None) -> int | None:
    """The records added from ``start`` to ``end`` (local dates, both included) from the trigger-kept
    tally (PostgreSQL), else None."""
    if connection.vendor != "postgresql":
        return None
    sql = "SELECT coalesce(sum(n), 0)::bigint FROM enterprises_added_tally WHERE created_on BETWEEN %s AND %s"
    params = [start, end]
    if district_pk is not None:
        sql, params = f"{sql} AND district_id = %s", [*params, district_pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def compact_tallies() -> None:
    """Fold the tallies' appended rows into one per group (PostgreSQL; nothing elsewhere)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT enterprises_tally_compact()")


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
