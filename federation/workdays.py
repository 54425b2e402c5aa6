"""Working-day arithmetic on the State Council holiday calendar (DESIGN §5).

A day is a working day when it is Monday–Friday and not a listed day off, or when it is a
listed make-up working day (调休上班). Deadlines of enterprise requests are counted with these.
"""

from datetime import date, timedelta

from .models import CalendarDay


class WorkCalendar:
    """A snapshot of the calendar's exceptions; cheap to build, so build one per operation."""

    def __init__(self, exceptions: dict[date, str] | None = None):
        if exceptions is None:
            exceptions = dict(CalendarDay.objects.values_list("date", "kind"))
        self.exceptions = exceptions

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind == CalendarDay.Kind.WORKDAY:
            return True
        if kind == CalendarDay.Kind.HOLIDAY:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count
