"""The report centre's operations: ask for a file (built by a Celery task) and build it.

One path for every generated file: an app registers a ``ReportKind`` and calls ``request_report``;
the task ``federation.build_report`` runs its ``build`` into a private file and records the outcome
on the ``Report`` row, where the report centre shows it.
"""

import logging
import os
import tempfile

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from . import registry
from .models import Report

logger = logging.getLogger(__name__)


def request_report(kind_key: str, params: dict, user, title: str | None = None) -> Report:
    """Record the request and queue the build once the transaction commits."""
    from .tasks import build_report

    kind = registry.report_kind(kind_key)
    if not user.has_perm(kind.permission):
        raise PermissionDenied
    report = Report.objects.create(kind=kind.key, title=title or str(kind.title), params=params, created_by=user)
    transaction.on_commit(lambda: build_report.delay(report.pk))
    return report


def build(report_id: int) -> str:
    """Build one report; safe to run twice (only a waiting report is built). Failures are recorded
    on the report, where the person who asked sees them."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status != Report.Status.PENDING:
            return report.status
        report.status = Report.Status.RUNNING
        report.save(update_fields=["status"])
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        kind = registry.report_kind(report.kind)
        report.rows = kind.build(report.params, path)
        with open(path, "rb") as f:
            report.file.save(kind.filename, File(f), save=False)
        report.status = Report.Status.DONE
    except Exception as exc:
        logger.exception("report %s (%s) failed", report.pk, report.kind)
        report.status = Report.Status.FAILED
        report.error = str(exc)[:1000] or exc.__class__.__name__
    finally:
        os.unlink(path)
    report.finished_at = timezone.now()
    report.save()
    return report.status


def may_download(report: Report, user) -> bool:
    """The person who asked for it, while they still hold the kind's permission."""
    try:
        kind = registry.report_kind(report.kind)
    except KeyError:
        return False
    return report.created_by_id == user.pk and user.has_perm(kind.permission)
