"""The inbox people read all day: due date with its light, assignee, a one-line title whose whole
text is on hover, and rows that become cards on a phone (every cell labelled)."""

import datetime
import re

import pytest
from django.urls import reverse

from services.requests import operations

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
LONG_TITLE = "企业流动资金贷款到期后银行要求先还后贷导致资金链紧张希望协调无还本续贷并延长贷款期限的请求"


def cells(body, record_title):
    """The <td> contents of the row that shows ``record_title``."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    row = next(r for r in rows if record_title in r)
    return re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)


def test_the_due_date_is_shown_with_its_traffic_light_in_one_cell(staff_client):
    ServiceRequestFactory(now=datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC), title="过期的诉求")
    body = staff_client.get(reverse("services:request_list")).content.decode()
    due = [content for attrs, content in cells(body, "过期的诉求") if "2025-03" in content and "light-red" in content]
    assert due, "the due date and its red light share a cell"
    assert "超期" in due[0] or "逾期" in due[0]  # the light is also said in words, for screen readers


def test_the_assignee_is_shown_by_name(staff_client, staff, staff2):
    staff2.first_name, staff2.last_name = "丽", "王"
    staff2.save()
    req = ServiceRequestFactory(title="已分派的诉求")
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff2)
    body = staff_client.get(reverse("services:request_list")).content.decode()
    assert any("王丽" in content or "丽 王" in content for _, content in cells(body, "已分派的诉求"))


def test_a_long_title_is_cut_to_one_line_with_the_whole_on_hover(staff_client):
    ServiceRequestFactory(title=LONG_TITLE)
    body = staff_client.get(reverse("services:request_list")).content.decode()
    title_cell = [content for _, content in cells(body, LONG_TITLE) if "<a " in content and LONG_TITLE in content]
    assert title_cell
    assert f'title="{LONG_TITLE}"' in title_cell[0]
    assert "cell-title" in title_cell[0]


def test_every_cell_carries_its_column_label_for_the_phone_cards(staff_client):
    ServiceRequestFactory(title="手机上的诉求")
    body = staff_client.get(reverse("services:request_list")).content.decode()
    assert "table-cards" in body
    labels = [re.search(r'data-label="([^"]*)"', attrs) for attrs, _ in cells(body, "手机上的诉求")]
    assert all(labels)
    assert {"标题", "承办人"} <= {m.group(1) for m in labels}
