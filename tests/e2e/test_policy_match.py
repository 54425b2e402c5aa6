"""An enterprise, on a 390-px phone, finds the policies for its business with the public matcher,
sees a matching policy with its reason (and a near miss with the condition it fails), and opens it;
staff see the same explanations on the enterprise's page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services.policies import operations
from services.policies.models import Policy
from tests.e2e.test_services_requests import sign_in
from tests.enterprises.factories import EnterpriseFactory, county

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _policy(title, **conditions):
    today = timezone.localdate()
    policy = Policy.objects.create(
        title=title,
        issuer="西宁市人力资源和社会保障局",
        document_number="宁人社〔2024〕40号",
        issued_on=today - datetime.timedelta(days=20),
        level="city",
        category="finance",
        summary="个人创业可申请最高30万元、小微企业最高400万元创业担保贷款，财政给予贴息。",
        body="第一条 为支持创业带动就业，制定本办法。",
        valid_from=today - datetime.timedelta(days=20),
        valid_until=today + datetime.timedelta(days=700),
        **conditions,
    )
    operations.publish_policy(policy, None)
    return policy


def test_an_enterprise_finds_a_matching_policy_on_a_phone_and_opens_it(page, live_server, staff, shoot):
    loan = _policy("西宁市创业担保贷款实施办法", scales=["small", "micro"])
    _policy("青海省锂电储能产业链培育方案", scales=["large", "medium"], clusters=["lithium"])
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/policies/public/")
    expect(page.get_by_test_id("policy-card")).to_have_count(2)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("policies-public-list")
    page.set_viewport_size(PHONE)
    page.get_by_test_id("to-matcher").click()
    page.get_by_label("规模").select_option(label="小型")
    page.get_by_label("主体类型").select_option(label="企业")
    page.locator("#id_district").select_option(label="城东区")
    page.get_by_test_id("match-submit").click()
    assert "scale=small" in page.url  # a GET form: the answer can be bookmarked
    match = page.get_by_test_id("policy-group-match").get_by_test_id("policy-result")
    expect(match).to_have_count(1)
    expect(match).to_contain_text("西宁市创业担保贷款实施办法")
    expect(match).to_contain_text("规模 符合（小型）")
    near = page.get_by_test_id("policy-group-near").get_by_test_id("policy-result")
    expect(near).to_contain_text("规模 不符（政策要求：大型、中型；本企业：小型）")
    expect(near).to_contain_text("重点产业集群 未填写")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("policies-matcher")
    page.set_viewport_size(PHONE)
    match.get_by_role("link", name="西宁市创业担保贷款实施办法").click()
    expect(page.get_by_test_id("policy-title")).to_have_text("西宁市创业担保贷款实施办法")
    expect(page.get_by_test_id("policy-conditions")).to_contain_text("小型、微型")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shoot("policies-public-page")
    loan.refresh_from_db()
    assert loan.view_count >= 1

    # Staff see the same reasons on the enterprise's page.
    enterprise = EnterpriseFactory(
        name="青海高原光伏科技有限公司", scale="small", cluster="", district=county("630102")
    )
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{enterprise.get_absolute_url()}")
    panel = page.get_by_test_id("enterprise-policies")
    expect(panel).to_contain_text("西宁市创业担保贷款实施办法")
    expect(panel).to_contain_text("规模 不符（政策要求：大型、中型；本企业：小型）")
    shoot("policies-enterprise-panel")
