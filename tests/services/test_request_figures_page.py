"""The request statistics page (issue 8, "Figures that mislead a leader"): rates count overdue and
late answers, every figure links to the inbox list it counts, it exports to XLSX."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from services.requests import operations
from services.requests.choices import Category
from tests.enterprises.factories import county as district

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
PERIOD = {"start": "2025-03-01", "end": "2025-03-31"}


def at(m, d, h=10):
    return datetime.datetime(2025, m, d, h, tzinfo=SH)


@pytest.fixture
def overdue_set(staff):
    """One request resolved on time, three accepted and left open past their resolve-by date, one
    refused with a reason the same day, one never accepted."""
    a = district("630102")
    done = ServiceRequestFactory(category=Category.FINANCING, district=a, now=at(3, 3))
    operations.accept_request(done, staff, now=at(3, 3, 15))
    operations.resolve_request(done, staff, "已解决", now=at(3, 7))
    for day in (4, 5, 6):
        r = ServiceRequestFactory(category=Category.POLICY, district=a, now=at(3, day))
        operations.accept_request(r, staff, now=at(3, day, 15))
    refused = ServiceRequestFactory(category=Category.LEGAL, district=a, now=at(3, 10))
    operations.reject_request(refused, staff, "不属于受理范围", now=at(3, 10, 16))
    ServiceRequestFactory(category=Category.LABOUR, district=a, now=at(3, 11))
    return a


def test_the_on_time_rate_counts_requests_open_past_their_resolve_by_date(staff_client, overdue_set):
    # Before issue 8 the page said 100 % (1 resolved, on time) beside 4 overdue requests.
    figures = staff_client.get(reverse("services:request_metrics"), PERIOD).context["figures"]
    assert figures["overdue"].value == 4
    assert figures["on_time_rate"].value == 20.0  # 1 on time / (1 resolved + 4 open past the date)
    assert (figures["on_time_rate"].numerator, figures["on_time_rate"].denominator) == (1, 5)


def test_the_response_rate_counts_a_reasoned_refusal_as_timely_and_a_waiting_request_as_late(staff_client, overdue_set):
    figures = staff_client.get(reverse("services:request_metrics"), PERIOD).context["figures"]
    # Answered in time: four accepted and one refused; late: the one still awaiting acceptance.
    assert (figures["response_rate"].numerator, figures["response_rate"].denominator) == (5, 6)
    assert figures["response_rate"].value == 83.3
    assert figures["responded_late"].value == 1


def test_every_number_on_the_page_links_to_the_inbox_list_with_that_many_rows(staff_client, overdue_set):
    html = staff_client.get(reverse("services:request_metrics"), PERIOD).content.decode()
    links = re.findall(r'<a href="(/services/requests/\?[^"]+)"[^>]*>([\d.]+)%?</a>', html)
    assert len(links) > 30
    checked = 0
    for url, shown in links:
        if "." in shown:
            continue  # a rate: its numerator and denominator are links of their own
        url = url.replace("&amp;", "&")
        assert staff_client.get(url).context["table"].paginator.count == int(shown), url
        checked += 1
    assert checked > 20


def test_the_overdue_count_links_to_the_late_requests_in_the_inbox(staff_client, overdue_set):
    figures = staff_client.get(reverse("services:request_metrics"), PERIOD).context["figures"]
    response = staff_client.get(figures["overdue"].url)
    assert "resolution=overdue" in figures["overdue"].url and "received_from=2025-03-01" in figures["overdue"].url
    assert response.context["table"].paginator.count == 4


def test_the_page_exports_its_figures_to_xlsx(staff_client, overdue_set):
    from openpyxl import load_workbook

    response = staff_client.get(reverse("services:request_metrics"), {**PERIOD, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("分组", "项目", "收到诉求（件）")
    assert rows[1][0] == "合计" and rows[1][2] == 6
    assert any(r[0] == "按类别" and r[1] == "政策" and r[2] == 3 for r in rows)


def test_the_page_and_its_export_need_the_request_view_permission(client, outsider, leader_client):
    client.force_login(outsider)
    assert client.get(reverse("services:request_metrics")).status_code == 403
    assert client.get(reverse("services:request_metrics"), {"export": "xlsx"}).status_code == 403
    assert leader_client.get(reverse("services:request_metrics")).status_code == 200


def test_the_tables_scroll_sideways_on_a_phone_instead_of_squeezing(staff_client, overdue_set):
    html = staff_client.get(reverse("services:request_metrics"), PERIOD).content.decode()
    assert "metrics-table" in html and "min-width" in html and "table-responsive" in html
