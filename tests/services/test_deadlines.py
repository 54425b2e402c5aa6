"""Deadlines in working days on the real holiday calendar (2025 National Day, 2026 Spring Festival)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from federation.models import CalendarDay
from services.requests import lights, operations
from services.requests.choices import Category, Light
from services.requests.models import CategoryDeadline, ServiceRequest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, tzinfo=SH)


def test_the_holiday_calendar_is_loaded():
    assert CalendarDay.objects.get(date="2025-10-01").kind == "holiday"
    assert CalendarDay.objects.get(date="2025-10-11").kind == "workday"


def test_deadlines_skip_national_day_and_count_the_saturday_make_up_day():
    req = ServiceRequestFactory(now=at(2025, 9, 30))
    # 10-01..10-08 are days off: the next working day is Thursday 10-09.
    assert req.accept_due == datetime.date(2025, 10, 9)
    # 15 working days: 10-09, 10-10, Saturday 10-11 (调休上班), then weekdays up to 10-28.
    # Counting weekends alone would give 10-21; without the make-up day it would be 10-29.
    assert req.resolve_due == datetime.date(2025, 10, 28)


def test_a_request_received_on_a_make_up_sunday_is_due_the_next_working_day():
    req = ServiceRequestFactory(now=at(2025, 9, 28))  # Sunday, but a working day
    assert req.accept_due == datetime.date(2025, 9, 29)


def test_category_time_limits_are_editable():
    CategoryDeadline.objects.create(category=Category.LEGAL, accept_days=2, resolve_days=5)
    req = ServiceRequestFactory(category=Category.LEGAL, now=at(2025, 3, 3))  # a Monday, no holidays
    assert (req.accept_due, req.resolve_due) == (datetime.date(2025, 3, 5), datetime.date(2025, 3, 10))
    other = ServiceRequestFactory(category=Category.POLICY, now=at(2025, 3, 3))
    assert (other.accept_due, other.resolve_due) == (datetime.date(2025, 3, 4), datetime.date(2025, 3, 24))


def test_accepting_after_the_holiday_is_still_on_time_but_a_day_later_is_late(staff):
    on_time = ServiceRequestFactory(now=at(2025, 9, 30))
    operations.accept_request(on_time, staff, now=at(2025, 10, 9, 17))
    late = ServiceRequestFactory(now=at(2025, 9, 30))
    operations.accept_request(late, staff, now=at(2025, 10, 10, 9))
    assert ServiceRequest.objects.get(pk=on_time.pk).accepted_on_time is True
    assert ServiceRequest.objects.get(pk=late.pk).accepted_on_time is False


def test_suspension_over_the_spring_festival_moves_the_deadline_by_the_working_days_suspended(staff):
    req = ServiceRequestFactory(now=at(2026, 2, 9))  # Monday
    # 15 working days counting the make-up Saturdays 02-14 and 02-28, skipping 02-15..02-23.
    assert req.resolve_due == datetime.date(2026, 3, 6)
    operations.accept_request(req, staff, now=at(2026, 2, 9, 11))
    operations.suspend_request(req, staff, "等待企业补充材料", now=at(2026, 2, 13))
    operations.resume_request(req, staff, now=at(2026, 2, 24))
    req = ServiceRequest.objects.get(pk=req.pk)
    # Suspended working days: Saturday 02-14 (调休) and Tuesday 02-24; the festival days do not count.
    assert req.suspended_days == 2
    assert req.resolve_due == datetime.date(2026, 3, 10)
    operations.resolve_request(req, staff, "已办结", now=at(2026, 3, 10, 16))
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.resolved_on_time is True
    assert req.resolve_working_days == 15  # 17 working days elapsed minus the 2 suspended


def test_traffic_lights_count_working_days_not_calendar_days():
    th = lights.thresholds(datetime.date(2025, 9, 30))
    # Two working days after 09-30 are 10-09 and 10-10 (the holiday week does not count).
    assert th.yellow_until == datetime.date(2025, 10, 10)
    assert th.light(datetime.date(2025, 9, 29)) == Light.RED
    assert th.light(datetime.date(2025, 9, 30)) == Light.YELLOW
    assert th.light(datetime.date(2025, 10, 10)) == Light.YELLOW
    assert th.light(datetime.date(2025, 10, 11)) == Light.GREEN
    assert th.light(None) == ""


def test_the_light_filter_runs_in_the_database(staff):
    red = ServiceRequestFactory(now=at(2025, 9, 1))  # accept-by long past
    suspended = ServiceRequestFactory(now=at(2025, 9, 1))
    operations.accept_request(suspended, staff)
    operations.suspend_request(suspended, staff, "等待材料")
    th = lights.thresholds()
    qs = lights.with_due(ServiceRequest.objects.all())
    assert list(qs.filter(lights.light_q(Light.RED, th)).values_list("pk", flat=True)) == [red.pk]
