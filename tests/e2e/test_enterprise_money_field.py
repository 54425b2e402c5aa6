"""The enterprise form on a screen: registered capital typed in 万元 with the unit beside it."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from enterprises.models import Enterprise
from tests.e2e.test_services_requests import sign_in
from tests.enterprises.factories import EnterpriseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_registered_capital_is_edited_in_ten_thousand_yuan(page, live_server, staff, shoot):
    enterprise = EnterpriseFactory(registered_capital=Decimal("2000000.00"), contact_phone="")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/enterprises/{enterprise.pk}/edit/")
    capital = page.locator("#id_registered_capital")
    expect(capital).to_have_value("200")
    expect(page.get_by_test_id("money-unit").first).to_have_text("万元")
    capital.fill("-5")
    page.locator("#id_contact_phone").fill("0971 812 3456")
    shoot("enterprise-edit-money")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#id_registered_capital.is-invalid")).to_be_visible()
    expect(page.get_by_text("不能为负数")).to_be_visible()
    shoot("enterprise-edit-money-negative")
    page.locator("#id_registered_capital").fill("20")
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_role("heading", name=enterprise.name)).to_be_visible()
    enterprise = Enterprise.objects.get(pk=enterprise.pk)
    assert enterprise.registered_capital == Decimal("200000.00")
    assert enterprise.contact_phone == "0971-8123456"
    expect(page.get_by_text("20.00 万元")).to_be_visible()
