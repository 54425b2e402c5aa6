"""The leadership dashboard in a browser (issue 14): leadership sign in on a 390-px phone and land on
it, change the period, click a chart bar through to the list behind it and find the bar's number of
rows there; printed, the dashboard is one A4 landscape page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import TEST_PASSWORD
from services.requests.choices import Category
from tests.enterprises.factories import county
from tests.services.factories import ServiceRequestFactory

from .test_services_requests import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requests_this_year():
    """Three financing requests and one about a policy, received this year (on 1 January, so that a
    period of "this month" holds none of them unless today is in January)."""
    received = timezone.now().replace(month=1, day=1, hour=10)
    for category in (Category.FINANCING, Category.FINANCING, Category.FINANCING, Category.POLICY):
        ServiceRequestFactory(category=category, district=county(), now=received)


def test_leadership_change_the_period_and_click_a_bar_through_to_its_list(
    page, live_server, leader, requests_this_year, shoot
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(leader.username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="数据驾驶舱")).to_be_visible()  # leadership land on it
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1  # no sideways scroll

    page.get_by_test_id("period-year").click()
    expect(page).to_have_url(re.compile(r"period=year"))
    start = datetime.date.today().replace(month=1, day=1)
    expect(page.get_by_test_id("period")).to_contain_text(f"{start:%Y-%m-%d}")
    expect(page.get_by_test_id("figure-requests.received")).to_have_text("4")
    shoot("dashboard")

    chart = page.get_by_test_id("requests.by_category.received")
    chart.scroll_into_view_if_needed()
    # Where ECharts drew the financing bar (the one whose list is the financing requests): the middle
    # of the bar (beside it stands the overdue one), in page coordinates.
    x, y = chart.evaluate(
        """el => {
             const chart = echarts.getInstanceByDom(el);
             const i = chart.getOption().series[0].data.findIndex(d => d.url.includes("category=financing"));
             const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(i);
             const box = el.getBoundingClientRect();
             return [box.left + bar.x + bar.width / 2, box.top + bar.y + bar.height / 2];
           }"""
    )
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"/services/requests/\?.*category=financing"))
    assert f"received_from={start:%Y-%m-%d}" in page.url
    expect(page.locator("table tbody tr")).to_have_count(3)  # the bar's number


def test_the_dashboard_prints_on_one_a4_landscape_page(page, live_server, leader, requests_this_year):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(leader.username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/system/dashboard/?period=year")
    expect(page.get_by_test_id("figure-requests.received")).to_have_text("4")
    page.set_viewport_size({"width": 1100, "height": 780})  # about the width of the paper
    page.emulate_media(media="print")
    page.wait_for_timeout(400)  # the charts redraw to their printed size
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
