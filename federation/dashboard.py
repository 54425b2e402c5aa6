"""The leadership dashboard (数据驾驶舱): which figures and charts it shows, for which period, and the
cache that keeps it fast.

The dashboard writes no query of its own: every number comes from ``registry.figures_for`` (or, for a
chamber secretary, ``registry.scoped_figures_for``) and every chart from ``registry.series_for``; the
apps say which go together (``registry.dashboard_blocks``). This module only arranges them, adds the same period of last year for comparison, and keeps the
result in the cache under the data's version: any write to a model the figures may count bumps the
version (``bump_version``, connected to post_save/post_delete/m2m_changed in ``connect``), so a write
shows at once and the cached page asks the database nothing for its figures.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import registry
from .ratelimit import guarded
from .region import region_code

VERSION_KEY = "dashboard:version"
CACHE_TIMEOUT = 60 * 60 * 6  # hours: the version key, not the timeout, keeps the figures fresh

PRESETS = {
    "month": _("This month"),
    "quarter": _("This quarter"),
    "year": _("This year"),
    "range": _("Chosen range"),
}

# Writes that no figure counts: sign-ins, sessions, the audit of logins, notices and the report
# centre's own rows. Anything else may be counted by some app's figures, so it bumps the version.
UNTRACKED_APPS = {"sessions", "axes", "admin", "contenttypes", "auth", "django_celery_beat", "django_celery_results"}
UNTRACKED_MODELS = {"federation.notice", "federation.report", "federation.importjob", "federation.importrow"}


# --- The period -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The dates the figures are for (both included) and the preset that chose them."""

    preset: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} ~ {self.end:%Y-%m-%d}"

    def last_year(self) -> Period:
        """The same dates a year earlier (29 February becomes the 28th)."""
        return Period(self.preset, _year_earlier(self.start), _year_earlier(self.end))


def _year_earlier(day: datetime.date) -> datetime.date:
    year = day.year - 1
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def period_from(params, today: datetime.date | None = None) -> Period:
    """The period of the query string: ``period`` (month, quarter, year — up to today) or ``start`` and
    ``end`` (a chosen range; a reversed range is put the right way round). This month by default."""
    today = today or timezone.localdate()
    start, end = _date(params.get("start")), _date(params.get("end"))
    preset = params.get("period") or ("range" if start or end else "month")
    if preset == "range" and (start or end):
        start, end = start or end, end or today
        return Period("range", min(start, end), max(start, end))
    if preset == "year":
        return Period("year", today.replace(month=1, day=1), today)
    if preset == "quarter":
        return Period("quarter", today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today)
    return Period("month", today.replace(day=1), today)


# --- Comparison ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A figure as the page shows it, with the same period of last year when there is one to compare:
    ``last`` is None (a dash) when the figure is not of a period (a total as of today: its list does
    not change with the dates) or last year's value is unknown."""

    figure: registry.Figure
    last: registry.Figure | None = None
    alert: bool = False

    @property
    def change(self) -> str:
        """The change on last year: points for a rate, a percentage for a quantity ("" when none)."""
        if self.last is None or self.last.value is None or self.figure.value is None:
            return ""
        now, before = Decimal(str(self.figure.value)), Decimal(str(self.last.value))
        if self.figure.is_rate:
            return _signed(now - before) + str(pgettext_lazy("percentage points", "pt"))
        if not before:
            return ""
        return _signed((now - before) * 100 / before) + "%"


def _signed(value: Decimal) -> str:
    value = value.quantize(Decimal("0.1"))
    return f"+{value}" if value > 0 else str(value)


def compare(figure, last) -> registry.Figure | None:
    """Last year's figure, when it is of another period (its list differs) and has a value."""
    if last is None or last.value is None or last.url == figure.url:
        return None
    return last


# --- Building the page's data -------------------------------------------------------------------------


@dataclass
class Chart:
    """One chart: categories on one axis, one or more series (the first as bars unless it is a trend)."""

    key: str
    title: str
    chart: str
    labels: list[str]
    series: list[dict]


@dataclass
class BlockData:
    block: registry.DashboardBlock
    figures: list[Shown] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Data:
    """What the page shows, as cached: the blocks, the figures' time, the districts to choose from and
    the blocks rendered (``html``, filled by the view: rendering them costs more than reading them)."""

    blocks: list[BlockData]
    computed_at: datetime.datetime
    districts: list[tuple[int, str]]
    html: str = ""


