"""Celery tasks of the core. Tasks take ids and are safe to run twice."""

from celery import shared_task


@shared_task(name="federation.build_report", bind=True)
def build_report(self, report_id: int) -> str:
    """Build the report ``report_id`` (see federation.reports.build). Tasks are acknowledged late, so
    one whose worker died is delivered again, flagged "redelivered": that attempt may take it over."""
    from .reports import build

    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    return build(report_id, redelivered=redelivered)


@shared_task(name="federation.fail_stale_reports")
def fail_stale_reports() -> int:
    """Mark failed the reports whose worker died mid-build (see federation.reports.fail_stale_reports)."""
    from .reports import fail_stale_reports

    return fail_stale_reports()


@shared_task(name="federation.send_monthly_reports")
def send_monthly_reports(year: int | None = None, month: int | None = None) -> int:
    """The scheduled monthly report (federation.monthly.send_monthly_reports): the previous month's,
    built for and emailed to leadership; safe to run twice."""
    from .monthly import send_monthly_reports

    return send_monthly_reports(year, month)


@shared_task(name="federation.purge_report_files")
def purge_report_files() -> int:
    """Delete the files of reports older than ``REPORT_RETENTION_DAYS`` (exports carry personal
    data; ask again for a fresh one). The report rows stay: who asked for what, and when."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .models import Report

    cutoff = timezone.now() - timedelta(days=settings.REPORT_RETENTION_DAYS)
    purged = 0
    for report in Report.objects.filter(created_at__lt=cutoff).exclude(file=""):
        report.file.delete(save=False)
        report.save(update_fields=["file"])
        purged += 1
    return purged


# The import engine's tasks, registered with the worker by autodiscovery of this module.
from .imports.tasks import fail_stale_imports, purge_import_files, run_import_job  # noqa: E402, F401
from .notices import send_notice_email  # noqa: E402, F401
