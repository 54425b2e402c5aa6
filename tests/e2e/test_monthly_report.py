"""Browser journey of the monthly report: staff ask for last month's 月度工作报告 in the report centre
and download the Word file; the administrator's upload of a template with a broken placeholder is
refused with the reason, and the schedule page shows when the report goes to leadership."""

import pytest
from django.urls import reverse
from docx import Document
from playwright.sync_api import expect

from tests.e2e.test_services_requests import sign_in
from tests.enterprises.factories import EnterpriseFactory
from tests.federation.test_monthly_templates import word

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_generate_and_download_the_monthly_report(page, live_server, staff, shoot):
    EnterpriseFactory.create_batch(3)
    sign_in(page, live_server, staff.username)
    page.goto(live_server.url + reverse("federation:report_list"))
    page.get_by_role("link", name="月度工作报告").first.click()
    expect(page.get_by_role("heading", name="月度工作报告")).to_be_visible()
    shoot("monthly-request")
    month = page.get_by_label("月份").input_value()
    page.get_by_test_id("report-request-submit").click()
    expect(page.get_by_text("报告正在生成，完成后会显示在下方。")).to_be_visible()
    year, number = (int(part) for part in month.split("-"))
    title = f"{year}年{number}月工作报告"
    rows = page.get_by_test_id("reports").locator("tbody tr")
    expect(rows.filter(has_text=title).first).to_contain_text("已生成")
    expect(rows.filter(has_text="附件：台账").first).to_contain_text("已生成")
    shoot("monthly-report-centre")
    with page.expect_download() as download:
        rows.filter(has_text=title).filter(has_not_text="附件").get_by_test_id("download").click()
    assert download.value.suggested_filename.endswith(".docx")
    document = Document(str(download.value.path()))
    assert any(p.text == title for p in document.paragraphs)


def test_a_template_with_a_broken_placeholder_is_refused_and_the_schedule_is_shown(
    page, live_server, admin_user, shoot, tmp_path
):
    broken = tmp_path / "改过的模板.docx"
    broken.write_bytes(word("{{ title }", "{{ unknown_name }}").read())
    sign_in(page, live_server, admin_user.username)
    page.goto(live_server.url + reverse("federation:reporttemplate_list"))
    page.get_by_label("Word 模板（.docx）").set_input_files(str(broken))
    page.get_by_test_id("template-upload-submit").click()
    expect(page.get_by_test_id("template-upload")).to_contain_text("有占位符无法解析")
    expect(page.get_by_test_id("template-current")).to_contain_text("默认模板")
    shoot("monthly-template-refused")

    page.goto(live_server.url + reverse("federation:schedule_list"))
    row = page.get_by_test_id("schedules").locator("tr", has_text="federation-monthly-report")
    expect(row).to_contain_text("0 8 1 * *")
    shoot("monthly-schedules")
