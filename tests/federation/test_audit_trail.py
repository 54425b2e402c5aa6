"""The change audit (操作审计): filters, 25 a page with a constant number of queries, links to the
records, each changed field's old and new value, and the public's submissions named as such."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from federation import audit
from federation.models import CalendarDay
from services.requests.models import ServiceRequest
from tests.services.factories import ServiceRequestFactory
from tests.services.test_public_pages import form_data

pytestmark = pytest.mark.django_db

AUDIT = reverse("federation:audit_log")


def _days(n, year=2031, user=None):
    """``n`` calendar days added (each one history row), by ``user`` if given."""
    from simple_history.utils import update_change_reason  # noqa: F401  (simple_history is loaded)

    days = []
    for i in range(n):
        day = CalendarDay(date=datetime.date(year, 1, 1) + datetime.timedelta(days=i), kind="holiday", name="测试")
        if user is not None:
            day._history_user = user
        day.save()
        days.append(day)
    return days


def _entries(response):
    return list(response.context["page_obj"])


def test_the_audit_pages_25_changes_at_a_time(admin_client_):
    _days(30)
    response = admin_client_.get(AUDIT, {"kind": "federation.calendarday"})
    assert len(_entries(response)) == 25
    assert response.context["page_obj"].paginator.count >= 30
    second = admin_client_.get(AUDIT, {"kind": "federation.calendarday", "page": 2})
    assert len(_entries(second)) >= 5
    first_ids = {e.record.history_id for e in _entries(response)}
    assert first_ids.isdisjoint({e.record.history_id for e in _entries(second)})


def _queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(AUDIT, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_rows_on_the_page(admin_client_):
    days = _days(5)
    for d in days:
        d.name = "改名"
        d.save()
    ServiceRequestFactory()
    few = _queries(admin_client_, {"kind": "federation.calendarday"})
    few_all = _queries(admin_client_, {})
    many = _days(40, year=2032)
    for d in many:
        d.name = "改名"
        d.save()
    ServiceRequestFactory()
    assert _queries(admin_client_, {"kind": "federation.calendarday"}) == few
    assert _queries(admin_client_, {"kind": "federation.calendarday", "page": 3}) <= few
    # All record types: the page now holds only calendar days, so no more queries than before.
    assert _queries(admin_client_, {}) <= few_all


def test_the_audit_filters_by_person_record_type_and_dates(admin_client_, staff, staff2):
    (mine,) = _days(1, year=2033, user=staff)
    (theirs,) = _days(1, year=2034, user=staff2)
    ServiceRequestFactory()
    by_staff = _entries(admin_client_.get(AUDIT, {"user": staff.pk}))
    assert [e.record.date for e in by_staff] == [mine.date]
    only_days = _entries(admin_client_.get(AUDIT, {"kind": "federation.calendarday"}))
    assert only_days and all(e.kind == "日历日" or isinstance(e.live, CalendarDay) for e in only_days)
    requests = _entries(admin_client_.get(AUDIT, {"kind": "services.servicerequest"}))
    assert requests and all(isinstance(e.live, ServiceRequest) for e in requests)
    today = timezone.localdate()
    assert _entries(admin_client_.get(AUDIT, {"user": staff2.pk, "start": today, "end": today}))
    tomorrow = today + datetime.timedelta(days=1)
    assert _entries(admin_client_.get(AUDIT, {"user": staff2.pk, "start": tomorrow})) == []
    yesterday = today - datetime.timedelta(days=1)
    assert _entries(admin_client_.get(AUDIT, {"user": staff2.pk, "end": yesterday})) == []
    assert theirs.pk


def test_each_entry_links_to_its_record_while_it_exists(admin_client_):
    kept, gone = _days(2, year=2035)
    gone.delete()
    body = admin_client_.get(AUDIT, {"kind": "federation.calendarday"}).content.decode()
    entries = _entries(admin_client_.get(AUDIT, {"kind": "federation.calendarday"}))
    assert f'href="{kept.get_absolute_url()}"' in body
    assert all(not e.url for e in entries if e.record.date == gone.date)
    assert "已删除" in body


def test_a_change_shows_each_field_old_and_new_value(admin_client_):
    (day,) = _days(1, year=2036)
    day.name, day.kind = "春节", CalendarDay.Kind.WORKDAY
    day.save()
    entry = _entries(admin_client_.get(AUDIT, {"kind": "federation.calendarday"}))[0]
    changes = {c.label: (c.old, c.new) for c in entry.changes}
    assert changes["名称"] == ("测试", "春节")
    assert changes["类型"] == ("放假", "调休上班")
    body = admin_client_.get(AUDIT, {"kind": "federation.calendarday"}).content.decode()
    assert "<del>测试</del> → <ins>春节</ins>" in body


def test_a_submission_from_the_public_form_is_shown_as_the_publics(client, admin_client_):
    assert client.post(reverse("services:request_submit"), form_data()).status_code == 302
    req = ServiceRequest.objects.get()
    record = req.history.earliest()
    assert record.history_user is None and record.history_change_reason == audit.PUBLIC_FORM
    body = admin_client_.get(AUDIT, {"kind": "services.servicerequest"}).content.decode()
    assert "公众（公开表单）" in body
    public = _entries(admin_client_.get(AUDIT, {"user": "public"}))
    assert public and all(e.by_public for e in public)


def test_a_change_by_the_system_is_not_called_the_publics():
    ServiceRequestFactory()
    assert ServiceRequest.history.earliest().history_change_reason != audit.PUBLIC_FORM


def test_only_auditors_see_the_audit(admin_client_, staff_client, leader_client):
    assert admin_client_.get(AUDIT).status_code == 200
    assert staff_client.get(AUDIT).status_code == 403
    assert leader_client.get(AUDIT).status_code == 403


def test_a_changed_reference_is_shown_by_the_name_of_the_record_it_points_at(admin_client_, staff):
    from services.requests import operations

    req = ServiceRequestFactory()
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff)
    entry = _entries(admin_client_.get(AUDIT, {"kind": "services.servicerequest"}))[0]
    changes = {c.label: (c.old, c.new) for c in entry.changes}
    assert changes["承办人"] == ("—", str(staff))
