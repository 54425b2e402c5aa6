"""Browser journeys of the foundation: sign-in per role, navigation by role, lockout, error pages."""

import re

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password=TEST_PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        ("admin", ["我的工作台", "节假日日历", "登录日志", "操作审计", "后台管理"], []),
        ("leader", ["我的工作台", "节假日日历"], ["登录日志", "操作审计", "后台管理"]),
        ("staff", ["我的工作台", "节假日日历"], ["登录日志", "操作审计", "后台管理"]),
        ("secretary", ["我的工作台"], ["节假日日历", "登录日志", "后台管理"]),
    ],
)
def test_each_role_signs_in_and_sees_its_own_navigation(page, live_server, role_users, role, sees, does_not_see, shoot):
    sign_in(page, live_server, role_users[role].username)
    # Leadership land on the dashboard (数据驾驶舱), everyone else on their workbench.
    expect(page.get_by_role("heading", name="数据驾驶舱" if role == "leader" else "我的工作台")).to_be_visible()
    sidebar = page.get_by_test_id("sidebar")
    for label in sees:
        expect(sidebar.get_by_role("link", name=label)).to_have_count(1)
    for label in does_not_see:
        expect(sidebar.get_by_role("link", name=label)).to_have_count(0)
    if role == "admin":
        shoot("workbench-admin")


def test_five_wrong_passwords_lock_the_account(page, live_server, staff, shoot):
    page.goto(f"{live_server.url}/accounts/login/")
    shoot("login")
    for _ in range(4):
        sign_in(page, live_server, "staff", "wrong-password")
        expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的")
    sign_in(page, live_server, "staff", "wrong-password")
    expect(page.get_by_test_id("locked")).to_contain_text("锁定 30 分钟")
    shoot("locked")
    sign_in(page, live_server, "staff")  # the right password no longer helps
    expect(page.get_by_test_id("locked")).to_be_visible()


def test_the_phone_layout_hides_the_menu_behind_a_button(page, live_server, staff, shoot):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "staff")
    sidebar_link = page.get_by_test_id("sidebar").get_by_role("link", name="节假日日历")
    expect(sidebar_link).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    expect(sidebar_link).to_be_visible()
    sidebar_link.click()
    expect(page).to_have_url(re.compile(r"/system/calendar/$"))
    shoot("calendar")


def test_error_pages_are_chinese(page, live_server, outsider, shoot):
    sign_in(page, live_server, "outsider")
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    shoot("404")
    response = page.goto(f"{live_server.url}/system/audit/changes/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="您没有权限进行此操作")).to_be_visible()
    shoot("403", phone=False)
