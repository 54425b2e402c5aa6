"""Large enterprise exports go through the report centre (a Celery task), not the request."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from enterprises import spreadsheet
from federation.models import Report
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_direct_limit(settings):
    settings.ENTERPRISE_EXPORT_DIRECT_MAX = 2


def download(client, report):
    response = client.get(reverse("federation:report_download", args=[report.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_a_large_export_is_built_in_the_report_centre(
    staff_client, staff, small_direct_limit, django_capture_on_commit_callbacks
):
    EnterpriseFactory.create_batch(2, name="青海光伏科技有限公司")
    EnterpriseFactory(name="西宁商贸有限公司")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.get(reverse("enterprises:enterprise_list") + "?export=xlsx")
    assert response.status_code == 302 and response["Location"] == reverse("federation:report_list")
    report = Report.objects.get()
    assert (report.kind, report.status, report.rows, report.created_by) == ("enterprises.export", "done", 3, staff)
    page = staff_client.get(reverse("federation:report_list")).content.decode()
    assert "企业档案导出" in page and "已生成" in page
    rows = list(download(staff_client, report).active.iter_rows(values_only=True))
    assert list(rows[0]) == spreadsheet.HEADERS
    assert len(rows) == 1 + 3


def test_the_report_keeps_the_lists_search(staff_client, small_direct_limit, django_capture_on_commit_callbacks):
    EnterpriseFactory.create_batch(3, name="青海光伏科技有限公司")
    EnterpriseFactory.create_batch(2, name="西宁商贸有限公司")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.get(reverse("enterprises:enterprise_list") + "?q=光伏&export=xlsx&page=2")
    report = Report.objects.get()
    assert report.params == {"query": "q=%E5%85%89%E4%BC%8F"}
    assert report.rows == 3


def test_a_small_export_is_still_the_response_itself(staff_client, small_direct_limit):
    EnterpriseFactory.create_batch(2)
    response = staff_client.get(reverse("enterprises:enterprise_list") + "?export=xlsx")
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_only_the_person_who_asked_downloads_the_file(
    staff_client, staff2, leader, small_direct_limit, django_capture_on_commit_callbacks
):
    EnterpriseFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.get(reverse("enterprises:enterprise_list") + "?export=xlsx")
    report = Report.objects.get()
    url = reverse("federation:report_download", args=[report.pk])
    for other in (staff2, leader):
        client = Client()
        client.force_login(other)
        assert client.get(url).status_code == 403
        assert report.title not in client.get(reverse("federation:report_list")).content.decode()
    assert Client().get(url).status_code == 302  # anonymous: to the login page
