"""Where domain apps plug into the core without the core importing them (DESIGN §2).

Each app fills these registries in its ``AppConfig.ready()``:

* ``navigation`` – side-menu entries, shown only to users holding the entry's permission;
* ``timeline`` – providers of entries for an enterprise's page (一企一档);
* ``workbench`` – providers of "what waits for me" lists on a staff member's landing page;
* ``metrics`` – functions returning the figures of an app for a period (dashboard, reports);
* ``demo_data`` – hooks that ``seed_demo`` calls, in registration order;
* ``enterprise_actions`` – buttons on an enterprise's page that start work in another app;
* ``reports`` – kinds of file the report centre builds in the background (``ReportKind``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
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
class ReportKind:
    """A kind of file the report centre builds: ``build(params, path)`` writes it and returns the
    number of rows; only holders of ``permission`` may ask for it or download it. ``format`` is the
    file's format (``REPORT_FORMATS``: "xlsx", "docx", "pdf"), which gives its extension and content
    type; ``param_form`` an optional form class whose ``cleaned_data`` are the build's parameters."""

    key: str
    title: str
    permission: str
    build: Callable[[dict, str], int]
    filename: str
    format: str = "xlsx"
    param_form: type | None = None

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
    """One line in a workbench section, linking to the record it is about."""

    text: str
    url: str = ""

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


navigation = Registry("navigation")
timeline = Registry("timeline")
workbench = Registry("workbench")
metrics = Registry("metrics")
demo_data = Registry("demo_data")
enterprise_actions = Registry("enterprise_actions")
reports = Registry("reports")


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


def timeline_for(enterprise, limit: int | None = None) -> list[TimelineEntry]:
    """Every registered provider's entries for an enterprise, newest first."""
    entries: list[TimelineEntry] = []
    provider: Callable
    for provider in timeline:
        entries.extend(provider(enterprise))
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return entries[:limit] if limit else entries


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
