"""``manage.py restore PATH``: put a backup folder (``manage.py backup``) back into an empty database
and an empty files folder (``MEDIA_ROOT``), then check rows and files against its manifest."""

from django.core.management.base import BaseCommand, CommandError

from federation import backup


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and an empty files folder, and check it."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A backup folder (federation-YYYYmmdd-HHMMSS).")

    def handle(self, *args, **options):
        try:
            result = backup.restore(options["path"])
        except backup.BackupError as exc:
            raise CommandError(f"恢复失败 / restore failed: {exc}") from exc
        self.stdout.write(
            f"恢复完成 / restored: {result.tables} tables, {result.rows} rows, {result.files} files, checked against the manifest"
        )
