"""The enterprise spreadsheet as an import specification (the first one the core's engine runs):
the registry file from the market regulator, read by the columns of ``spreadsheet.COLUMNS``.

The engine (``federation.imports``) opens and refuses files, reads cells, counts, keeps the invalid
rows, runs the transaction, the lock and the job; this module says how a valid row is matched and
written.

Decisions:
* Rows are matched by USCC. A USCC that appears again later in the same file makes the later rows
  invalid ("repeats row N"); the first one is imported.
* An individual business (个体工商户) without a USCC is matched by its name and legal
  representative among records without a USCC: none → created, one → updated/unchanged, several
  → invalid (ambiguous). So importing the same file twice creates nothing the second time.
* On PostgreSQL the valid rows go by COPY into a temporary table and set-based INSERT/UPDATE, with
  their history rows written the same way (250,000 rows in seconds).
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.imports import engine
from federation.imports.engine import Summary, run_job
from federation.imports.reading import ImportRefused
from federation.imports.spec import CREATED, INVALID, UNCHANGED, UPDATED, ImportColumn, ImportSpec

from . import spreadsheet
from .choices import EntityType
from .spreadsheet import COLUMNS, Lookups

__all__ = ["SPEC", "ImportRefused", "Summary", "process", "run_import"]

BATCH_SIZE = 2000
USE_COPY = True
run_import = run_job  # the engine runs every spec's jobs


class EnterpriseImportSpec(ImportSpec):
    """企业档案表: upsert by USCC (or by name and legal representative for an individual business)."""

    key = "enterprises"
    title = gettext_lazy("Import enterprises")
    permission = "enterprises.import_enterprise"
    url_name = "enterprises:enterprise_import"
    list_url_name = "enterprises:enterprise_list"
    list_label = gettext_lazy("enterprises")
    list_link_label = gettext_lazy("Go to the enterprise list")
    sheet_name = spreadsheet.SHEET_NAME
    template_filename = "企业档案导入模板.xlsx"
    settings_prefix = "ENTERPRISE_IMPORT"
    language = spreadsheet.IMPORT_LANGUAGE

    def columns(self):
        return [
            ImportColumn(c.header, required=c.required, guide=c.guide, allowed=c.allowed, as_text=c.as_text)
            for c in COLUMNS
        ]

    @property
    def headers(self):
        return spreadsheet.HEADERS

    def readers(self):
        lookups = Lookups.load()
        return [spreadsheet.make_reader(c, lookups) for c in COLUMNS]

    def begin(self, *, apply, user, reason):
        return _EnterpriseRun(make_writer(user, reason) if apply else None)


SPEC = EnterpriseImportSpec()


def process(path, **options) -> Summary:
    """``federation.imports.engine.process`` with the enterprise spec (see there)."""
    return engine.process(SPEC, path, **options)


class _EnterpriseRun:
    """One pass: the register read once (fingerprints), each row matched and, when applying, written."""

    def __init__(self, writer):
        self.writer = writer
        self.by_uscc, self.by_name = _existing()
        self.seen = {}
        self.at = {f: i for i, f in enumerate(spreadsheet.FIELDS)}

    def classify(self, number, values):
        errors, key = _row_rules(values, self.at, number, self.seen)
        if errors:
            return INVALID, errors
        if key[0] == "uscc":
            match = self.by_uscc.get(key[1])
        else:
            candidates = self.by_name.get(key[1], [])
            if len(candidates) > 1:
                return INVALID, [(_HEADER_OF["name"], _ambiguous_message(len(candidates)))]
            match = candidates[0] if candidates else None
        if match is None:
            if self.writer:
                self.writer.create(values)
            return CREATED, []
        if match[1] == hash(tuple(values)):
            return UNCHANGED, []
        if self.writer:
            self.writer.update(match[0], match[2], values)
        return UPDATED, []

    def finish(self):
        if self.writer:
            self.writer.flush()


def _existing():
    """USCC -> (pk, fingerprint, created) and (name, legal representative) -> [the same] for records
    without a USCC. Fingerprints (hashes of the compared values) keep 250,000 records in memory small."""
    from .models import Enterprise

    by_uscc, by_name = {}, {}
    uscc_at = spreadsheet.ATTNAMES.index("uscc")
    name_at = spreadsheet.ATTNAMES.index("name")
    rep_at = spreadsheet.ATTNAMES.index("legal_representative")
    rows = Enterprise.objects.values_list("pk", "created_at", *spreadsheet.ATTNAMES).iterator(chunk_size=10000)
    for pk, created_at, *values in rows:
        entry = (pk, hash(tuple(values)), created_at)
        if values[uscc_at]:
            by_uscc[values[uscc_at]] = entry
        else:
            by_name.setdefault((values[name_at], values[rep_at]), []).append(entry)
    return by_uscc, by_name


# --- writing: per-row history either way ---


def make_writer(user, reason):
    """On PostgreSQL, COPY into a temporary table and set-based INSERT/UPDATE plus history rows
    (250,000 rows in seconds); elsewhere (the SQLite embedded default) simple_history's bulk helpers,
    whose ``bulk_update`` builds CASE expressions far too slow for a city-sized registry."""
    from django.db import connection

    if connection.vendor == "postgresql" and USE_COPY:
        return _CopyWriter(user, reason)
    return _BulkWriter(user, reason)


class _BulkWriter:
    """simple_history's ``bulk_create_with_history`` / ``bulk_update_with_history``."""

    def __init__(self, user, reason):
        self.user, self.reason, self.now = user, reason, timezone.now()
        self.creates, self.updates = [], []

    def create(self, values):
        from .models import Enterprise

        self.creates.append(Enterprise(**dict(zip(spreadsheet.ATTNAMES, values, strict=True))))
        self._maybe_flush()

    def update(self, pk, created_at, values):
        from .models import Enterprise

        fields = dict(zip(spreadsheet.ATTNAMES, values, strict=True))
        self.updates.append(Enterprise(pk=pk, created_at=created_at, updated_at=self.now, **fields))
        self._maybe_flush()

    def _maybe_flush(self):
        if len(self.creates) + len(self.updates) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        from .models import Enterprise

        if self.creates:
            bulk_create_with_history(
                self.creates, Enterprise, batch_size=1000, default_user=self.user, default_change_reason=self.reason
            )
            self.creates.clear()
        if self.updates:
            fields = [*spreadsheet.FIELDS, "updated_at"]
            bulk_update_with_history(
                self.updates,
                Enterprise,
                fields,
                batch_size=500,
                default_user=self.user,
                default_change_reason=self.reason,
            )
            self.updates.clear()


