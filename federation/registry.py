"""Where domain apps plug into the core without the core importing them (DESIGN §2).

Each app fills these registries in its ``AppConfig.ready()``:

* ``navigation`` – side-menu entries, shown only to users holding the entry's permission;
* ``timeline`` – ``TimelineProvider``s: entries for a subject's record page (一企一档, 一会一档),
  each provider naming the subject models it serves;
* ``workbench`` – providers of "what waits for me" lists on a staff member's landing page;
* ``metrics`` – functions ``(start, end, district=None) -> list[Figure]`` (dashboard, reports); a
  provider marked ``chamber_scoped`` also takes ``viewer=`` (a chamber secretary: their chambers only);
* ``breakdowns`` – functions ``(start, end, district=None) -> list[Series]``: the dashboard's charts;
* ``dashboard_blocks`` – ``DashboardBlock``s: which figures and charts the dashboard shows together;
* ``demo_data`` – hooks that ``seed_demo`` calls, in registration order;
* ``enterprise_actions`` – buttons on an enterprise's page that start work in another app;
* ``panels`` – blocks (``Panel``) other apps add to a subject's record page;
* ``reports`` – kinds of file the report centre builds in the background (``ReportKind``);
* ``role_rules`` – ``RoleRule``s: which of an app's permissions each role holds;
* ``schedules`` – ``BeatEntry``s: an app's periodic Celery tasks, merged into the beat schedule;
* ``ledgers`` – ``federation.ledgers.Ledger``s (台账); each also becomes a report kind (by period).

Import specifications have a registry of their own, beside the engine (``federation.imports.registry``).

The registries hold model labels (``"<app_label>.<model>"``), never domain classes, so the core names
no domain app.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class NavItem:
    """One link in the side navigation."""

    section: str
    label: str
    url_name: str
    permission: str | None = None  # None: any signed-in user
    icon: str = "circle"
    order: int = 100


@dataclass(frozen=True)
class TimelineEntry:
    """One line on an enterprise's timeline."""

    when: date | datetime
    kind: str  # short label of the record type, e.g. "走访"
    title: str
    url: str = ""
    detail: str = ""
    icon: str = "dot"

    @property
    def sort_key(self) -> datetime:
        if isinstance(self.when, datetime):
            return self.when.replace(tzinfo=None)
        return datetime(self.when.year, self.when.month, self.when.day)


# Formats the report centre stores and serves: extension -> content type.
REPORT_FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class TimelineProvider:
    """Entries for the record page of the subjects it serves: ``entries(subject, limit)`` returns at
    most ``limit`` entries (all when ``limit`` is None), newest first, and queries no more rows than
    that (``.order_by("-when")[:limit]``). ``subjects`` are model labels, ``"<app_label>.<model>"``.
    ``permission`` (an "<app_label>.<codename>"): only viewers holding it see the provider's entries,
    so a record page never shows titles and codes of records its viewer may not open. With
    ``per_viewer`` the provider also filters row by row: ``entries(subject, limit, user=viewer)``
    keeps only rows the viewer may open (``queryset.restrict(user)``; ``user`` is None for tasks)."""

    subjects: tuple[str, ...]
    entries: Callable[..., list[TimelineEntry]]
    permission: str | None = None
    per_viewer: bool = False

    def serves(self, subject) -> bool:
        return subject._meta.label_lower in self.subjects


@dataclass(frozen=True)
class Figure:
    """One typed figure of an app for a period: what the dashboard and the reports show.

    ``key`` is stable ("requests.received"); ``label`` the Chinese caption; ``value`` an int (counts,
    ``unit`` "家", "件", "个"), a Decimal (money, "元") or — for rates — a percentage rounded to one
    decimal place (``unit`` "%"; 62.5 means 62.5 %), None when the denominator is 0. ``url`` opens the
    filtered list behind the figure: for a count its length equals ``value``; a rate names its
    numerator and denominator with their lists (``numerator``/``numerator_url``, ...)."""

    key: str
    label: str
    value: int | float | Decimal | None
    unit: str
    url: str = ""
    numerator: int | None = None
    numerator_url: str = ""
    denominator: int | None = None
    denominator_url: str = ""

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def is_count(self) -> bool:
        return isinstance(self.value, int) and not self.is_rate

    @property
    def is_money(self) -> bool:
        """Yuan (a Decimal in the unit "元"), which pages show in 万元 or 亿元 (the ``money`` filter).
        Other Decimals (jobs to date) keep their unit."""
        from django.utils.translation import pgettext

        return isinstance(self.value, Decimal) and str(self.unit) == pgettext("unit", "yuan")


