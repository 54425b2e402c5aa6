"""The ``import_<thing> PATH [--dry-run]`` command pattern: the web import's code path from a shell.

An app's command is a few lines::

    class Command(ImportCommand):
        spec_key = "<spec key>"  # as registered, e.g. the enterprise register's
"""

import os

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from . import jobs, registry
from .engine import run_job
from .reading import ImportRefused, check_size


class ImportCommand(BaseCommand):
    """Import the file at PATH by the spec ``spec_key``, recorded as an import job like an upload
    (who: nobody — a shell). Ends with one line: created=N updated=N unchanged=N invalid=N; exits
    non-zero when the file is refused or the import fails (nothing is then changed)."""

    spec_key = ""

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and count only; change nothing.")

    def handle(self, *args, path, dry_run, **options):
        spec = registry.get(self.spec_key)
        name = os.path.basename(path)
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise CommandError(f"无法读取文件 / cannot read {path}")
        try:
            size = check_size(path, spec)
        except ImportRefused as exc:
            raise CommandError(str(exc))
        with open(path, "rb") as handle:
            # Without --dry-run the apply pass alone runs: it validates every row just the same.
            job = jobs.create_job(spec, File(handle), name=name, size=size, apply_now=not dry_run)
        try:
            summary = run_job(job.pk, apply=not dry_run, progress=False)
        except ImportRefused as exc:
            raise CommandError(str(exc))
        except Exception as exc:
            raise CommandError(f"导入失败，未做任何更改 / import failed, nothing changed: {exc}")
        job.refresh_from_db()
        if job.invalid_file and summary.invalid:
            self.stderr.write(f"invalid rows: {job.invalid_file.path}")
        self.stdout.write(summary.line())
