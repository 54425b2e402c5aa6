"""Browser journey: a staff member imports the registry file, reads the dry run, confirms, and finds
an imported enterprise by a two-character search on the list."""

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD
from enterprises.models import Enterprise
from tests.enterprises.test_imports import row, write_csv

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_staff_member_imports_a_file_confirms_and_finds_an_enterprise(page, live_server, staff, tmp_path, shoot):
    rows = [
        row(1, name="湟源牦牛乳业有限公司", cluster="其他", industry_section="C", industry_division="14"),
        row(2, name="西宁光伏组件制造有限公司"),
        row(3, name="大通锂电储能科技有限公司", cluster="锂电储能", district="大通回族土族自治县"),
        row(4, name="错误日期的公司", founded_on="2020-02-30"),
        row(2, name="重复代码的公司"),
    ]
    path = write_csv(tmp_path / "市场监管局登记.csv", rows, encoding="gbk")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(staff.username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/enterprises/")
    page.get_by_test_id("import-button").click()
    expect(page.get_by_role("heading", name="导入企业")).to_be_visible()
    shoot("enterprise-import-upload")

    page.get_by_label("表格文件（XLSX 或 CSV）").set_input_files(str(path))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_test_id("import-status")).to_have_text("已检查，待确认")
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    expect(page.get_by_test_id("count-invalid")).to_have_text("2")
    invalid = page.get_by_test_id("invalid-rows")
    expect(invalid).to_contain_text("“2020-02-30”不是日期")
    expect(invalid).to_contain_text("与本文件第 3 行重复")
    assert Enterprise.objects.count() == 0  # the dry run changed nothing
    shoot("enterprise-import-dry-run")

    page.get_by_test_id("import-confirm").click()
    expect(page.get_by_test_id("import-done")).to_be_visible()
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    shoot("enterprise-import-done")
    assert Enterprise.objects.count() == 3

    page.get_by_role("link", name="查看企业列表").click()
    page.goto(f"{live_server.url}/enterprises/?q=牦牛")
    expect(page.get_by_role("link", name="湟源牦牛乳业有限公司")).to_be_visible()
    expect(page.get_by_text("西宁光伏组件制造有限公司")).to_have_count(0)


def test_a_running_import_shows_a_progress_bar_that_polls(page, live_server, staff, tmp_path, shoot):
    from django.core.cache import cache

    from federation.imports.models import ImportJob
    from tests.enterprises.test_imports import make_job

    job = make_job(tmp_path, [row(1)], staff, status=ImportJob.Status.APPLYING)
    cache.set(job.progress_key, {"done": 105000, "percent": 42}, timeout=60)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(staff.username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    with page.expect_request(lambda r: r.url.endswith(f"/import/{job.pk}/status/")):
        page.goto(f"{live_server.url}{job.get_absolute_url()}")
    progress = page.get_by_test_id("import-progress")
    expect(progress).to_contain_text("正在导入有效行")
    expect(progress).to_contain_text("已读取 105000 行")
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "42")
    shoot("enterprise-import-progress")
    cache.delete(job.progress_key)
