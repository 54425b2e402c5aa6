"""Running an import: read and check every row of a file against a specification, count what
would change (dry run), or apply the valid rows in one transaction; record it on the job.

One code path serves the web pages (through the Celery task) and the ``import_<thing>`` command:
``run_job(job_id, apply=...)`` over a stored file, built on ``process(spec, path, ...)``.

Decisions every spec shares:
* Every header of the template must be present (any order), so a missing column never blanks a
  field; the invalid-rows file's columns 原行号 and 错误原因 are ignored, so that file can be
  corrected and imported again.
* Blank rows are skipped, not counted. A row with any unreadable cell is invalid, with every reason.
* Applying takes a transaction-level advisory lock per spec (PostgreSQL), so a second import of
  the same kind reads the records only after the first has committed.
"""

from __future__ import annotations

import io
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext as _

from federation.exports import write_xlsx

from . import jobs
from .cells import CellError, cell_text
from .reading import ImportRefused, open_sheet
from .spec import CREATED, INVALID, REASON_HEADER, ROW_HEADER, UNCHANGED, UPDATED

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 200
PROGRESS_EVERY = 2000


@dataclass
class Summary:
    """What a pass over a file found (or did): counts, the first invalid rows, and the path of the
    invalid-rows file when there are any."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    preview: list = field(default_factory=list)  # the first invalid rows, for the page
    invalid_path: str = ""  # XLSX of all invalid rows, when there are any

    @property
    def total(self):
        return self.created + self.updated + self.unchanged + self.invalid

    def line(self):
        return f"created={self.created} updated={self.updated} unchanged={self.unchanged} invalid={self.invalid}"

    def add_invalid(self, number, errors):
        self.invalid += 1
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append({"row": number, "errors": [list(e) for e in errors]})


class InvalidSpool:
    """Invalid rows go to a temporary file as they are found, so a file full of errors does not
    fill the memory; at the end they become the XLSX with the row number and a reason column."""

    def __init__(self):
        self.handle = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def add(self, number, cells, errors):
        reason = "；".join(f"{header}：{reason}" for header, reason in errors)
        self.handle.write(json.dumps([*cells, number, reason], ensure_ascii=False) + "\n")

    def write_xlsx(self, path, headers):
        self.handle.seek(0)
        rows = (json.loads(line) for line in self.handle)
        write_xlsx(path, [*headers, ROW_HEADER, REASON_HEADER], rows, sheet_name="错误行")

    def close(self):
        self.handle.close()


def process(spec, path, *, name="", apply=False, user=None, progress=None, invalid_path=None) -> Summary:
    """Read, validate and classify every row of the file at ``path`` by ``spec``; with ``apply``,
    write the valid rows (all in one transaction). ``progress(done, estimated)`` is called now and
    then. Raises ``ImportRefused`` for a file that cannot be imported at all."""
    name = name or os.path.basename(str(path))
    with translation.override(spec.language):
        sheet = open_sheet(path, spec, name)
        try:
            if apply:
                with transaction.atomic():
                    lock(spec)
                    return _process_rows(spec, sheet, apply, user, progress, invalid_path, name)
            return _process_rows(spec, sheet, apply, user, progress, invalid_path, name)
        finally:
            sheet.close()


def lock(spec):
    """One import of a kind applies at a time (PostgreSQL: a transaction-level advisory lock)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [spec.lock_key])