def percentage(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a percentage with one decimal (None when ``whole`` is 0): the one
    rounding every rate figure uses."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Panel:
    """A block another app adds to a subject's record page (e.g. "policies for this enterprise").

    ``template`` is rendered with ``subject``, ``request`` and whatever ``context(request, subject)``
    returns; only holders of ``permission`` see it."""

    title: str
    template: str
    subjects: tuple[str, ...]  # model labels of the pages it appears on, "<app_label>.<model>"
    permission: str | None = None
    context: Callable[[Any, Any], dict] | None = None
    order: int = 100


@dataclass(frozen=True)
class RoleRule:
    """Which permissions of app ``app_label`` the role named ``role`` holds: ``allows(codename)``.
    A role holds a permission when any rule of its role for that app allows it."""

    app_label: str
    role: str
    allows: Callable[[str], bool]


@dataclass(frozen=True)
class BeatEntry:
    """A periodic task of an app: merged into the Celery beat schedule under ``name``."""

    name: str
    task: str
    schedule: Any  # a celery.schedules.crontab, a timedelta or seconds
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReportKind:
    """A kind of file the report centre builds: ``build(params, path)`` writes it and returns the
    number of rows; only holders of ``permission`` may ask for it or download it. ``format`` is the
    file's format (``REPORT_FORMATS``: "xlsx", "docx", "pdf"), which gives its extension and content
    type; ``param_form`` an optional form class whose ``cleaned_data`` are the build's parameters.
    With ``snapshot(params) -> dict`` (JSON: the figures and when they were read) the task reads the
    figures first, stores them on the report and calls ``build(params, path, snapshot)``."""

    key: str
    title: str
    permission: str
    build: Callable[..., int]
    filename: str
    format: str = "xlsx"
    param_form: type | None = None
    snapshot: Callable[[dict], dict] | None = None

    def __post_init__(self):
        if self.format not in REPORT_FORMATS:
            raise ValueError(f"report kind {self.key}: unknown format {self.format!r}")

    @property
    def extension(self) -> str:
        return f".{self.format}"

    @property
    def content_type(self) -> str:
        return REPORT_FORMATS[self.format]


@dataclass(frozen=True)
class EnterpriseAction:
    """A button on an enterprise's page that starts work in another app for that enterprise
    (e.g. record a request): the app's URL with ``?enterprise=<pk>``."""

    label: str
    url_name: str
    permission: str
    icon: str = "plus-square"

    def url_for(self, enterprise) -> str:
        from django.urls import reverse

        return f"{reverse(self.url_name)}?enterprise={enterprise.pk}"


@dataclass(frozen=True)
class WorkbenchItem:
    """One line in a workbench section, linking to the record it is about; ``due`` is the date by
    which it needs doing (None: no date), for the workbench's merged "by due date" view."""

    text: str
    url: str = ""
    due: date | None = None

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class WorkbenchSection:
    """A block on the workbench: a title, a link to the full list and a few items."""

    title: str
    url: str
    items: list[Any] = field(default_factory=list)
    count: int = 0


class Registry:
    """An ordered list of registered things, filled at start-up and read afterwards."""

    def __init__(self, name: str):
        self.name = name
        self._items: list[Any] = []

    def register(self, item):
        if item not in self._items:
            self._items.append(item)
        return item  # usable as a decorator

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)


class ScheduleRegistry(Registry):
    """Beat entries; each registration is merged into the Celery app's ``beat_schedule`` at once, so
    the schedule is complete when the last app is ready (before beat reads it)."""

    def register(self, item: BeatEntry):
        super().register(item)
        from .celery import merge_beat_schedule

        merge_beat_schedule(self.as_schedule())
        return item

    def as_schedule(self) -> dict:
        """The entries as Celery's ``beat_schedule`` mapping."""
        return {e.name: {"task": e.task, "schedule": e.schedule, "kwargs": e.kwargs} for e in self}


navigation = Registry("navigation")
timeline = Registry("timeline")
workbench = Registry("workbench")
metrics = Registry("metrics")
demo_data = Registry("demo_data")
enterprise_actions = Registry("enterprise_actions")
panels = Registry("panels")
reports = Registry("reports")
role_rules = Registry("role_rules")
schedules = ScheduleRegistry("schedules")


