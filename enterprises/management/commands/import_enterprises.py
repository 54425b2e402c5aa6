"""``manage.py import_enterprises PATH [--dry-run]``: the web import's code path from a shell."""

import os

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from enterprises.imports import ImportRefused, check_size, run_import
from enterprises.models import EnterpriseImport


class Command(BaseCommand):
    help = (
        "Import the enterprise spreadsheet (XLSX or CSV, Chinese headers) at PATH; upsert by USCC. "
        "Ends with one line: created=N updated=N unchanged=N invalid=N."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and count only; change nothing.")

    def handle(self, *args, path, dry_run, **options):
        name = os.path.basename(path)
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise CommandError(f"无法读取文件 / cannot read {path}")
        try:
            size = check_size(path, name)
        except ImportRefused as exc:
            raise CommandError(str(exc))
        # A job row, like an upload on the page: the import is recorded (who: nobody — a shell).
        with open(path, "rb") as handle:
            status = EnterpriseImport.Status.PENDING if dry_run else EnterpriseImport.Status.APPLYING
            job = EnterpriseImport(original_name=name, size=size, status=status)
            job.file.save(name, File(handle), save=True)
        try:
            # Without --dry-run the apply pass alone runs: it validates every row just the same.
            summary = run_import(job.pk, apply=not dry_run, progress=False)
        except ImportRefused as exc:
            raise CommandError(str(exc))
        except Exception as exc:
            raise CommandError(f"导入失败，未做任何更改 / import failed, nothing changed: {exc}")
        job.refresh_from_db()
        if job.invalid_file and summary.invalid:
            self.stderr.write(f"invalid rows: {job.invalid_file.path}")
        self.stdout.write(summary.line())
