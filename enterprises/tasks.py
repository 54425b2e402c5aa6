"""Celery tasks of the enterprises app. Tasks take ids and are safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .imports import ImportRefused, run_import

logger = logging.getLogger(__name__)


@shared_task(name="enterprises.run_enterprise_import")
def run_enterprise_import(job_id: int, apply: bool = False):
    """Check (dry run) or apply the import job ``job_id``. The outcome — counts, invalid rows, or
    the reason of a failure — is recorded on the job, where the page shows it; so failures are
    not raised again (retrying a refused file cannot help, and an eager run must not break the
    request that queued it)."""
    try:
        summary = run_import(job_id, apply=apply)
    except ImportRefused:
        return "refused"
    except Exception:
        logger.exception("enterprise import %s failed", job_id)
        return "failed"
    return summary.line() if summary else "skipped"


@shared_task(name="enterprises.purge_import_files")
def purge_import_files():
    """Delete the uploaded registry files (and invalid-rows files) of imports older than
    ``ENTERPRISE_IMPORT_RETENTION_DAYS``: they hold personal data (legal representatives, phones)
    that the records themselves already keep, so copies are not kept longer than needed
    (个人信息保护法). The import rows stay as the audit record: who, when, counts, errors.
    Running it twice deletes nothing more."""
    from datetime import timedelta

    from .models import EnterpriseImport

    days = getattr(settings, "ENTERPRISE_IMPORT_RETENTION_DAYS", 30)
    cutoff = timezone.now() - timedelta(days=days)
    old = EnterpriseImport.objects.filter(created_at__lt=cutoff).exclude(status__in=EnterpriseImport.RUNNING)
    purged = 0
    for job in old.exclude(file="", invalid_file=""):
        for field in (job.file, job.invalid_file):
            if field:
                field.delete(save=False)
        job.save(update_fields=["file", "invalid_file"])
        purged += 1
    return purged
