"""Browser journey of the enterprise records: the register, a two-character search, the 一企一档 page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from conftest import TEST_PASSWORD
from enterprises.demo import seed_enterprises
from enterprises.models import Enterprise
from tests.enterprises.factories import EnterpriseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_staff_find_an_enterprise_by_a_two_character_search_and_open_its_record(page, live_server, staff, shoot):
    seed_enterprises(enterprises=120)
    target = EnterpriseFactory(
        name="青海天合光伏科技有限公司",
        legal_representative="欧阳明华",
        contact_phone="13812345678",
        registered_capital=120_000_000,
        founded_on=datetime.date(2012, 6, 1),
        is_member=True,
        member_level="vice_president",
        member_since=datetime.date(2018, 3, 15),
        cluster="pv",
        scale="medium",
        tags="专精特新,高新技术企业",
    )
    target.notes = "2026年走访时提出用地需求。"
    target.save()
    pv_count = Enterprise.objects.filter(name__contains="光伏").count()

    sign_in(page, live_server, "staff")
    page.get_by_test_id("sidebar").get_by_role("link", name="企业名录").click()
    expect(page.get_by_role("heading", name="企业")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_contain_text(f"共 {Enterprise.objects.count()} 家企业")
    shoot("enterprise-list")

    page.get_by_label("搜索").fill("光伏")
    page.get_by_test_id("enterprise-filters").get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("result-count")).to_contain_text(f"共 {pv_count} 家企业")
    table = page.get_by_test_id("enterprise-table")
    expect(table).to_contain_text("欧**华")  # masked in the list
    expect(table).not_to_contain_text("13812345678")
    shoot("enterprise-search-pv")

    table.get_by_role("link", name="青海天合光伏科技有限公司").click()
    expect(page.get_by_test_id("enterprise-name")).to_have_text("青海天合光伏科技有限公司")
    expect(page.get_by_test_id("legal-representative")).to_have_text("欧阳明华")  # staff see it whole
    expect(page.get_by_text("1.20 亿元")).to_be_visible()
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("加入工商联")
    expect(timeline).to_contain_text("企业成立")
    expect(page.get_by_test_id("changes")).to_contain_text("备注")
    shoot("enterprise-detail")

    page.get_by_role("link", name="编辑").click()
    expect(page.locator("#id_uscc")).to_have_value(target.uscc)
    shoot("enterprise-edit")

    page.locator("#id_uscc").fill("91630102000000001X")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_uscc")).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_text("校验位")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("青海天合光伏科技有限公司")
    shoot("enterprise-edit-error")
    assert Enterprise.objects.get(pk=target.pk).uscc == target.uscc
