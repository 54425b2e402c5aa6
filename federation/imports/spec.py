"""What an app tells the import engine about its spreadsheet: an ``ImportSpec``.

A spec names its key, title, permission and URL names, lists its columns (header, guide, whether
the template formats the column as text), builds its cell readers, and — through ``begin`` — a
``SpecRun`` that matches each valid row against the records and writes it when applying. The
engine does everything else (files, headers, cells, counts, invalid rows, transaction, lock,
progress, the job record and the pages), the same way for every spec.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

ROW_HEADER = "原行号"
REASON_HEADER = "错误原因"

# What ``SpecRun.classify`` returns for a row.
CREATED, UPDATED, UNCHANGED, INVALID = "created", "updated", "unchanged", "invalid"


@dataclass(frozen=True)
class ImportColumn:
    """One column as the engine sees it: its header, whether it must be filled, the guide shown on
    the upload page (an English msgid), the allowed values, and whether the template formats it as
    text (codes and phone numbers, which a spreadsheet would otherwise turn into numbers)."""

    header: str
    required: bool = False
    guide: str = ""
    allowed: str = ""
    as_text: bool = False


class SpecRun(Protocol):
    """One pass over a file: matches rows against the records read once at its start."""

    def classify(self, number: int, values: list) -> tuple[str, list[tuple[str, str]]]:
        """(outcome, errors) for a row whose cells all read: ``CREATED``/``UPDATED``/``UNCHANGED``
        (written when applying) or ``INVALID`` with (header, reason) pairs."""

    def finish(self) -> None:
        """Write what is still buffered (applying only)."""


class ImportSpec:
    """An app's import. Subclass, set the attributes, implement ``columns``, ``readers`` and
    ``begin``, and register an instance in ``AppConfig.ready()``."""

    key: str = ""  # stable: stored on every ImportJob
    title = ""  # "Import enterprises"
    permission: str = ""  # e.g. "<app>.import_<model>"
    url_name: str = ""  # e.g. "<app>:<model>_import"; the pages are url_name + _template/_detail/…
    list_url_name: str = ""  # where the records are listed
    list_label = ""  # breadcrumb of that list
    list_link_label = ""  # the button to it after an import
    sheet_name: str = "Sheet1"
    template_filename: str = "import.xlsx"
    # Settings read as <prefix>_MAX_BYTES, _MAX_UNCOMPRESSED, _MAX_RATIO, _RETENTION_DAYS.
    settings_prefix: str = "IMPORT"
    ignored_headers = frozenset({ROW_HEADER, REASON_HEADER})  # so the invalid-rows file imports again
    language = "zh-hans"  # reasons are written in the language of the spreadsheet

    def columns(self) -> Sequence[ImportColumn]:
        raise NotImplementedError

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns()]

    def readers(self) -> list[Callable]:
        """One reader per column, in ``columns()`` order, built once per run (reference data loaded)."""
        raise NotImplementedError

    def begin(self, *, apply: bool, user, reason: str) -> SpecRun:
        raise NotImplementedError

    def url(self, page: str = "") -> str:
        """The URL name of one of the spec's pages: "" (upload), "template", "detail", "status",
        "apply", "invalid"."""
        return f"{self.url_name}_{page}" if page else self.url_name

    @property
    def lock_key(self) -> str:
        return f"import:{self.key}"

    @property
    def progress_prefix(self) -> str:
        return f"{self.key}:import-progress:"
