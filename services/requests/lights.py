"""Traffic lights of requests (green / yellow / red) computed in the database.

The deadline the clock runs towards is the accept-by date while a request awaits acceptance and
the resolve-by date while it is being worked on; suspended and finished requests have no light.
Yellow: due within 2 working days (of the holiday calendar); red: overdue.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, DateField, F, Q, Value, When
from django.utils import timezone

from federation.workdays import WorkCalendar

from .choices import WORKING, Light, Status

YELLOW_WORKING_DAYS = 2


@dataclass(frozen=True)
class Thresholds:
    today: date
    yellow_until: date  # due on or before this (and not before today): yellow

    def light(self, due) -> str:
        if due is None:
            return ""
        if due < self.today:
            return Light.RED
        if due <= self.yellow_until:
            return Light.YELLOW
        return Light.GREEN


def thresholds(today: date | None = None, calendar: WorkCalendar | None = None) -> Thresholds:
    today = today or timezone.localdate()
    calendar = calendar or WorkCalendar()
    return Thresholds(today, calendar.add_working_days(today, YELLOW_WORKING_DAYS))


def current_due_expression():
    return Case(
        When(status=Status.SUBMITTED, then=F("accept_due")),
        When(status__in=WORKING, then=F("resolve_due")),
        default=Value(None),
        output_field=DateField(),
    )


def with_due(queryset):
    return queryset.annotate(due=current_due_expression())


def light_q(light: str, th: Thresholds) -> Q:
    """A filter for requests (annotated by ``with_due``) showing ``light``."""
    if light == Light.RED:
        return Q(due__lt=th.today)
    if light == Light.YELLOW:
        return Q(due__gte=th.today, due__lte=th.yellow_until)
    if light == Light.GREEN:
        return Q(due__gt=th.yellow_until)
    return Q()
