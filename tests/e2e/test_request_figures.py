"""The request statistics page on a 390-px phone: the tables scroll sideways with readable columns
instead of squeezing to one character per column (issue 8)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from services.requests import operations
from services.requests.choices import Category
from tests.enterprises.factories import county as district
from tests.services.factories import ServiceRequestFactory

from .test_services_requests import PHONE, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def test_the_figures_page_is_readable_on_a_phone(page, live_server, staff, shoot):
    for i, category in enumerate((Category.FINANCING, Category.POLICY, Category.LEGAL)):
        r = ServiceRequestFactory(
            category=category, district=district(), now=datetime.datetime(2025, 3, 3 + i, 10, tzinfo=SH)
        )
        operations.accept_request(r, staff, now=datetime.datetime(2025, 3, 3 + i, 15, tzinfo=SH))
    sign_in(page, live_server, "staff")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/requests/metrics/?start=2025-03-01&end=2025-03-31")
    table = page.locator("table.metrics-table").first
    # Every header cell is wider than two Chinese characters; the table is wider than the screen and
    # its container scrolls, while the page itself does not.
    widths = table.locator("thead th").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
    assert min(widths[1:]) > 2 * 14, widths
    assert table.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shoot("services-request-figures")
