"""Browser journey of the chamber records: staff open a chamber's 一会一档 page from the list and put
it under rectification, then mark it dormant, with the reason; each step shows on the page, the chamber
leaves the public directory and the key area it covered is uncovered on the coverage page."""

import pytest
from playwright.sync_api import expect

from chambers.choices import MemberRole, Status
from chambers.models import Chamber
from conftest import TEST_PASSWORD
from tests.chambers.factories import ChamberFactory, KeyAreaFactory, MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()


def change_status(page, label, reason):
    box = page.get_by_test_id("action-status")
    box.get_by_label("变更为").select_option(label=label)
    box.get_by_label("变更理由").fill(reason)
    box.get_by_role("button", name="提交").click()


def test_staff_mark_a_chamber_rectifying_and_then_dormant_on_its_page(page, live_server, staff, shoot):
    chamber = ChamberFactory(name="西宁市光伏产业商会", short_name="光伏商会")
    MembershipFactory(chamber=chamber, role=MemberRole.PRESIDENT, enterprise__name="青海天合光伏科技有限公司")
    MembershipFactory.create_batch(3, chamber=chamber)
    others = ChamberFactory.create_batch(4)
    KeyAreaFactory(name="海湖新区商圈").chambers.add(chamber)
    KeyAreaFactory(name="城西商圈").chambers.add(others[0])

    page.goto(f"{live_server.url}/chambers/directory/?q=光伏")
    expect(page.get_by_test_id("directory-card")).to_have_count(1)
    expect(page.get_by_test_id("directory-card")).to_contain_text("西宁市光伏产业商会")

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/chambers/coverage/")
    expect(page.get_by_test_id("rate-all")).to_have_text("100.0%")
    expect(page.get_by_test_id("uncovered-count")).to_have_text("0")
    page.get_by_test_id("sidebar").locator('a[href="/chambers/"]').click()
    expect(page.get_by_test_id("chamber-table")).to_contain_text("西宁市光伏产业商会")
    shoot("chamber-list")

    page.get_by_test_id("chamber-table").get_by_role("link", name="西宁市光伏产业商会").click()
    expect(page.get_by_test_id("chamber-president")).to_have_text("青海天合光伏科技有限公司")
    expect(page.get_by_test_id("chamber-members")).to_contain_text("现有会员（4家）")
    shoot("chamber-detail")

    change_status(page, "列入整顿", "连续一年未开展活动，列入整顿")
    expect(page.get_by_test_id("chamber-status")).to_have_text("整顿中")
    expect(page.get_by_test_id("chamber-status-history")).to_contain_text("连续一年未开展活动，列入整顿")
    # From 整顿中 only the allowed paths are offered.
    options = page.get_by_test_id("action-status").get_by_label("变更为").locator("option")
    expect(options).to_have_text(["请选择", "认定为僵尸商会", "恢复正常", "注销"])
    shoot("chamber-rectifying")

    change_status(page, "认定为僵尸商会", "整顿期满仍无法联系")
    expect(page.get_by_test_id("chamber-status")).to_have_text("僵尸")
    expect(page.get_by_test_id("chamber-timeline")).to_contain_text("整顿期满仍无法联系")
    shoot("chamber-dormant")
    assert Chamber.objects.get(pk=chamber.pk).status == Status.DORMANT

    # A chamber that leaves 正常 leaves the public directory...
    page.goto(f"{live_server.url}/chambers/directory/?q=光伏")
    expect(page.get_by_test_id("directory-card")).to_have_count(0)
    # ...and no longer covers its key area: the rate drops and the area is listed as uncovered.
    page.goto(f"{live_server.url}/chambers/coverage/")
    expect(page.get_by_test_id("rate-all")).to_have_text("50.0%")
    expect(page.get_by_test_id("uncovered")).to_have_text(["重点商圈 · 海湖新区商圈"])
    shoot("coverage-after-dormant")
