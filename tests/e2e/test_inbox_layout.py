"""The inbox on a desktop keeps a long title on one line (the whole on hover); on a phone each row
is a card whose title is on screen, with no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_services_requests import sign_in
from tests.services.factories import ServiceRequestFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LONG = "企业流动资金贷款到期后银行要求先还后贷导致资金链紧张希望协调无还本续贷并延长贷款期限的请求"


def test_a_long_title_takes_one_line_on_a_desktop_and_a_card_on_a_phone(page, live_server, staff, shoot):
    ServiceRequestFactory(title=LONG, enterprise_name="青海高原光伏科技有限公司西宁分公司（湟中区甘河工业园）")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/services/requests/")
    link = page.get_by_role("link", name=LONG)
    expect(link).to_have_attribute("title", LONG)
    line = link.evaluate("a => parseFloat(getComputedStyle(a).lineHeight) || 24")
    assert link.bounding_box()["height"] <= line * 1.5
    shoot("services-inbox-long-title")
    # The desktop table fits its card: no column pushed out of sight.
    wrapper = page.locator(".table-responsive")
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    box = page.get_by_role("link", name=LONG).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    expect(page.locator("td[data-label='承办人']").first).to_be_visible()
