"""Celery tasks of the import engine. Tasks take ids and are safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="federation.run_import_job")
def run_import_job(job_id: int, apply: bool = False):
    """Check (dry run) or apply the import job ``job_id``. The outcome — counts, invalid rows, or
    the reason of a failure — is recorded on the job, where the page shows it; so failures are
    not raised again (retrying a refused file cannot help, and an eager run must not break the
    request that queued it)."""
    from .engine import run_job
    from .reading import ImportRefused

    try:
        summary = run_job(job_id, apply=apply)
    except ImportRefused:
        return "refused"
    except Exception:
        logger.exception("import job %s failed", job_id)
        return "failed"
    return summary.line() if summary else "skipped"


@shared_task(name="federation.purge_import_files")
def purge_import_files() -> int:
    """Delete the uploaded files (and invalid-rows files) of finished imports older than their
    spec's ``<prefix>_RETENTION_DAYS``: they hold personal data (legal representatives, phones)
    that the records themselves already keep, so copies are not kept longer than needed
    (个人信息保护法). The job rows stay as the audit record: who, when, counts, errors.
    Running it twice deletes nothing more."""
    from django.conf import settings

    from . import jobs, registry
    from .models import ImportJob
    from .reading import limit

    days = {spec.key: limit(spec, "RETENTION_DAYS") for spec in registry.all_specs()}
    now = timezone.now()
    finished = ImportJob.objects.exclude(status__in=ImportJob.RUNNING).exclude(file="", invalid_file="")
    purged = 0
    for job in finished.iterator():
        kept = days.get(job.spec, settings.IMPORT_RETENTION_DAYS)
        if job.created_at < now - timedelta(days=kept) and jobs.purge_files(job):
            purged += 1
    return purged


@shared_task(name="federation.fail_stale_imports")
def fail_stale_imports() -> int:
    """Mark failed (retryable) the imports whose worker died (see federation.imports.jobs.fail_stale_jobs)."""
    from .jobs import fail_stale_jobs

    return fail_stale_jobs()
