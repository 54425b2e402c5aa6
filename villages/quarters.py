"""Quarters and their reporting windows: a quarter's progress reports are due within
``REPORT_WINDOW_DAYS`` days after it ends; the quarter closes when that window ends (after which
changing a report needs a reason and is audited)."""

import calendar
import datetime

from django.utils.translation import gettext as _

REPORT_WINDOW_DAYS = 10


def first_day(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def last_day(year: int, quarter: int) -> datetime.date:
    month = 3 * quarter
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def due_date(year: int, quarter: int) -> datetime.date:
    """The last day a report for the quarter counts as on time."""
    return last_day(year, quarter) + datetime.timedelta(days=REPORT_WINDOW_DAYS)


def is_closed(year: int, quarter: int, today: datetime.date) -> bool:
    return today > due_date(year, quarter)


def of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def following(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def between(start: datetime.date, end: datetime.date):
    """Every (year, quarter) that has a day between ``start`` and ``end`` (both included)."""
    year, quarter = of(start)
    while first_day(year, quarter) <= end:
        yield year, quarter
        year, quarter = following(year, quarter)


def due_between(start: datetime.date, end: datetime.date):
    """Every (year, quarter) whose due date falls between ``start`` and ``end`` (both included)."""
    begin = start - datetime.timedelta(days=REPORT_WINDOW_DAYS + 92)
    for year, quarter in between(begin, end):
        if start <= due_date(year, quarter) <= end:
            yield year, quarter


def label(year: int, quarter: int) -> str:
    return _("Q%(quarter)s %(year)s") % {"year": year, "quarter": quarter}
