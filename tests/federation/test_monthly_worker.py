"""The monthly report through a real Celery worker on Redis, on the reports queue: queued, running,
done; a failure recorded with its reason; the retry built by the worker again."""

import time

import pytest
from django.utils import timezone

from federation import monthly
from federation.models import Report
from federation.reports import retry_report

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_finished(report, timeout=90):
    """Poll the row; returns the statuses seen on the way."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if not seen or seen[-1] != report.status:
            seen.append(report.status)
        if not report.is_running:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"report {report.pk} still {report.status} after {timeout} s")


def test_the_worker_builds_the_monthly_report_fails_it_readably_and_builds_the_retry(real_celery, staff, settings):
    today = timezone.localdate()
    font = settings.REPORT_CJK_FONT
    settings.REPORT_CJK_FONT = "/nonexistent/font.ttc"  # the worker runs in this process: it sees this
    report, appendix = monthly.request_monthly_report(staff, today.year, today.month)
    assert report.status == Report.Status.PENDING  # queued, not built in the request
    seen = wait_until_finished(report)
    assert seen[-1] == Report.Status.FAILED and set(seen) <= {"pending", "running", "failed"}
    assert "图表用的中文字体" in report.error and report.started_at and not report.file
    assert wait_until_finished(appendix)[-1] == Report.Status.DONE  # the appendix draws no chart

    settings.REPORT_CJK_FONT = font
    retry_report(report, staff)
    seen = wait_until_finished(report)
    assert seen[-1] == Report.Status.DONE and not report.error
    assert report.started_at <= report.figures_read_at <= report.finished_at
    assert report.file.name.endswith(".docx") and report.rows == len(report.figures["figures"])
