"""The clean-up candidates and the coverage page in a browser: staff mark a candidate checked on a
phone-width screen and see it move to the held list; the coverage page does not scroll sideways."""

import datetime

import pytest
from django.utils import timezone

from chambers.choices import KeyAreaKind
from tests.chambers.factories import ChamberFactory, KeyAreaFactory

from .test_services_requests import PHONE, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_mark_a_candidate_checked_on_a_phone(page, live_server, staff, shoot):
    ChamberFactory(name="西宁市换届逾期商会", next_election_due=datetime.date(2020, 1, 1))
    ChamberFactory(name="西宁市正常运转商会", next_election_due=datetime.date(2020, 1, 1))
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/chambers/candidates/")
    shoot("chambers-candidates")
    page.set_viewport_size(PHONE)
    row = page.get_by_test_id("candidate-row").filter(has_text="西宁市正常运转商会")
    row.locator("summary").click()
    row.locator("textarea[name=reason]").fill("已召开会员大会，换届材料已报送")
    row.get_by_role("button").click()
    held = page.get_by_test_id("held-row")
    assert held.count() == 1 and "西宁市正常运转商会" in held.inner_text()
    assert page.get_by_test_id("candidate-row").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shoot("chambers-candidates-checked")


def test_the_coverage_page_reads_on_a_phone(page, live_server, staff, shoot):
    new = ChamberFactory(name="西宁市城东区商会", registered_on=timezone.localdate())
    KeyAreaFactory(name="力盟商业巷商圈").chambers.add(new)
    KeyAreaFactory(name="生物科技产业园", kind=KeyAreaKind.PARK)
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/chambers/coverage/")
    assert page.get_by_test_id("rate-all").inner_text() == "50.0%"
    assert page.get_by_test_id("uncovered").inner_text().endswith("生物科技产业园")
    shoot("chambers-coverage")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.goto(f"{live_server.url}/chambers/yearly/")
    shoot("chambers-yearly")
