"""Celery tasks of the enterprises app. Tasks take ids and are safe to run twice."""

import logging

from celery import shared_task

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