def _chart(keys: tuple[str, ...], series_by_key: dict[str, registry.Series]) -> Chart | None:
    present = [series_by_key[k] for k in keys if k in series_by_key]
    if not present:
        return None
    first = present[0]
    labels = [str(f.label) for f in first.figures]
    series = []
    for s in present:
        by_label = {str(f.label): f for f in s.figures}
        points = [by_label.get(label) for label in labels]
        series.append(
            {
                "key": s.key,
                "name": str(s.title),
                "chart": s.chart,
                "unit": str(points[0].unit) if points and points[0] else "",
                "rate": bool(points and points[0] and points[0].is_rate),
                "values": [_number(p.value) if p else None for p in points],
                "urls": [p.url if p else "" for p in points],
            }
        )
    return Chart(first.key, str(first.title), first.chart, labels, series)


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def build(period: Period, district=None, viewer=None) -> Data:
    """The page's data from the registries: this period's figures and series, last year's figures for
    comparison. With ``viewer`` (a chamber secretary) only the chamber-scoped figures, narrowed to
    what they may open, and no charts (the breakdowns are of the whole register)."""
    with registry.gathering():
        return _build(period, district, viewer)


def _build(period: Period, district, viewer) -> Data:
    from .models import Division

    last = period.last_year()
    if viewer is None:
        (figures, last_figures), series = registry.figures_and_series(
            [(period.start, period.end), (last.start, last.end)], district
        )
        before = {f.key: f for f in last_figures}
        series_by_key = {s.key: s for s in series}
    else:
        figures = registry.scoped_figures_for(period.start, period.end, district, viewer=viewer)
        before = {f.key: f for f in registry.scoped_figures_for(last.start, last.end, district, viewer=viewer)}
        series_by_key = {}
    by_key = {f.key: f for f in figures}
    blocks = []
    for block in registry.dashboard_blocks_merged():
        data = BlockData(block)
        keys = list(block.keys) + [f.key for f in figures if block.prefix and f.key.startswith(block.prefix)]
        for key in keys:
            if key in by_key:
                f = by_key[key]
                data.figures.append(Shown(f, compare(f, before.get(key)), alert=key in block.alerts and bool(f.value)))
        prefixed = [k for k in series_by_key if block.prefix and k.startswith(block.prefix)]
        for keys in (*block.charts, *((k,) for k in prefixed)):
            chart = _chart(keys, series_by_key)
            if chart is not None:
                data.charts.append(chart)
        blocks.append(data)
    districts = list(Division.objects.counties().values_list("pk", "name"))
    return Data(blocks, timezone.now(), districts)


# --- The cache ------------------------------------------------------------------------------------------


def version() -> int:
    """The data's version: a number that changes whenever a tracked model is written."""

    def read(store):
        # Started from the clock, so a version key lost with the cache never meets old entries again.
        store.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        return store.get(VERSION_KEY) or 0

    return guarded(read)


def bump_version(sender=None, **kwargs):
    """Receiver of every write: a tracked model's row changed, so every cached dashboard is stale."""
    if sender is not None and not tracked(sender):
        return

    def incr(store):
        with contextlib.suppress(ValueError):  # no version yet: the next read starts one
            store.incr(VERSION_KEY)

    guarded(incr)


def bump_after_migrate(sender=None, **kwargs):
    """post_migrate (every deploy runs ``migrate``): the kept pages were built by the code before it,
    so they are built again (their templates or figures may have changed though the data did not)."""
    bump_version()


def tracked(model) -> bool:
    meta = model._meta
    return meta.app_label not in UNTRACKED_APPS and meta.label_lower not in UNTRACKED_MODELS


def versioned(key: str, compute, timeout: int = CACHE_TIMEOUT):
    """``compute()``'s result kept in the cache under the data's version (``version``): computed again
    after any write to a tracked model, so it is never stale; a cache outage computes every time.
    For a page whose content follows from the data alone (the dashboard, the chambers' clean-up
    candidates)."""
    full_key = f"versioned:{version()}:{translation.get_language()}:{key}"
    value = guarded(lambda store: store.get(full_key))
    if value is None:
        value = compute()
        guarded(lambda store: store.set(full_key, value, timeout))
    return value


def cache_key(period: Period, district, viewer) -> str:
    scope = f"u{viewer.pk}" if viewer is not None else "all"
    # The region too: its districts are the page's district choices (federation.region).
    return f"dashboard:{region_code()}:{period.start:%Y%m%d}:{period.end:%Y%m%d}:{district or '-'}:{scope}"


def cached(period: Period, district=None, viewer=None, render=None) -> Data:
    """The page's data from the cache when this version of the data already built it, else built (and
    its ``html`` rendered by ``render(data)``, when given) and kept (``versioned``)."""

    def make():
        data = build(period, district, viewer)
        if render is not None:
            data.html = render(data)
        return data

    return versioned(cache_key(period, district, viewer), make)


def connect():
    """Connect the version bump to every model's writes (called once from the core's ``ready()``)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(bump_version, dispatch_uid="dashboard-bump-save")
    post_delete.connect(bump_version, dispatch_uid="dashboard-bump-delete")
    m2m_changed.connect(_bump_m2m, dispatch_uid="dashboard-bump-m2m")


def _bump_m2m(sender=None, instance=None, action="", **kwargs):
    if action.startswith("post_"):
        bump_version(type(instance))
