"""Report kinds with a format, and reports whose worker died: marked failed with a reason, retried by
the person who asked, rebuilt when the task is redelivered."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from federation import registry
from federation.models import Report
from federation.reports import build, fail_stale_reports, request_report, retry_report, start_report
from federation.transitions import TransitionNotAllowed

pytestmark = pytest.mark.django_db

STALE_REASON = "生成任务中断（后台进程可能已重启），请重试"


def _rows(params, path):
    from federation.exports import write_xlsx

    return write_xlsx(path, ["序号"], [[i] for i in range(params.get("n", 1))])


def _docx(params, path):
    # The centre stores whatever the kind writes; a zip with a Word part stands in for python-docx here.
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>月度工作报告</w:document>")
    return 1


@pytest.fixture
def kinds():
    added = [
        registry.ReportKind("test.rows", "测试报表", "federation.view_calendarday", _rows, "rows.xlsx"),
        registry.ReportKind(
            "test.monthly", "月度报告", "federation.view_calendarday", _docx, "monthly.docx", format="docx"
        ),
    ]
    for kind in added:
        registry.reports.register(kind)
    yield
    for kind in added:
        registry.reports._items.remove(kind)


def running_since(report, minutes):
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=minutes)
    )
    report.refresh_from_db()
    return report


def test_a_kind_names_its_format_and_content_type():
    kind = registry.ReportKind("k", "k", "p", _rows, "k.pdf", format="pdf")
    assert (kind.extension, kind.content_type) == (".pdf", "application/pdf")
    with pytest.raises(ValueError):
        registry.ReportKind("k", "k", "p", _rows, "k.odt", format="odt")


def test_a_word_report_is_stored_and_served_as_docx(kinds, client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report("test.monthly", {}, staff)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.format == "docx"
    assert report.file.name.endswith(".docx")
    client.force_login(staff)
    response = client.get(reverse("federation:report_download", args=[report.pk]))
    assert response["Content-Type"] == registry.REPORT_FORMATS["docx"]
    assert ".docx" in response["Content-Disposition"]


def test_a_report_running_past_the_deadline_is_marked_failed_with_a_readable_reason(kinds, staff, settings):
    settings.REPORT_STALE_AFTER = 15
    stuck = running_since(Report.objects.create(kind="test.rows", title="卡住的", created_by=staff), 16)
    busy = running_since(Report.objects.create(kind="test.rows", title="正在生成", created_by=staff), 5)
    assert fail_stale_reports() == 1
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, stuck.error) == (Report.Status.FAILED, STALE_REASON)
    assert busy.status == Report.Status.RUNNING and not busy.error
    assert fail_stale_reports() == 0


def test_the_report_centre_shows_a_dead_build_failed_and_its_person_retries_it(
    kinds, client, staff, django_capture_on_commit_callbacks
):
    report = running_since(Report.objects.create(kind="test.rows", title="卡住的", created_by=staff), 60)
    client.force_login(staff)
    page = client.get(reverse("federation:report_list")).content.decode()
    assert STALE_REASON in page and 'data-testid="retry"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("federation:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.error, report.rows) == (Report.Status.DONE, "", 1)


def test_only_the_person_who_asked_may_retry_and_only_a_failed_report(kinds, client, staff, staff2):
    report = Report.objects.create(kind="test.rows", title="报表", created_by=staff, status=Report.Status.FAILED)
    client.force_login(staff2)
    assert client.post(reverse("federation:report_retry", args=[report.pk])).status_code == 404
    done = Report.objects.create(kind="test.rows", title="已生成", created_by=staff, status=Report.Status.DONE)
    with pytest.raises(TransitionNotAllowed):
        retry_report(done, staff)
    assert Report.objects.get(pk=report.pk).status == Report.Status.FAILED
    assert Report.objects.get(pk=done.pk).status == Report.Status.DONE


def test_a_redelivered_task_rebuilds_a_stale_report_but_leaves_a_live_build_alone(kinds, staff, settings):
    settings.REPORT_STALE_AFTER = 15
    live = running_since(Report.objects.create(kind="test.rows", title="在生成", created_by=staff), 1)
    assert build(live.pk) == Report.Status.RUNNING
    assert not Report.objects.get(pk=live.pk).file

    dead = running_since(Report.objects.create(kind="test.rows", title="进程中断", created_by=staff), 30)
    assert build(dead.pk) == Report.Status.DONE
    dead.refresh_from_db()
    assert dead.file and dead.rows == 1


def test_a_redelivered_task_takes_over_from_a_dead_worker_even_before_the_deadline(kinds, staff):
    report = running_since(Report.objects.create(kind="test.rows", title="刚中断", created_by=staff), 1)
    assert build(report.pk, redelivered=True) == Report.Status.DONE


def test_a_redelivered_task_rebuilds_a_report_already_marked_interrupted(kinds, staff):
    report = running_since(Report.objects.create(kind="test.rows", title="进程中断", created_by=staff), 60)
    fail_stale_reports()
    assert Report.objects.get(pk=report.pk).interrupted
    assert build(report.pk) == Report.Status.DONE
    report.refresh_from_db()
    assert report.file and not report.error and not report.interrupted


def test_a_second_delivery_does_not_rebuild_a_report_that_failed_in_its_own_build(kinds, staff):
    def _broken(params, path):
        raise ValueError("数据源不可用")

    broken = registry.ReportKind("test.broken2", "坏报表", "federation.view_calendarday", _broken, "b.xlsx")
    registry.reports.register(broken)
    try:
        report = Report.objects.create(kind="test.broken2", title="坏报表", created_by=staff)
        assert build(report.pk) == Report.Status.FAILED
        finished = Report.objects.get(pk=report.pk).finished_at
        assert build(report.pk, redelivered=True) == Report.Status.FAILED
        assert Report.objects.get(pk=report.pk).finished_at == finished
    finally:
        registry.reports._items.remove(broken)


def test_a_build_superseded_by_a_retry_does_not_overwrite_the_new_attempt(kinds, staff):
    report = Report.objects.create(kind="test.rows", title="报表", created_by=staff)
    start_report(report, now=timezone.now() - timedelta(hours=1))
    old_attempt = report.started_at
    fail_stale_reports()
    report.refresh_from_db()
    retry_report(report, staff)
    start_report(report)  # the retried build owns the report now
    from federation.reports import finish_report

    with pytest.raises(TransitionNotAllowed):
        finish_report(report, "/nonexistent", 5, attempt=old_attempt)
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING and not report.file


def test_nothing_outside_federation_reports_sets_a_reports_status():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = []
    packages = [p for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "tests"]
    for path in (f for package in packages for f in package.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        if path.name == "reports.py" and path.parent.name == "federation":
            continue
        if re.search(r"report\w*\.status\s*=[^=]", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
