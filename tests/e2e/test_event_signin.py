"""An attendee at the venue opens the event's sign-in link (the address its QR code encodes) on a
phone, signs in, and the staff's event page counts one more attendee."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services.events.models import Event, EventSeries
from tests.e2e.test_services_requests import sign_in
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import clear_run_cache

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_attendee_signs_in_by_the_qr_link_on_a_phone_and_attendance_rises(page, live_server, staff, settings, shoot):
    clear_run_cache()
    settings.PUBLIC_BASE_URL = live_server.url  # the QR code's address is the portal's public one
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    series = EventSeries.objects.create(name="民营经济发展讲堂")
    event = Event.objects.create(
        event_type="lecture",
        series=series,
        issue=4,
        title="企业合规经营与风险防范",
        held_on=timezone.localdate(),
        venue="市工商联四楼会议室",
    )
    event.attendances.create(
        enterprise_name="西宁昆仑商贸有限公司",
        contact_person="李娜",
        phone="13912345678",
        match_key="name:西宁昆仑商贸有限公司",
        name_key="西宁昆仑商贸有限公司",
        signed_in_at=timezone.now(),
    )

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_test_id("event-attendance")).to_have_text("1")
    link = page.get_by_test_id("signin-link").get_attribute("href")
    assert link == f"{live_server.url}/services/events/signin/{event.signin_token}/"
    expect(page.get_by_test_id("event-signin").locator("svg")).to_be_visible()
    shoot("event-detail")
    page.goto(f"{live_server.url}/services/events/{event.pk}/poster/")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    shoot("event-poster")

    # The attendee's phone: a browser of its own, no login.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    expect(page.get_by_test_id("signin-event")).to_contain_text("民营经济发展讲堂 第4期")
    page.get_by_label("统一社会信用代码").fill(enterprise.uscc.lower())
    page.get_by_label("联系人").fill("马海涛")
    page.get_by_label("手机号码").fill("138 9710 1234")
    page.get_by_label("我同意", exact=False).check()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("event-signin")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("signin-done")).to_be_visible()
    expect(page.get_by_text("青海高原光伏科技有限公司")).to_be_visible()
    shoot("event-signed-in")
    # Scanning again from the same enterprise is told so, and stores nothing twice.
    page.goto(link)
    page.get_by_label("企业名称").fill("青海高原光伏科技有限公司")
    page.get_by_label("联系人").fill("马海涛")
    page.get_by_label("手机号码").fill("13897101234")
    page.get_by_label("我同意", exact=False).check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("signin-repeat")).to_be_visible()

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_test_id("event-attendance")).to_have_text("2")
    expect(page.get_by_test_id("event-attendees")).to_contain_text("青海高原光伏科技有限公司")
    assert event.attendances.count() == 2
