"""Browser journeys of the administration pages, checked with axe-core like every browser test
(tests/e2e/conftest.py): the phone menus, a whole year entered into the holiday calendar, the change
audit with its filters, and the public form's captcha with its alternative."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的工作台")).to_be_visible()


def test_both_phone_menu_buttons_have_names(page, live_server, staff):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "staff")
    expect(page.get_by_role("button", name="菜单")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("个人账户"))).to_be_visible()


def test_staff_enter_next_years_calendar_from_the_warning(page, live_server, staff, shoot):
    from federation.models import CalendarDay

    year = datetime.date.today().year + 1
    CalendarDay.objects.filter(date__year=year).delete()
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/system/calendar/")
    if datetime.date.today().month >= 11:
        expect(page.get_by_test_id("calendar-missing-year")).to_contain_text(str(year))
    page.get_by_test_id("calendar-bulk").click()
    page.get_by_label("粘贴国务院办公厅通知中的放假安排").fill(
        f"{year}-01-01 元旦 休\n{year}-02-06 春节 上班\n{year}-02-10至{year}-02-16 春节 休\n{year}-13-01 错误 休\n"
    )
    page.get_by_test_id("calendar-preview-button").click()
    expect(page.get_by_test_id("calendar-problems")).to_contain_text("第 4 行")
    expect(page.get_by_test_id("calendar-confirm")).to_have_count(0)
    shoot("calendar-bulk-problems")
    page.get_by_label("粘贴国务院办公厅通知中的放假安排").fill(
        f"{year}-01-01 元旦 休\n{year}-02-06 春节 上班\n{year}-02-10至{year}-02-16 春节 休\n"
    )
    page.get_by_test_id("calendar-preview-button").click()
    expect(page.get_by_test_id("calendar-preview")).to_contain_text("将新增 9 天")
    shoot("calendar-bulk-preview")
    page.get_by_test_id("calendar-confirm").click()
    expect(page.get_by_role("alert").first).to_contain_text("已录入 9 天")
    assert CalendarDay.objects.filter(date__year=year).count() == 9
    expect(page.get_by_test_id("calendar-missing-year")).to_have_count(0)


def test_the_administrator_filters_the_audit_and_sees_what_changed(page, live_server, admin_user, staff, shoot):
    from federation.models import CalendarDay

    day = CalendarDay(date=datetime.date(2031, 5, 1), kind="holiday", name="劳动节")
    day._history_user = staff
    day.save()
    day.name = "劳动节（调整）"
    day._history_user = staff
    day.save()
    sign_in(page, live_server, admin_user.username)
    page.goto(f"{live_server.url}/system/audit/changes/")
    page.get_by_label("操作人").select_option(label=str(staff.get_full_name() or staff.username))
    page.get_by_label("记录类型").select_option(value="federation.calendarday")
    page.get_by_role("button", name="查询").click()
    table = page.get_by_test_id("audit-table")
    expect(table.get_by_test_id("audit-changes").first).to_contain_text("劳动节（调整）")
    expect(table.get_by_role("link", name=re.compile("2031-05-01")).first).to_be_visible()
    shoot("audit-log-filtered")


def test_the_public_form_offers_a_way_past_the_captcha_picture(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/requests/new/")
    picture = page.get_by_role("img", name=re.compile("算式图片"))
    expect(picture).to_be_visible()
    assert not re.search(r"\d", picture.get_attribute("aria-label"))  # the label never gives the sum
    expect(page.get_by_test_id("captcha-alternative")).to_contain_text("12345")