def _copy_text(value):
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


class _CopyWriter:
    """Rows go by COPY into a temporary table; one INSERT (new) or UPDATE … FROM (changed) moves
    them into the register, and one INSERT … SELECT writes their history rows (the same
    ``HistoricalEnterprise`` rows simple_history writes: user, date, reason, type)."""

    TEMP = "enterprise_import_rows"
    FLUSH_ROWS = 10000

    def __init__(self, user, reason):
        from django.db import connection

        from .models import Enterprise

        self.connection = connection
        self.user_id = user.pk if user else None
        self.reason = reason
        self.now = timezone.now()
        self.creates, self.updates = [], []
        q = connection.ops.quote_name
        meta = Enterprise._meta
        self.table_name = meta.db_table
        self.table = q(meta.db_table)
        self.history_table = q(Enterprise.history.model._meta.db_table)
        self.columns = [q(meta.get_field(f).column) for f in spreadsheet.FIELDS]
        self.copy_columns = [q("id"), q("created_at"), *self.columns]
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TEMP}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.TEMP} ON COMMIT DROP AS "
                f"SELECT {', '.join(self.copy_columns)} FROM {self.table} WITH NO DATA"
            )

    def create(self, values):
        self.creates.append(values)
        if len(self.creates) >= self.FLUSH_ROWS:
            self._flush_creates()

    def update(self, pk, created_at, values):
        self.updates.append((pk, created_at, values))
        if len(self.updates) >= self.FLUSH_ROWS:
            self._flush_updates()

    def flush(self):
        self._flush_creates()
        self._flush_updates()

    def _copy(self, cursor, rows):
        buffer = io.StringIO()
        for pk, created_at, values in rows:
            buffer.write("\t".join(_copy_text(v) for v in (pk, created_at, *values)))
            buffer.write("\n")
        buffer.seek(0)
        cursor.execute(f"TRUNCATE {self.TEMP}")
        cursor.copy_expert(f"COPY {self.TEMP} ({', '.join(self.copy_columns)}) FROM STDIN", buffer)

    def _history(self, cursor, kind):
        cols = ", ".join(self.copy_columns)
        cursor.execute(
            f"INSERT INTO {self.history_table} ({cols}, history_date, history_change_reason, history_type, history_user_id) "
            f"SELECT {cols}, %s, %s, %s, %s FROM {self.TEMP}",
            [self.now, self.reason, kind, self.user_id],
        )

    def _flush_creates(self):
        if not self.creates:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [self.table_name, len(self.creates)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            self._copy(cursor, ((pk, self.now, values) for pk, values in zip(ids, self.creates, strict=True)))
            cols = ", ".join(self.copy_columns)
            cursor.execute(
                f"INSERT INTO {self.table} ({cols}, updated_at) SELECT {cols}, %s FROM {self.TEMP}", [self.now]
            )
            self._history(cursor, "+")
        self.creates.clear()

    def _flush_updates(self):
        if not self.updates:
            return
        with self.connection.cursor() as cursor:
            self._copy(cursor, self.updates)
            assignments = ", ".join(f"{c} = t.{c}" for c in self.columns)
            cursor.execute(
                f"UPDATE {self.table} AS e SET {assignments}, updated_at = %s FROM {self.TEMP} AS t WHERE e.id = t.id",
                [self.now],
            )
            self._history(cursor, "~")
        self.updates.clear()


def _ambiguous_message(n):
    return _(
        "%(n)d records without a unified social credit code have this name and legal representative; add the code to tell them apart."
    ) % {"n": n}


_HEADER_OF = {c.field: c.header for c in COLUMNS}


def _row_rules(values, at, number, seen):
    """Rules across the cells of a row, and the key it is matched by; (errors, key)."""
    errors = []
    uscc = values[at["uscc"]]
    headers = _HEADER_OF
    if uscc:
        key = ("uscc", uscc)
    elif values[at["entity_type"]] == EntityType.INDIVIDUAL:
        key = ("name", (values[at["name"]], values[at["legal_representative"]]))
    else:
        errors.append(
            (
                headers["uscc"],
                _("Only an individual business (个体工商户) may be recorded without a unified social credit code."),
            )
        )
        key = None
    if values[at["member_level"]] and not values[at["is_member"]]:
        errors.append((headers["member_level"], _("A member level is only given to federation members.")))
    if key is not None and not errors:
        first = seen.get(key)
        if first is not None:
            column = headers["uscc"] if key[0] == "uscc" else headers["name"]
            errors.append((column, _("Repeats row %(row)d of this file; only the first is imported.") % {"row": first}))
        else:
            seen[key] = number
    return errors, key
