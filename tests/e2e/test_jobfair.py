"""On a phone (390 px) an enterprise registers for a job fair with two positions; staff approve the
registration; the two positions appear on the public fair page job seekers read."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services.jobfairs.choices import FairStatus
from services.jobfairs.models import JobFair, JobRegistration
from tests.e2e.test_services_requests import sign_in, solve_captcha
from tests.kit import clear_run_cache

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_position(page, i, title, headcount, lo, hi, place):
    page.locator(f'[name="positions-{i}-title"]').fill(title)
    page.locator(f'[name="positions-{i}-headcount"]').fill(str(headcount))
    page.locator(f'[name="positions-{i}-salary_min"]').fill(str(lo))
    page.locator(f'[name="positions-{i}-salary_max"]').fill(str(hi))
    page.locator(f'[name="positions-{i}-place"]').fill(place)


def test_an_enterprise_registers_two_positions_on_a_phone_and_they_appear_once_approved(
    page, live_server, staff, shoot
):
    clear_run_cache()
    today = timezone.localdate()
    fair = JobFair.objects.create(
        title="政策宣传月民营企业专场招聘会",
        held_on=today + datetime.timedelta(days=7),
        venue="西宁市人力资源市场一楼大厅",
        organiser="西宁市工商业联合会",
        registration_opens=today - datetime.timedelta(days=3),
        registration_closes=today + datetime.timedelta(days=5),
        booths=40,
        status=FairStatus.OPEN,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + fair.get_register_url())
    page.get_by_label("企业名称").fill("青海高原光伏科技有限公司")
    page.get_by_label("联系人").fill("马海涛")
    page.get_by_label("手机号码").fill("138 9710 1234")
    fill_position(page, 0, "光伏组件装配工", 12, 4500, 6000, "南川工业园")
    page.get_by_test_id("add-position").click()
    expect(page.get_by_test_id("position-form")).to_have_count(2)
    fill_position(page, 1, "电气工程师", 2, 8000, 12000, "城北区")
    solve_captcha(page)
    page.get_by_label("我同意", exact=False).check()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("jobfair-register")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("tracking-code")).to_be_visible()
    reg = JobRegistration.objects.get()
    assert reg.positions.count() == 2 and reg.phone == "13897101234"

    sign_in(page, live_server, "staff")
    page.goto(live_server.url + fair.get_absolute_url())
    expect(page.get_by_test_id("registration-status")).to_have_text("待审核")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("registration-status")).to_have_text("已通过")
    expect(page.get_by_test_id("booths-used")).to_have_text("1 / 40")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + fair.get_public_url())
    expect(page.get_by_test_id("public-position")).to_have_count(2)
    expect(page.get_by_test_id("public-enterprise")).to_contain_text("光伏组件装配工")
    expect(page.get_by_test_id("public-enterprise")).to_contain_text("电气工程师")
    assert "13897101234" not in page.content()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("jobfair-public")
    page.get_by_label("岗位", exact=True).fill("电气")
    page.get_by_role("button", name="搜索岗位").click()
    expect(page.get_by_test_id("public-position")).to_have_count(1)


def test_typing_a_code_with_an_earlier_fair_offers_to_copy_its_positions(page, live_server):
    from services.jobfairs import operations
    from tests.enterprises.factories import EnterpriseFactory

    clear_run_cache()
    today = timezone.localdate()
    e = EnterpriseFactory(name="青海湟水食品有限公司")
    window = {"registration_opens": today - datetime.timedelta(days=3), "registration_closes": today}
    old = JobFair.objects.create(
        title="去年招聘会", held_on=today - datetime.timedelta(days=200), venue="市民中心", booths=10,
        status=FairStatus.HELD, **{k: v - datetime.timedelta(days=210) for k, v in window.items()},
    )  # fmt: skip
    operations.register_for_fair(
        old, uscc=e.uscc, contact_person="韩梅", phone="13897100000", check_window=False,
        positions=[{"title": "食品检验员", "headcount": 3}],
    )  # fmt: skip
    fair = JobFair.objects.create(
        title="春风招聘会", held_on=today + datetime.timedelta(days=3), venue="市民中心", booths=10,
        status=FairStatus.OPEN, **window,
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + fair.get_register_url())
    expect(page.get_by_test_id("copy-previous")).to_have_count(0)
    page.get_by_label("统一社会信用代码").fill(e.uscc)
    page.get_by_test_id("copy-previous").click()
    expect(page.locator('[name="positions-0-title"]')).to_have_value("食品检验员")
    expect(page.get_by_label("统一社会信用代码")).to_have_value(e.uscc)