def report_kind(key: str) -> ReportKind:
    """The registered report kind ``key`` (KeyError when no app registered it)."""
    for kind in reports:
        if kind.key == key:
            return kind
    raise KeyError(key)


def nav_for(user) -> list[tuple[str, list[NavItem]]]:
    """The side navigation of a user: sections in order, each with the items they may use."""
    sections: dict[str, list[NavItem]] = {}
    for item in sorted(navigation, key=lambda i: i.order):
        if item.permission and not user.has_perm(item.permission):
            continue
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())


def timeline_for(subject, limit: int | None = None, *, user=None) -> list[TimelineEntry]:
    """The entries of every provider serving the subject's model (an enterprise, a chamber...) whose
    permission ``user`` holds (every provider when no user is given: tasks and reports), merged newest
    first; each provider is asked for no more than ``limit``."""
    entries: list[TimelineEntry] = []
    provider: TimelineProvider
    for provider in timeline:
        if provider.permission and user is not None and not user.has_perm(provider.permission):
            continue
        if provider.serves(subject):
            if provider.per_viewer:
                entries.extend(provider.entries(subject, limit, user=user))
            else:
                entries.extend(provider.entries(subject, limit))
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return entries[:limit] if limit else entries


_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("figures_shared", default=None)


@contextlib.contextmanager
def gathering() -> Iterator[None]:
    """While figures are gathered for one page or report, ``shared`` computes each of its keys once:
    the period's figures, last year's and the charts often rest on the same grouped query (the
    enterprise census, the requests by month and category), which each provider would otherwise run
    again. Outside a gathering nothing is kept, so a figure is never older than its call."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(key, compute: Callable[[], Any]):
    """``compute()``, or within ``gathering`` the value it gave for ``key`` earlier in the gathering."""
    store = _shared.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def figures_for(start: date, end: date, district=None) -> list[Figure]:
    """Every app's figures for the period (and district), in registration order: the only source of
    numbers for the dashboard and the reports."""
    result: list[Figure] = []
    for provider in metrics:
        result.extend(provider(start, end, district))
    return result


def panels_for(request, subject) -> list[tuple[Panel, str]]:
    """The panels registered for the subject's page that the user may see, rendered (in order)."""
    from django.template.loader import render_to_string

    shown = []
    for panel in sorted(panels, key=lambda p: p.order):
        if subject._meta.label_lower not in panel.subjects:
            continue
        if panel.permission and not request.user.has_perm(panel.permission):
            continue
        ctx = {"subject": subject, "panel": panel}
        if panel.context is not None:
            ctx.update(panel.context(request, subject))
        shown.append((panel, render_to_string(panel.template, ctx, request=request)))
    return shown


def enterprise_actions_for(user, enterprise) -> list[tuple[EnterpriseAction, str]]:
    """The actions other apps offer on an enterprise's page that this user may take, with their URLs."""
    return [(a, a.url_for(enterprise)) for a in enterprise_actions if user.has_perm(a.permission)]


def workbench_for(user) -> list[WorkbenchSection]:
    """The sections every app contributes to a user's workbench (empty ones dropped)."""
    sections = []
    for provider in workbench:
        sections.extend(s for s in provider(user) if s is not None)
    return sections


class LedgerRegistry(Registry):
    """Ledgers (台账, ``federation.ledgers.Ledger``): registering one also registers its report kind
    "<title>（按期间）" in ``reports``, so every ledger can be built for any period."""

    def register(self, item):
        if item not in self._items:
            reports.register(item.report_kind())
        return super().register(item)


# Appended (not with the others above) so that parallel edits of this module merge cleanly.
ledgers = LedgerRegistry("ledgers")


@dataclass(frozen=True)
class Series:
    """A breakdown of one figure for a chart (by district, by type, by month): ``figures`` in display
    order, each Figure's ``label`` the caption of its bar or point and its ``url`` the list behind that
    bar (for a count, the list's length is the value; "" when no list filter selects the row). ``chart``
    says how it reads best: "bar", "line" (a trend, e.g. a rate by month) or "pie"."""

    key: str
    title: str
    figures: list[Figure]
    chart: str = "bar"


breakdowns = Registry("breakdowns")


