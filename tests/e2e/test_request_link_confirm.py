"""Staff link a request by code to a record with another name: both names are shown and the link
waits for the confirmation box."""

import pytest
from playwright.sync_api import expect

from services.requests.models import ServiceRequest
from tests.e2e.test_services_requests import sign_in
from tests.services.factories import EnterpriseFactory, ServiceRequestFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_linking_to_a_differently_named_record_shows_both_names_and_asks_to_confirm(page, live_server, staff, shoot):
    enterprise = EnterpriseFactory(name="青海蓝天光伏科技有限公司")
    req = ServiceRequestFactory(enterprise_name="青海高原光伏科技有限公司", title="并网手续办理慢")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{req.get_absolute_url()}")
    page.get_by_test_id("open-link").click()
    page.locator("#id_link-uscc").fill(enterprise.uscc)
    page.get_by_test_id("form-link").get_by_role("button").click()
    confirm = page.get_by_label("已核实为同一企业，仍然关联")
    expect(confirm).to_be_visible()
    expect(page.get_by_test_id("form-link")).to_contain_text("青海蓝天光伏科技有限公司")
    expect(page.get_by_test_id("form-link")).to_contain_text("青海高原光伏科技有限公司")
    shoot("services-request-link-confirm")
    assert ServiceRequest.objects.get(pk=req.pk).enterprise_id is None
    confirm.check()
    page.get_by_test_id("form-link").get_by_role("button").click()
    expect(page.get_by_text("青海蓝天光伏科技有限公司").first).to_be_visible()
    assert ServiceRequest.objects.get(pk=req.pk).enterprise_id == enterprise.pk
