"""Browser journey (issue 9): an upload while the background service is down says so at once; once
it is back, the person retries the import from its page and gets the dry run."""

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD
from federation.imports import tasks
from tests.enterprises.test_imports import row, write_csv

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_import_not_queued_is_shown_failed_and_retried(page, live_server, staff, tmp_path, shoot, monkeypatch):
    path = write_csv(tmp_path / "登记.csv", [row(1), row(2)])
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(staff.username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()

    def broker_down(*args, **kwargs):
        raise OSError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.run_import_job, "apply_async", broker_down)
        page.goto(f"{live_server.url}/enterprises/import/")
        page.get_by_label("表格文件（XLSX 或 CSV）").set_input_files(str(path))
        page.get_by_role("button", name="上传并检查").click()
        expect(page.get_by_test_id("import-status")).to_have_text("失败")
        expect(page.get_by_test_id("import-error")).to_contain_text("后台任务服务暂不可用，请稍后重试")
        shoot("import-broker-down")

    page.get_by_test_id("import-retry").click()
    expect(page.get_by_test_id("import-status")).to_have_text("已检查，待确认")
    expect(page.get_by_test_id("count-created")).to_have_text("2")