def series_for(start: date, end: date, district=None) -> list[Series]:
    """Every app's breakdowns for the period (and district), in registration order: the only source of
    the dashboard's charts."""
    result: list[Series] = []
    for provider in breakdowns:
        result.extend(provider(start, end, district))
    return result


def figures_and_series(periods: list[tuple[date, date]], district=None) -> tuple[list[list[Figure]], list[Series]]:
    """The figures of every period in ``periods`` (each as ``figures_for`` gives them) and the charts
    of the first (as ``series_for``), for a page that shows them together (the dashboard: this period
    and the same one last year). Each module's providers run one after another in one task, as they
    share grouped queries through ``gathering``; the modules' tasks run side by side
    (``federation.parallel``: each thread asks the database on its own connection)."""
    from . import parallel

    calls = [(n, provider) for n in range(len(periods)) for provider in metrics]
    calls += [(None, provider) for provider in breakdowns]
    tasks: dict[str, list[int]] = {}
    for i, (_n, provider) in enumerate(calls):
        tasks.setdefault(provider.__module__, []).append(i)

    def run(indexes):
        results = []
        for i in indexes:
            n, provider = calls[i]
            start, end = periods[n if n is not None else 0]
            results.append((i, provider(start, end, district)))
        return results

    done = dict(
        pair for part in parallel.run_all([functools.partial(run, ix) for ix in tasks.values()]) for pair in part
    )
    figures: list[list[Figure]] = [[] for _ in periods]
    series: list[Series] = []
    for i, (n, _provider) in enumerate(calls):
        (series if n is None else figures[n]).extend(done[i])
    return figures, series


def chamber_scoped(provider):
    """Mark a metrics provider as able to narrow its figures to a chamber secretary's own chambers: it
    is then also called ``provider(start, end, district, viewer=user)`` and counts only the rows
    ``user`` may open (``queryset.restrict(user)``), as the lists its figures link to do."""
    provider.chamber_scoped = True
    return provider


def scoped_figures_for(start: date, end: date, district=None, *, viewer) -> list[Figure]:
    """A chamber secretary's figures: those of the providers marked ``chamber_scoped``, narrowed to
    what ``viewer`` may open; the other providers' figures are not shown to them at all."""
    result: list[Figure] = []
    for provider in metrics:
        if getattr(provider, "chamber_scoped", False):
            result.extend(provider(start, end, district, viewer=viewer))
    return result


def workbench_items_for(user, sections: list[WorkbenchSection] | None = None) -> list[tuple[Any, WorkbenchSection]]:
    """Every item of the user's workbench (of ``sections`` when already built) with its section, sorted
    by due date across apps; undated items last, in their sections' order: the "by due date" view."""
    if sections is None:
        sections = workbench_for(user)
    pairs = [(item, section) for section in sections for item in section.items]

    def key(pair):
        due = getattr(pair[0], "due", None)
        return (due is None, due or date.min)

    return sorted(pairs, key=key)


@dataclass(frozen=True)
class DashboardBlock:
    """A block of the dashboard (数据驾驶舱): its figures by key, in this order (keys no provider
    returns are left out), or with ``prefix`` every figure whose key starts with it; and its charts,
    each a tuple of ``Series`` keys drawn together (bars, then lines on the same categories). Apps
    registering blocks of the same ``key`` share one block (the first registration's title and order),
    so several small apps can fill one block. A block that gets no figure says so ("no data / not
    enabled"), never shows zeros in their place."""

    key: str
    title: str
    order: int = 100
    keys: tuple[str, ...] = ()
    prefix: str = ""
    charts: tuple[tuple[str, ...], ...] = ()
    alerts: tuple[str, ...] = ()  # keys of figures shown in red when not zero (overdue, behind pace)


dashboard_blocks = Registry("dashboard_blocks")


def dashboard_blocks_merged() -> list[DashboardBlock]:
    """The registered blocks in order, those of the same key merged into one."""
    merged: dict[str, DashboardBlock] = {}
    for block in dashboard_blocks:
        if block.key in merged:
            first = merged[block.key]
            block = DashboardBlock(
                first.key,
                first.title,
                first.order,
                first.keys + block.keys,
                first.prefix or block.prefix,
                first.charts + block.charts,
                first.alerts + block.alerts,
            )
        merged[block.key] = block
    return sorted(merged.values(), key=lambda b: b.order)
