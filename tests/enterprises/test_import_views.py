"""Import pages: every role on every page, upload refusals shown in Chinese, dry run, confirm."""

import openpyxl
import pytest
from django.urls import reverse

from conftest import client_for
from enterprises import spreadsheet
from enterprises.imports import run_import
from enterprises.models import Enterprise
from federation.imports.models import ImportJob
from tests.enterprises.test_imports import make_job, row, write_csv
from tests.kit import roles_map

pytestmark = pytest.mark.django_db

ALLOWED = {"admin", "staff"}


@pytest.fixture
def checked_job(tmp_path, staff):
    job = make_job(tmp_path, [row(1), row(2, founded_on="不详")], staff)
    run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    return job


def pages(job):
    return [
        reverse("enterprises:enterprise_import"),
        reverse("enterprises:enterprise_import_template"),
        reverse("enterprises:enterprise_import_detail", args=[job.pk]),
        reverse("enterprises:enterprise_import_status", args=[job.pk]),
        reverse("enterprises:enterprise_import_invalid", args=[job.pk]),
    ]


@pytest.mark.parametrize("page", range(5))
def test_each_import_page_is_open_to_importers_only(assert_roles, checked_job, page):
    assert_roles(pages(checked_job)[page], roles_map(ALLOWED))


@pytest.mark.parametrize("role", ["admin", "staff", "leader", "secretary", "outsider"])
def test_only_importers_may_apply_an_import(client, role_users, checked_job, role):
    client_for(client, role_users[role])
    response = client.post(reverse("enterprises:enterprise_import_apply", args=[checked_job.pk]))
    assert response.status_code == (302 if role in ALLOWED else 403)


def test_anonymous_visitors_are_sent_to_the_login_page(client, checked_job):
    for url in [*pages(checked_job), reverse("enterprises:enterprise_import_apply", args=[checked_job.pk])]:
        response = client.get(url) if not url.endswith("/apply/") else client.post(url)
        assert response.status_code == 302 and reverse("login") in response.url, url
    assert Enterprise.objects.count() == 0


def test_the_apply_page_refuses_get(staff_client, checked_job):
    assert staff_client.get(reverse("enterprises:enterprise_import_apply", args=[checked_job.pk])).status_code == 405


def test_the_template_has_the_headers_of_the_layout(staff_client, tmp_path):
    response = staff_client.get(reverse("enterprises:enterprise_import_template"))
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == spreadsheet.HEADERS
    assert sheet.max_row == 1


def test_the_upload_page_lists_every_column_with_its_allowed_values(staff_client):
    response = staff_client.get(reverse("enterprises:enterprise_import"))
    text = response.content.decode()
    for header in spreadsheet.HEADERS:
        assert header in text
    assert "大型、中型、小型、微型" in text and "下载导入模板" in text


def test_uploading_a_file_checks_it_and_shows_the_dry_run(
    staff_client, staff, tmp_path, django_capture_on_commit_callbacks
):
    path = write_csv(tmp_path / "登记.csv", [row(1), row(2), row(2), row(3, district="海淀区")], encoding="gbk")
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = staff_client.post(reverse("enterprises:enterprise_import"), {"file": handle})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.status, job.created_by, job.original_name) == (ImportJob.Status.CHECKED, staff, "登记.csv")
    assert Enterprise.objects.count() == 0
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert "试导入" in page and "确认导入 2 行" in page
    assert "与本文件第 3 行重复" in page and "“海淀区”不是西宁市的区县" in page
    assert 'data-testid="count-invalid">2<' in page


def test_confirming_applies_the_valid_rows_and_records_who(
    staff_client, staff, checked_job, django_capture_on_commit_callbacks
):
    url = reverse("enterprises:enterprise_import_apply", args=[checked_job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    checked_job.refresh_from_db()
    assert checked_job.status == ImportJob.Status.DONE and checked_job.applied_by == staff
    assert Enterprise.objects.count() == 1
    page = staff_client.get(checked_job.get_absolute_url()).content.decode()
    assert "导入完成" in page
    # A second confirmation does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url)
    assert Enterprise.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "空文件"),  # Django's own FileField message
        (b"%PDF-1.4 not a sheet", "report.pdf", "不是电子表格"),
        ("名称,地址\n甲,乙\n".encode(), "wrong.csv", "缺少列"),
    ],
)
def test_a_refused_upload_says_why_in_chinese_and_stores_nothing(staff_client, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with open(path, "rb") as handle:
        response = staff_client.post(reverse("enterprises:enterprise_import"), {"file": handle})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_upload_over_the_limit_is_refused(staff_client, tmp_path, settings):
    settings.ENTERPRISE_IMPORT_MAX_BYTES = 1024
    path = write_csv(tmp_path / "big.csv", [row(n) for n in range(1, 20)])
    with open(path, "rb") as handle:
        response = staff_client.post(reverse("enterprises:enterprise_import"), {"file": handle})
    assert "文件太大" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_status_partial_polls_while_running_and_reloads_the_page_when_done(staff_client, checked_job):
    url = reverse("enterprises:enterprise_import_status", args=[checked_job.pk])
    response = staff_client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    ImportJob.objects.filter(pk=checked_job.pk).update(status=ImportJob.Status.APPLYING)
    response = staff_client.get(url, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in response
    assert 'hx-trigger="every 1s"' in response.content.decode() and "正在导入有效行" in response.content.decode()


def test_the_invalid_rows_download_has_the_reason_column(staff_client, checked_job, tmp_path):
    response = staff_client.get(reverse("enterprises:enterprise_import_invalid", args=[checked_job.pk]))
    path = tmp_path / "invalid.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    values = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert values[0][-1] == "错误原因" and values[1][-2] == 3 and "不是日期" in values[1][-1]


def test_the_list_shows_the_import_button_to_importers_only(client, staff, leader):
    client_for(client, staff)
    assert 'data-testid="import-button"' in client.get(reverse("enterprises:enterprise_list")).content.decode()
    client_for(client, leader)
    assert 'data-testid="import-button"' not in client.get(reverse("enterprises:enterprise_list")).content.decode()


def test_a_failed_import_shows_its_reason(staff_client, tmp_path, staff):
    job = make_job(tmp_path, [row(1)], staff)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED, error="导入失败，数据未做任何更改：磁盘已满"
    )
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert "导入失败，数据未做任何更改：磁盘已满" in page and 'data-testid="import-error"' in page
    assert 'data-testid="import-confirm"' not in page


def test_a_job_the_worker_has_not_picked_up_says_so_after_a_minute(staff_client, tmp_path, staff):
    from datetime import timedelta

    from django.utils import timezone

    job = make_job(tmp_path, [row(1)], staff)  # pending: no worker ran it
    url = reverse("enterprises:enterprise_import_status", args=[job.pk])
    assert "后台任务尚未开始" not in staff_client.get(url).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert "后台任务尚未开始" in staff_client.get(url).content.decode()
