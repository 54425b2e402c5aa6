"""Browser journey of the legal service network: staff open a request of category 法律, turn it into a
legal consultation in one step (the form comes pre-filled from the request) and see the consultation
on the request's page; the public 找法律服务 page on a phone lists the station with a call button."""

import pytest
from playwright.sync_api import expect

from services.legal.choices import HostKind, Topic
from services.models import Lawyer, LegalConsultation, LegalStation
from services.requests.choices import Category
from tests.e2e.test_services_requests import PHONE, sign_in
from tests.enterprises.factories import EnterpriseFactory, county
from tests.services.factories import ServiceRequestFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_turn_a_legal_request_into_a_consultation_and_see_it_on_the_request(page, live_server, staff, shoot):
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    lawyer = Lawyer.objects.create(
        name="李秀兰", law_firm="青海夏都律师事务所", specialties=[Topic.LABOUR], phone="13909715678"
    )
    station = LegalStation.objects.create(
        name="开发区法律服务工作站",
        host_kind=HostKind.PARK,
        host_name="西宁经济技术开发区",
        district=county(),
        address="西宁市城东区八一路1号",
        opening_hours="工作日 9:00–17:00",
        office_phone="0971-6123456",
    )
    station.lawyers.set([lawyer])
    req = ServiceRequestFactory(
        category=Category.LEGAL,
        enterprise=enterprise,
        enterprise_name=enterprise.name,
        title="员工劳动纠纷",
        description="离职员工索要加班工资，企业应如何应对？",
    )

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{req.get_absolute_url()}")
    page.get_by_test_id("to-consultation").click()
    expect(page.get_by_test_id("from-request")).to_be_visible()
    expect(page.get_by_label("咨询问题")).to_have_value("离职员工索要加班工资，企业应如何应对？")
    expect(page.get_by_label("企业名称")).to_have_value(enterprise.name)
    expect(page.get_by_label("咨询事项")).to_have_value(Topic.LABOUR)
    page.get_by_label("电话").check()
    page.get_by_label("工作站").select_option(label=station.name)
    page.get_by_label("律师", exact=True).select_option(label=str(lawyer))
    page.get_by_label("法律意见").fill("依法核算加班时长，保留考勤记录，协商不成可申请劳动仲裁。")
    shoot("legal-consultation-from-request")
    page.get_by_test_id("save").click()

    expect(page.get_by_test_id("request-consultations")).to_contain_text("劳动用工")
    shoot("legal-request-with-consultation")
    consultation = LegalConsultation.objects.get()
    assert (consultation.request, consultation.enterprise, consultation.station) == (req, enterprise, station)
    assert consultation.created_by == staff

    # The public page, on a phone and signed out: the station with its call button, no lawyer's phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/legal/")
    card = page.get_by_test_id("station-card")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("station-phone")).to_have_attribute("href", "tel:0971-6123456")
    expect(card).to_contain_text("劳动用工")
    assert "13909715678" not in page.content()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    shoot("legal-public")
