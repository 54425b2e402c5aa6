"""Benchmark of the report centre (issue 14) on the 250,000-row data set, each step a child process
(wall time, peak memory; the bench runs Celery eagerly, so the build runs in that process):

1. the enterprise directory for a filter that keeps all 250,000 rows (``created_to`` today), asked
   for through the list's export and built by the report centre (``enterprises.export``);
2. the monthly work report for the last month (DOCX: the figures of every module for the month,
   the previous month, the same month last year and twelve months of trend, two charts) with its
   XLSX appendix of every ledger over the month.
"""

import os
import sys

DIRECTORY_TARGET = (90, 500)
MONTHLY_TARGET = (90, 500)


def run(bench):
    bench.time_command(
        "enterprise directory for a filter, 250,000 rows (report centre)",
        [sys.executable, os.path.abspath(__file__), "directory"],
        *DIRECTORY_TARGET,
    )
    bench.time_command(
        "monthly work report (DOCX) and its ledger appendix",
        [sys.executable, os.path.abspath(__file__), "monthly"],
        *MONTHLY_TARGET,
    )


def _directory():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from federation.models import Report

    user = get_user_model().objects.get(username="bench")
    client = Client()
    client.force_login(user)
    url = f"{reverse('enterprises:enterprise_list')}?created_to={timezone.localdate():%Y-%m-%d}&export=xlsx"
    response = client.get(url)
    assert response.status_code == 302, response.status_code  # more than the direct maximum: the centre
    report = Report.objects.filter(created_by=user).latest("created_at")
    assert report.status == Report.Status.DONE, (report.status, report.error)
    print(f"rows={report.rows} {os.path.getsize(report.file.path) / 1024 / 1024:.1f} MB")


def _monthly():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from federation import monthly
    from federation.models import Report
    from federation.reports import build

    user = get_user_model().objects.get(username="bench")
    year, month = monthly.shift_month(timezone.localdate().year, timezone.localdate().month, -1)
    report, appendix = monthly.request_monthly_report(user, year, month, scheduled=True)  # built here
    for each in (report, appendix):
        build(each.pk)
        each.refresh_from_db()
        assert each.status == Report.Status.DONE, (each.kind, each.status, each.error)
    print(f"figures={report.rows} appendix rows={appendix.rows}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import django

    django.setup()
    {"directory": _directory, "monthly": _monthly}[sys.argv[1]]()
