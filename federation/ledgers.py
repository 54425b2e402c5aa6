"""Ledgers (台账): one definition per ledger, used by the list's export, the report centre and the
monthly report's appendix, so the three never disagree.

A ledger names its columns (a header and where the value comes from, with the mask its personal
data gets for users who may not see it whole), its base queryset, the date that places a row in a
period and the district it belongs to. From that it gives

* ``queryset(user, filters=None, start=None, end=None, district=None)``: the rows of a filtered
  list or of a period;
* ``rows(queryset, user)``: the cells, masked for that user (DESIGN §7, ``federation.masking``);
* ``write_xlsx(path, rows)`` / ``response(queryset, user)``: the file, through the one formula-safe
  export path (``federation.exports``);
* a report kind "<title>（按期间）", registered with the ledger (``registry.ledgers``), that the
  report centre builds for any period: ``ledger.request_report(user, start, end, district)``.

An app defines ``<app>/ledgers.py`` and registers its ledgers in ``AppConfig.ready()``::

    registry.ledgers.register(ledgers.REQUEST_LEDGER)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import exports, masking

REPORT_PREFIX = "ledger:"


@dataclass(frozen=True)
class Column:
    """One column of a ledger.

    ``value`` is an attribute path (``"district.name"``; a method on the way, such as
    ``get_status_display``, is called) or a function ``(obj, context)`` where ``context`` is what
    the ledger's ``row_context`` computed once for the whole file. ``mask`` marks personal data:
    users who may not see it whole get ``mask(value)`` instead (e.g. ``masking.mask_phone``)."""

    header: Any
    value: str | Callable[[Any, dict], Any]
    mask: Callable[[str], str] | None = None

    def read(self, obj, context: dict):
        if callable(self.value):
            return self.value(obj, context)
        value = obj
        for part in self.value.split("."):
            value = getattr(value, part, None)
            if callable(value):
                value = value()
            if value is None:
                return None
        return value


class Ledger:
    """A ledger's definition; an app subclasses it, sets the attributes and ``get_queryset``."""

    key: str = ""  # "<app>.<ledger>", stable: report rows keep it
    title: Any = ""  # lazy: the sheet's and the file's name
    permission: str = ""  # who may export it or ask for it in the report centre
    columns: Sequence[Column] = ()
    date_field: str = ""  # the date or datetime that places a row in a period
    district_field: str = "district"  # "" when the rows belong to no district
    ordering: Sequence[str] = ("pk",)
    filterset_class: type | None = None  # the list's filters, for ``queryset(filters=...)``
    chunk_size: int = 2000

    def __str__(self):
        return str(self.title)

    # --- which rows ---

    def get_queryset(self) -> models.QuerySet:
        """Every row of the ledger, with what its columns read joined in."""
        raise NotImplementedError

    def restrict(self, queryset, user):
        """The rows ``user`` may see (an object-level restriction; by default all of them)."""
        return queryset

    def filter(self, queryset, filters):
        """``queryset`` narrowed by the list's filters (a query string, a QueryDict or a dict); an
        invalid filter gives no rows, as on the list."""
        if self.filterset_class is None or not filters:
            return queryset
        if isinstance(filters, str):
            filters = QueryDict(filters)
        elif not isinstance(filters, QueryDict):
            data = QueryDict(mutable=True)
            for name, value in filters.items():
                data.setlist(name, value if isinstance(value, list | tuple) else [value])
            filters = data
        filterset = self.filterset_class(data=filters, queryset=queryset)
        return filterset.qs if filterset.is_valid() else queryset.none()

    def in_period(self, queryset, start: datetime.date | None, end: datetime.date | None):
        """Rows whose ``date_field`` falls between ``start`` and ``end`` (both included, local days)."""
        if not self.date_field or (start is None and end is None):
            return queryset
        field = queryset.model._meta.get_field(self.date_field)
        if isinstance(field, models.DateTimeField):
            # A range of aware datetimes keeps the column's index usable (``__date`` would not).
            if start is not None:
                queryset = queryset.filter(**{f"{self.date_field}__gte": _local_midnight(start)})
            if end is not None:
                queryset = queryset.filter(
                    **{f"{self.date_field}__lt": _local_midnight(end + datetime.timedelta(days=1))}
                )
            return queryset
        if start is not None:
            queryset = queryset.filter(**{f"{self.date_field}__gte": start})
        if end is not None:
            queryset = queryset.filter(**{f"{self.date_field}__lte": end})
        return queryset

    def queryset(self, user, filters=None, start=None, end=None, district=None) -> models.QuerySet:
        """The ledger's rows for ``user``: the list's ``filters``, a period, a district (a Division
        or its pk). Refused to users without the ledger's permission."""
        if not self.may_use(user):
            raise PermissionDenied
        queryset = self.restrict(self.get_queryset(), user)
        queryset = self.filter(queryset, filters)
        queryset = self.in_period(queryset, _as_date(start), _as_date(end))
        if district and self.district_field:
            queryset = queryset.filter(**{self.district_field: getattr(district, "pk", district)})
        return queryset

    def may_use(self, user) -> bool:
        return bool(user and user.is_authenticated and user.has_perm(self.permission))

    # --- the cells ---

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def row_context(self, user) -> dict:
        """What the column functions need once per file (e.g. the traffic-light thresholds)."""
        return {}

    def masks_for(self, user) -> list[Callable[[str], str] | None]:
        """Per column, the mask this user's copy gets (None: shown whole)."""
        show = masking.can_see_personal_data(user)
        return [None if show else c.mask for c in self.columns]

    def values(self, queryset, context: dict) -> Iterator[list]:
        """The unmasked cells of every row, streamed from the database in the ledger's order."""
        for obj in queryset.order_by(*self.ordering).iterator(chunk_size=self.chunk_size):
            yield [c.read(obj, context) for c in self.columns]

    def rows(self, queryset, user) -> Iterator[list]:
        """The cells of every row as ``user`` may see them."""
        masks = self.masks_for(user)
        if not any(masks):
            if any(c.mask for c in self.columns):
                # Personal columns go out whole: the export is accounted for (federation.personal_data).
                from .personal_data import record_access

                record_access(user, gettext("Export: %(ledger)s") % {"ledger": self}, label=str(self))
            yield from self.values(queryset, self.row_context(user))
            return
        for row in self.values(queryset, self.row_context(user)):
            yield [mask(str(v)) if mask and v else v for v, mask in zip(row, masks, strict=True)]

    # --- the file ---

    @property
    def sheet_name(self) -> str:
        return str(self.title)

    def filename(self) -> str:
        return exports.dated_filename(str(self.title))

    def write_xlsx(self, path, rows: Iterable[Sequence]) -> int:
        """``rows`` (from ``rows()``) under the ledger's headers, formula-safe; returns the count."""
        return exports.write_xlsx(path, self.headers(), rows, sheet_name=self.sheet_name)

    def response(self, queryset, user):
        """The download of ``queryset`` (a list's filtered rows) as ``user`` may see it."""
        return exports.xlsx_response(self.filename(), self.headers(), self.rows(queryset, user), self.sheet_name)

    # --- the report centre ---

    @property
    def report_key(self) -> str:
        return f"{REPORT_PREFIX}{self.key}"

    def report_kind(self):
        """The report centre's kind "<title>（按期间）" (registered with the ledger)."""
        from .registry import ReportKind

        return ReportKind(
            key=self.report_key,
            title=format_lazy(_("{title} (by period)"), title=self.title),
            permission=self.permission,
            build=self.build_report,
            filename=f"{self.key}.xlsx",
        )

    def report_params(self, user, start=None, end=None, district=None, filters=None) -> dict:
        return {
            "user": user.pk,
            "start": _as_date(start).isoformat() if start else "",
            "end": _as_date(end).isoformat() if end else "",
            "district": getattr(district, "pk", district) or "",
            "filters": filters.urlencode() if isinstance(filters, QueryDict) else (filters or ""),
        }

    def request_report(self, user, start=None, end=None, district=None, filters=None):
        """Ask the report centre for this ledger over a period (built by the report task)."""
        from .reports import request_report

        title = self.period_title(_as_date(start), _as_date(end))
        return request_report(self.report_key, self.report_params(user, start, end, district, filters), user, title)

    def period_title(self, start, end) -> str:
        if start and end:
            return str(format_lazy(_("{title}, {start} to {end}"), title=self.title, start=start, end=end))
        return str(format_lazy(_("{title} (by period)"), title=self.title))

    def build_report(self, params: Mapping, path: str) -> int:
        """The report task's build: the period's rows as the person who asked may see them."""
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=params.get("user")).first()
        queryset = self.queryset(
            user,
            filters=params.get("filters") or None,
            start=params.get("start") or None,
            end=params.get("end") or None,
            district=params.get("district") or None,
        )
        return self.write_xlsx(path, self.rows(queryset, user))


def _as_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


def ledger(key: str) -> Ledger:
    """The registered ledger ``key`` (KeyError when no app registered it)."""
    from .registry import ledgers

    for item in ledgers:
        if item.key == key:
            return item
    raise KeyError(key)


def ledgers_for(user) -> list[Ledger]:
    """The registered ledgers ``user`` may read, in registration order (the monthly appendix)."""
    from .registry import ledgers

    return [item for item in ledgers if item.may_use(user)]


def write_appendix(path, user, start, end, district=None) -> int:
    """The monthly report's appendix: every ledger the user may read over the period, one sheet
    each, in one workbook; returns the number of rows written."""
    sheets = []
    for item in ledgers_for(user):
        queryset = item.queryset(user, start=start, end=end, district=district)
        sheets.append((item.sheet_name, item.headers(), item.rows(queryset, user)))
    return exports.write_xlsx_sheets(path, sheets)
