"""Browser journey of an enterprise request: submitted on a phone, handled by staff, rated 不满意
by the enterprise and seen reopened. Screenshots of every page involved (desktop + phone)."""

import re

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def solve_captcha(page):
    """Every sum is 2 + 2 in browser tests (``captcha_sums_of_two``, tests/e2e/conftest.py)."""
    expect(page.get_by_test_id("captcha-image")).to_be_visible()
    page.get_by_label(re.compile("验证")).fill("4")


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    # Leadership land on the dashboard, everyone else on their workbench.
    landing = "数据驾驶舱" if username == "leader" else "我的工作台"
    expect(page.get_by_role("heading", name=landing)).to_be_visible()


def look_up(page, live_server, code, phone):
    page.goto(f"{live_server.url}/services/requests/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("提交时填写的手机号码").fill(phone)
    page.get_by_role("button", name="查询", exact=True).click()


def test_an_enterprise_request_from_a_phone_to_a_reopened_rating(page, live_server, staff, staff2, leader, shoot):
    # 1. The enterprise, on a 390-px phone, fills in the public form (no login).
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/requests/new/")
    expect(page.get_by_role("heading", name="企业诉求直通车")).to_be_visible()
    shoot("services-request-form")
    page.set_viewport_size(PHONE)
    page.get_by_label("企业名称").fill("青海高原光伏科技有限公司")
    page.get_by_label("联系人").fill("张明")
    page.get_by_label("手机号码").fill("1391234567")  # one digit short
    page.get_by_label("类别").select_option(label="融资")
    page.get_by_label("标题").fill("流动资金贷款续贷困难")
    page.get_by_label("具体情况").fill("贷款下月到期，希望协调无还本续贷。<script>alert(1)</script>")
    page.get_by_label(re.compile("我同意")).check()
    solve_captcha(page)
    page.get_by_test_id("submit").click()
    # The mistake is explained next to the field, and nothing typed is lost.
    expect(page.locator("#id_phone.is-invalid")).to_be_visible()
    expect(page.get_by_text("请输入以13–19开头的11位手机号码")).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("流动资金贷款续贷困难")
    shoot("services-request-form-errors")
    page.set_viewport_size(PHONE)
    page.get_by_label("手机号码").fill("13912345678")
    solve_captcha(page)
    page.get_by_test_id("submit").click()
    code = page.get_by_test_id("tracking-code").text_content().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    expect(page.get_by_text("接下来会怎样")).to_be_visible()
    shoot("services-request-submitted")

    # 2. Staff accept, assign and resolve it from the inbox.
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/services/requests/")
    expect(page.get_by_test_id("request-table")).to_contain_text("流动资金贷款续贷困难")
    shoot("services-inbox")
    page.get_by_role("link", name="流动资金贷款续贷困难").click()
    expect(page.get_by_test_id("status")).to_have_text("待受理")
    expect(page.get_by_test_id("description")).to_contain_text("<script>alert(1)</script>")  # shown as text
    page.get_by_test_id("open-accept").click()
    page.get_by_test_id("do-accept").click()
    expect(page.get_by_test_id("status")).to_have_text("已受理")
    page.get_by_test_id("open-assign").click()
    page.get_by_test_id("form-assign").get_by_label("指派给").select_option(label="staff2")
    page.get_by_test_id("do-assign").click()
    expect(page.get_by_test_id("status")).to_have_text("办理中")
    expect(page.get_by_test_id("assignee")).to_have_text("staff2")
    page.get_by_test_id("open-resolve").click()
    page.get_by_test_id("form-resolve").get_by_label("办理结果").fill("已协调银行办理无还本续贷。")
    page.get_by_test_id("do-resolve").click()
    expect(page.get_by_test_id("status")).to_have_text("已办结")
    shoot("services-request-detail")
    page.goto(f"{live_server.url}/services/requests/poster/")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    shoot("services-poster", phone=False)

    # 3. The enterprise looks it up with code and phone and rates it 不满意: it is reopened.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/requests/track/")
    shoot("services-request-lookup")
    page.set_viewport_size(PHONE)
    look_up(page, live_server, code.lower(), "13900000000")  # wrong phone
    expect(page.get_by_test_id("track-error")).to_have_text("没有找到与该查询码和手机号码相符的诉求。")
    look_up(page, live_server, code, "13912345678")
    expect(page.get_by_test_id("status")).to_have_text("已办结")
    expect(page.get_by_test_id("public-timeline")).to_contain_text("已协调银行办理无还本续贷。")
    shoot("services-request-track-result")
    page.set_viewport_size(PHONE)
    page.get_by_label("不满意").check()
    page.get_by_label("意见（选填）").fill("银行仍要求先还后贷。")
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_test_id("status")).to_have_text("重新办理")
    expect(page.get_by_text("提级工商联领导督办")).to_be_visible()
    shoot("services-request-reopened")

    # 4. Leadership is told (an in-portal notice) and sees it in the inbox, escalated.
    sign_in(page, live_server, "leader")  # leadership land on the dashboard; the notice is on their workbench
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text(re.compile("诉求被评为不满意"))).to_be_visible()
    page.goto(f"{live_server.url}/services/requests/?escalated=true")
    expect(page.get_by_test_id("request-table")).to_contain_text("流动资金贷款续贷困难")
    expect(page.get_by_role("button", name=re.compile("受理"))).to_have_count(0)
    page.goto(f"{live_server.url}/services/requests/metrics/")
    expect(page.get_by_test_id("summary")).to_contain_text("响应率")
    shoot("services-metrics")

    # 5. The assignee finds the reopened request on the workbench.
    sign_in(page, live_server, "staff2")
    expect(page.get_by_text(re.compile("我的正常诉求"))).to_be_visible()
    expect(page.get_by_text(re.compile("流动资金贷款续贷困难")).first).to_be_visible()
    shoot("services-workbench")
