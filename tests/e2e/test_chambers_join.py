"""An enterprise finds a chamber in the public directory on a phone and applies to join; the
chamber's secretary approves the application on a phone, picking the enterprise record and role."""

import pytest
from playwright.sync_api import expect

from chambers.models import Membership
from tests.chambers.factories import ChamberFactory
from tests.e2e.test_services_requests import sign_in, solve_captcha
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import clear_run_cache

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_secretary_approves_a_join_application_on_a_phone(page, live_server, secretary, shoot):
    clear_run_cache()
    chamber = ChamberFactory(name="西宁市光伏产业商会", address="西宁市城北区生物园区经二路12号")
    chamber.secretaries.add(secretary)
    ChamberFactory(name="西宁市甘肃商会", chamber_type="out_of_town")
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/chambers/directory/")
    expect(page.get_by_test_id("directory-card")).to_have_count(2)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("chambers-public-directory")
    page.get_by_test_id("directory-card").filter(has_text="光伏").get_by_role("link", name="申请入会").click()
    page.get_by_label("企业名称").fill(enterprise.name)
    page.get_by_label("统一社会信用代码").fill(enterprise.uscc)
    page.get_by_label("联系人").fill("马海涛")
    page.get_by_label("手机号码").fill("13897101234")
    page.get_by_label("本人同意", exact=False).check()
    solve_captcha(page)
    shoot("chambers-join-apply")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("applied")).to_be_visible()
    shoot("chambers-join-applied")

    sign_in(page, live_server, "secretary")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="待审核入会申请").first.click()
    page.get_by_role("link", name=enterprise.name).click()
    page.get_by_label(enterprise.name, exact=False).check()
    page.get_by_label("职务").select_option(label="理事")
    shoot("chambers-application-review")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-status")).to_have_text("已通过")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("chambers-application-approved")
    membership = Membership.objects.get()
    assert (membership.chamber, membership.enterprise, membership.role) == (chamber, enterprise, "director")
