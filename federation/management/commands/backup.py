"""``manage.py backup [--dest DIR] [--keep N]``: the database and the private files, timestamped
(``federation.backup``); older backups beyond ``--keep`` are deleted. Run it from cron or a systemd
timer (deploy/ has one)."""

from django.core.management.base import BaseCommand, CommandError

from federation import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded and generated files into a timestamped folder."

    def add_arguments(self, parser):
        parser.add_argument("--dest", help="Folder for the backups (default: settings.BACKUP_ROOT).")
        parser.add_argument("--keep", type=int, help="How many backups to keep (default: settings.BACKUP_KEEP).")

    def handle(self, *args, **options):
        try:
            result = backup.backup(options["dest"], options["keep"])
        except backup.BackupError as exc:
            raise CommandError(f"备份失败 / backup failed: {exc}") from exc
        self.stdout.write(
            f"备份完成 / backup written: {result.path} ({result.tables} tables, {result.rows} rows, {result.files} files)"
        )
        for path in result.removed:
            self.stdout.write(f"已删除旧备份 / removed old backup: {path}")
