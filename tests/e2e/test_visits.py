"""Browser journey of a visit: on a 390-px phone, staff log a visit (picking the enterprise by typing
two characters), raise its problem as a request in one step, and find both on the enterprise's page.
Screenshots of the visit form, the visit page and the campaign page (desktop + phone)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services.campaigns.choices import Measure
from services.campaigns.models import Campaign, CampaignGoal
from services.models import ServiceRequest, Visit
from services.requests.choices import Source
from tests.e2e.test_services_requests import PHONE, sign_in
from tests.services.factories import EnterpriseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_log_a_visit_on_a_phone_raise_its_problem_and_find_both_on_the_enterprise_page(
    page, live_server, staff, shoot
):
    today = timezone.localdate()
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司", contact_person="张明", contact_phone="13912345678")
    EnterpriseFactory(name="西宁昆仑商贸有限公司")
    campaign = Campaign.objects.create(
        name="大调研大走访大解题大服务",
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=39),
        lead=staff,
    )
    CampaignGoal.objects.create(campaign=campaign, measure=Measure.ENTERPRISES_VISITED, target=60)

    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/services/visits/add/")
    expect(page.get_by_role("heading", name="登记走访")).to_be_visible()
    # Two typed characters find the enterprise; a tap picks it as a chip.
    page.get_by_label("走访企业").fill("光伏")
    results = page.get_by_test_id("picker-results")
    expect(results).to_contain_text("青海高原光伏科技有限公司")
    expect(results).not_to_contain_text("西宁昆仑商贸有限公司")
    results.get_by_role("option").first.click()
    chip = page.locator(f'input[name="enterprises"][value="{enterprise.pk}"]')
    expect(chip).to_be_checked()
    page.get_by_label("发现的问题").fill("储能项目并网手续办理慢\n希望协调电网公司加快。")
    page.get_by_text("更多：同行人员").click()
    page.get_by_label("专项行动").select_option(label=campaign.name)
    shoot("services-visit-form")
    page.set_viewport_size(PHONE)
    page.get_by_test_id("save").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"走访 {today:%Y-%m-%d}")
    visit = Visit.objects.get()
    assert list(visit.enterprises.all()) == [enterprise] and list(visit.staff.all()) == [staff]

    # The problem becomes a request in one step, pre-filled from the visit and the record.
    page.get_by_test_id(f"raise-{enterprise.pk}").click()
    expect(page.get_by_label("企业名称")).to_have_value("青海高原光伏科技有限公司")
    expect(page.get_by_label("标题")).to_have_value("储能项目并网手续办理慢")
    page.get_by_label("类别").select_option(label="用地审批")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("visit-requests")).to_contain_text("储能项目并网手续办理慢")
    expect(page.get_by_test_id("request-status")).to_have_text("待受理")
    req = ServiceRequest.objects.get()
    assert req.visit == visit and req.source == Source.VISIT and req.enterprise == enterprise
    shoot("services-visit-detail")

    # Both are on the enterprise's page.
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="青海高原光伏科技有限公司").first.click()
    expect(page.locator(f'a[href="{visit.get_absolute_url()}"]').first).to_be_attached()
    expect(page.locator(f'a[href="{req.get_absolute_url()}"]').first).to_be_attached()
    expect(page.get_by_text("储能项目并网手续办理慢").first).to_be_visible()

    # The campaign counts the visit against its pace.
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    expect(page.get_by_test_id("count").first).to_have_text("1")
    expect(page.get_by_test_id("behind").first).to_be_visible()
    shoot("services-campaign-detail")
