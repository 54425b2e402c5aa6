"""Celery tasks of the core. Tasks take ids and are safe to run twice."""

from celery import shared_task


@shared_task(name="federation.build_report")
def build_report(report_id: int) -> str:
    """Build the report ``report_id`` (see federation.reports.build)."""
    from .reports import build

    return build(report_id)
