"""The report centre: a registered kind is built by a Celery task; failures are recorded, not lost."""

import os

import pytest
from django.core.exceptions import PermissionDenied

from federation import registry
from federation.models import Report
from federation.reports import build, request_report
from federation.tasks import build_report

pytestmark = pytest.mark.django_db


def _rows(params, path):
    from federation.exports import write_xlsx

    return write_xlsx(path, ["序号"], [[i] for i in range(params["n"])])


def _broken(params, path):
    raise ValueError("数据源不可用")


@pytest.fixture
def kinds():
    added = [
        registry.ReportKind("test.rows", "测试报表", "federation.view_calendarday", _rows, "rows.xlsx"),
        registry.ReportKind("test.broken", "坏报表", "federation.view_calendarday", _broken, "broken.xlsx"),
    ]
    for kind in added:
        registry.reports.register(kind)
    yield
    for kind in added:
        registry.reports._items.remove(kind)


def test_a_report_is_built_once_even_if_the_task_runs_twice(kinds, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report("test.rows", {"n": 4}, staff)
    report.refresh_from_db()
    assert (report.status, report.rows, report.title) == ("done", 4, "测试报表")
    first_file = report.file.name
    assert build_report(report.pk) == "done"  # a second run changes nothing
    report.refresh_from_db()
    assert report.file.name == first_file


def test_a_failing_build_records_the_reason(kinds, staff):
    report = Report.objects.create(kind="test.broken", title="坏报表", created_by=staff)
    assert build(report.pk) == "failed"
    report.refresh_from_db()
    assert report.error == "数据源不可用" and not report.file and report.finished_at


def test_asking_without_the_kinds_permission_is_refused(kinds, secretary):
    with pytest.raises(PermissionDenied):
        request_report("test.rows", {"n": 1}, secretary)
    assert not Report.objects.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_builds_a_report(kinds, real_celery, staff):
    import time

    report = request_report("test.rows", {"n": 2}, staff)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if not report.is_running:
            break
        time.sleep(0.2)
    assert (report.status, report.rows) == ("done", 2)


def test_old_report_files_are_deleted_and_the_row_kept(kinds, staff, client, settings):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from federation.tasks import purge_report_files

    settings.REPORT_RETENTION_DAYS = 30
    old = Report.objects.create(kind="test.rows", title="旧报表", params={"n": 1}, created_by=staff)
    new = Report.objects.create(kind="test.rows", title="新报表", params={"n": 1}, created_by=staff)
    build(old.pk)
    build(new.pk)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    old.refresh_from_db()
    path = old.file.path

    assert purge_report_files() == 1
    assert purge_report_files() == 0

    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.file and new.file
    assert not os.path.exists(path)
    client.force_login(staff)
    assert client.get(reverse("federation:report_download", args=[old.pk])).status_code == 404
    assert "已过期，请重新申请" in client.get(reverse("federation:report_list")).content.decode()