def _process_rows(spec, sheet, apply, user, progress, invalid_path, name):
    headers = spec.headers
    readers = list(zip(headers, spec.readers(), strict=True))
    wanted = set(headers)
    position = {h: i for i, h in enumerate(sheet.headers) if h in wanted}
    order = [position[h] for h in headers]
    width = len(sheet.headers)
    run = spec.begin(apply=apply, user=user, reason=_("Import of “%(name)s”") % {"name": name})
    summary, spool = Summary(), InvalidSpool()
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    every = PROGRESS_EVERY
    done = 0
    try:
        for number, cells in sheet.rows:
            done += 1
            if progress and done % every == 0:
                progress(done, sheet.estimated_rows)
            if len(cells) < width:
                cells = [*cells, *([None] * (width - len(cells)))]
            raw = [cells[i] for i in order]
            if not any(raw):
                continue  # blank rows are skipped, not counted
            values, errors = [], []
            for (header, read), cell in zip(readers, raw, strict=True):
                try:
                    values.append(read(cell))
                except CellError as exc:
                    values.append(None)
                    errors.append((header, str(exc)))
            if errors and not any(cell_text(c) for c in raw):
                continue  # a row of blanks only
            outcome = INVALID
            if not errors:
                outcome, errors = run.classify(number, values)
            if outcome == INVALID:
                summary.add_invalid(number, errors)
                spool.add(number, [cell_text(c) for c in raw], errors)
                continue
            counts[outcome] += 1
        summary.created, summary.updated, summary.unchanged = counts[CREATED], counts[UPDATED], counts[UNCHANGED]
        if apply:
            run.finish()
        if summary.invalid and invalid_path:
            spool.write_xlsx(invalid_path, headers)
            summary.invalid_path = str(invalid_path)
    finally:
        spool.close()
    if progress:
        progress(done, done)
    return summary


# --- jobs ---


def run_job(job_id: int, apply: bool = False, progress: bool = True) -> Summary | None:
    """Check (dry run) or apply the import job ``job_id``; records the outcome on the job through
    ``jobs``. Idempotent: a job already checked is not checked again, and a job already applied is
    never applied twice (the task may be delivered twice): both return ``None``. A failure is
    recorded on the job (nothing was changed) and raised again."""
    from django.core.cache import cache
    from django.core.files.base import File

    from .models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    spec, progress_key = job.get_spec(), job.progress_key

    def report(done, estimated):
        percent = min(99, int(done * 100 / estimated)) if estimated else 0
        cache.set(progress_key, {"done": done, "percent": percent}, timeout=3600)

    def run(job, record):
        tmp_dir = tempfile.mkdtemp(prefix=f"import-{spec.key}-")
        invalid_path = os.path.join(tmp_dir, "invalid.xlsx")
        try:
            summary = process(
                spec,
                job.file.path,
                name=job.original_name,
                apply=apply,
                user=job.applied_by if apply else job.created_by,
                progress=report if progress else None,
                invalid_path=invalid_path,
            )
            if summary.invalid_path:
                with open(summary.invalid_path, "rb") as handle:
                    record(job.pk, summary, File(handle))
            else:
                record(job.pk, summary)
            return summary
        finally:
            if os.path.exists(invalid_path):
                os.unlink(invalid_path)
            os.rmdir(tmp_dir)

    try:
        if apply:
            # The job's row stays locked until the rows and the job's new status commit together.
            with transaction.atomic():
                job = jobs.claim_apply(job_id)
                if job is None:
                    return None
                return run(job, jobs.record_done)
        job = jobs.start_check(job_id)
        if job is None:
            return None
        return run(job, jobs.record_checked)
    except ImportRefused as exc:
        jobs.record_failed(job_id, str(exc))
        raise
    except Exception as exc:
        with translation.override(spec.language):
            message = _("The import failed and nothing was changed: %(error)s") % {"error": exc}
        jobs.record_failed(job_id, message)
        raise
    finally:
        cache.delete(progress_key)


def template_response(spec):
    """The empty template of ``spec``: its headers, with the code and phone columns formatted as
    text (XLSX ``@``), so what people type there stays as typed instead of becoming 9.16301E+17."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(spec.sheet_name[:31])
    head = workbook.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    for col, column in enumerate(spec.columns()):
        sheet.write_string(0, col, column.header, head)
        width = max(10, min(40, len(column.header) * 2 + 4))
        sheet.set_column(col, col, width, text if column.as_text else None)
    sheet.freeze_panes(1, 0)
    workbook.close()
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=spec.template_filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
