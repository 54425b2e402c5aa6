"""Figures of enterprise requests for any period and district (DESIGN §6: the dashboard and the
reports call these functions and never query requests themselves).

The cohort of a period is the requests *received* in it. Every figure is aggregated by the
database in one query (a breakdown: one grouped query), from flags the service functions stored
when the request was accepted and resolved (on time or not, working days taken).

* 响应率 response rate = accepted on time / received
* 按时办结率 on-time rate = resolved on time / resolved
* 办结率 resolution rate = resolved / accepted
* 满意率 satisfaction = (满意 + 基本满意) / rated
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DONE, Category, Rating, Source
from .models import ServiceRequest

BREAKDOWNS = ("category", "district", "source", "month")


def _bounds(start: datetime.date, end: datetime.date):
    tz = ZoneInfo(settings.TIME_ZONE)
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    finish = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return begin, finish


def cohort(start, end, district=None):
    """The requests received from ``start`` to ``end`` (inclusive dates), optionally in a district."""
    begin, finish = _bounds(start, end)
    qs = ServiceRequest.objects.filter(received_at__gte=begin, received_at__lt=finish)
    if district is not None:
        qs = qs.filter(district=district)
    return qs


def _aggregates():
    done = Q(status__in=DONE)
    return {
        "received": Count("pk"),
        "accepted": Count("pk", filter=Q(accepted_at__isnull=False)),
        "accepted_on_time": Count("pk", filter=Q(accepted_on_time=True)),
        "rejected": Count("pk", filter=Q(status="rejected")),
        "resolved": Count("pk", filter=done),
        "resolved_on_time": Count("pk", filter=done & Q(resolved_on_time=True)),
        "rated": Count("pk", filter=~Q(rating="")),
        "satisfied": Count("pk", filter=Q(rating__in=[Rating.SATISFIED, Rating.FAIRLY])),
        "unsatisfied": Count("pk", filter=Q(rating=Rating.UNSATISFIED)),
        "avg_days": Avg("resolve_working_days", filter=done),
    }


def _ratio(part, whole):
    return round(part / whole, 4) if whole else None


def _with_rates(row: dict) -> dict:
    row["response_rate"] = _ratio(row["accepted_on_time"], row["received"])
    row["on_time_rate"] = _ratio(row["resolved_on_time"], row["resolved"])
    row["resolution_rate"] = _ratio(row["resolved"], row["accepted"])
    row["satisfaction_rate"] = _ratio(row["satisfied"], row["rated"])
    if row["avg_days"] is not None:
        row["avg_days"] = round(float(row["avg_days"]), 1)
    return row


def summary(start, end, district=None) -> dict:
    """Counts and the rates of the requests received in the period (one query)."""
    return _with_rates(cohort(start, end, district).aggregate(**_aggregates()))


def breakdown(start, end, by: str, district=None) -> list[dict]:
    """The same figures grouped by category, district, source or month (one grouped query); each row
    has a ``key`` and a human ``label``."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    qs = cohort(start, end, district)
    if by == "month":
        qs = qs.annotate(key=TruncMonth("received_at", tzinfo=ZoneInfo(settings.TIME_ZONE)))
        rows = qs.values("key").annotate(**_aggregates()).order_by("key")
    elif by == "district":
        rows = qs.values(key=F("district__code"), name=F("district__name")).annotate(**_aggregates()).order_by("key")
    else:
        rows = qs.values(key=F(by)).annotate(**_aggregates()).order_by("key")
    labels = {"category": dict(Category.choices), "source": dict(Source.choices)}.get(by, {})
    result = []
    for row in rows:
        row = _with_rates(dict(row))
        if by == "month":
            row["key"] = (
                timezone.localtime(row["key"]).date() if isinstance(row["key"], datetime.datetime) else row["key"]
            )
            row["label"] = f"{row['key']:%Y-%m}"
        elif by == "district":
            row["label"] = row.pop("name") or _("(no district)")
        else:
            row["label"] = labels.get(row["key"], row["key"])
        result.append(row)
    return result


def figures(start, end, district=None) -> dict:
    """The registry entry for the dashboard and reports: a title and the summary of the period."""
    return {"app": "services", "title": _("Enterprise requests"), **summary(start, end, district)}
