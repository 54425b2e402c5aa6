"""Reference data from federation/data (DESIGN §4) and the working-day calendar."""

from datetime import date

import pytest

from federation.models import CalendarDay, Division, Industry
from federation.workdays import WorkCalendar

pytestmark = pytest.mark.django_db


def test_xining_has_seven_districts_and_eighty_townships():
    assert Division.objects.filter(level="county").count() == 7
    assert Division.objects.filter(level="township").count() == 80
    assert set(Division.objects.filter(level="county").values_list("name", flat=True)) == {
        "城东区", "城中区", "城西区", "城北区", "湟中区", "大通回族土族自治县", "湟源县",
    }  # fmt: skip


def test_gbt4754_has_twenty_sections_and_ninety_seven_divisions():
    assert Industry.objects.filter(level="section").count() == 20
    assert Industry.objects.filter(level="division").count() == 97
    assert Industry.objects.get(code="38").parent.code == "C"


def test_the_holiday_calendar_covers_2024_to_2026():
    assert CalendarDay.objects.filter(date__year=2026, kind="holiday").count() == 33
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).kind == "holiday"


def test_working_days_skip_holidays_and_count_make_up_days():
    cal = WorkCalendar()
    # 2025-09-30 (Tue) + 1 working day: 10-01..10-08 are the National Day holiday, 10-11 (Sat) is a make-up day.
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert cal.add_working_days(date(2025, 10, 9), 2) == date(2025, 10, 11)
    assert cal.is_working_day(date(2025, 9, 28))  # Sunday, make-up working day
    assert not cal.is_working_day(date(2025, 10, 6))  # Monday, holiday


def test_working_days_between_counts_the_same_way():
    cal = WorkCalendar()
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    assert cal.working_days_between(date(2025, 10, 11), date(2025, 9, 30)) == -3


def test_staff_can_add_next_years_days_off(staff_client):
    from django.urls import reverse

    response = staff_client.post(
        reverse("federation:calendarday_add"), {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}
    )
    assert response.status_code == 302
    assert WorkCalendar().is_working_day(date(2027, 1, 1)) is False
