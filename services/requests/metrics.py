"""Figures of enterprise requests for any period and district (DESIGN §6: the dashboard and the
reports call these functions and never query requests themselves).

The cohort of a period is the requests *received* in it, counted as of today (12345 practice: a
deadline that passed without an answer counts against the rate from that day on). Every figure is
aggregated by the database in one query (a breakdown: one grouped query). Rates are percentages
with one decimal (``registry.percentage``), None when nothing is counted yet.

* 响应率 response rate = responded on time / (responded + awaiting acceptance past the accept-by
  date). Responded on time: accepted, or refused with a reason, by the accept-by date. A request
  still awaiting acceptance within its accept-by date is not counted yet.
* 按时办结率 on-time rate = resolved on time / (resolved + open past the resolve-by date). Open:
  awaiting acceptance or being worked on; a suspended request's clock is stopped, so it is not late.
* 办结率 resolution rate = resolved / accepted
* 满意率 satisfaction = (满意 + 基本满意) / rated

The Q objects below are the one definition of each group: the inbox filters use the same ones, so
a figure and the list behind it always agree.
"""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation import links
from federation.registry import Figure, Series, percentage, shared
from federation.workdays import day_bounds

from .choices import DONE, WORKING, Category, EventKind, Rating, Source, Status
from .models import RequestEvent, ServiceRequest

BREAKDOWNS = ("category", "district", "source", "month")


def cohort(start, end, district=None):
    """The requests received from ``start`` to ``end`` (inclusive dates), optionally in a district."""
    begin, finish = day_bounds(start, end)
    qs = ServiceRequest.objects.filter(received_at__gte=begin, received_at__lt=finish)
    if district is not None:
        qs = qs.filter(district=district)
    return qs


def rejected_in_time_q() -> Q:
    """Refused (with the reason every refusal carries) by the accept-by date. The refusals in time
    are one uncorrelated subquery, which the database reads once and hashes, where an EXISTS per
    request looked the events up again for every refused request of the period."""
    refused_in_time = RequestEvent.objects.filter(
        kind=EventKind.REJECTED, created_at__date__lte=F("request__accept_due")
    ).values("request_id")
    return Q(status=Status.REJECTED) & Q(pk__in=refused_in_time)


def responded_on_time_q() -> Q:
    return Q(accepted_on_time=True) | rejected_in_time_q()


def responded_late_q(today: datetime.date) -> Q:
    """Accepted or refused after the accept-by date, or still awaiting acceptance past it."""
    refused_late = Q(status=Status.REJECTED) & ~rejected_in_time_q()
    waiting_late = Q(status=Status.SUBMITTED, accept_due__lt=today)
    return Q(accepted_on_time=False) | refused_late | waiting_late


def resolved_q() -> Q:
    return Q(status__in=DONE)


def resolved_on_time_q() -> Q:
    return Q(status__in=DONE, resolved_on_time=True)


def overdue_open_q(today: datetime.date) -> Q:
    """Open (awaiting acceptance or being worked on, not suspended) past the resolve-by date."""
    return Q(status__in=(Status.SUBMITTED, *WORKING), resolve_due__lt=today)


def resolved_late_q(today: datetime.date) -> Q:
    """Late: resolved after the resolve-by date, or still open past it."""
    return Q(status__in=DONE, resolved_on_time=False) | overdue_open_q(today)


def satisfied_q() -> Q:
    return Q(rating__in=[Rating.SATISFIED, Rating.FAIRLY])


def _aggregates(today: datetime.date):
    done = resolved_q()
    # Aggregates that filter on a field come before an aggregate of the same name (accepted_on_time,
    # resolved_on_time), which would otherwise shadow the field.
    return {
        "responded_on_time": Count("pk", filter=responded_on_time_q()),
        "responded_late": Count("pk", filter=responded_late_q(today)),
        "received": Count("pk"),
        "accepted": Count("pk", filter=Q(accepted_at__isnull=False)),
        "accepted_on_time": Count("pk", filter=Q(accepted_on_time=True)),
        "rejected": Count("pk", filter=Q(status=Status.REJECTED)),
        "resolved": Count("pk", filter=done),
        "resolved_on_time": Count("pk", filter=resolved_on_time_q()),
        "overdue": Count("pk", filter=overdue_open_q(today)),
        "rated": Count("pk", filter=~Q(rating="")),
        "satisfied": Count("pk", filter=satisfied_q()),
        "unsatisfied": Count("pk", filter=Q(rating=Rating.UNSATISFIED)),
        "avg_days": Avg("resolve_working_days", filter=done),
    }


def _with_rates(row: dict) -> dict:
    row["response_counted"] = row["responded_on_time"] + row["responded_late"]
    row["on_time_counted"] = row["resolved"] + row["overdue"]
    row["response_rate"] = percentage(row["responded_on_time"], row["response_counted"])
    row["on_time_rate"] = percentage(row["resolved_on_time"], row["on_time_counted"])
    row["resolution_rate"] = percentage(row["resolved"], row["accepted"])
    row["satisfaction_rate"] = percentage(row["satisfied"], row["rated"])
    if row["avg_days"] is not None:
        row["avg_days"] = round(float(row["avg_days"]), 1)
    return row


def summary(start, end, district=None, today=None) -> dict:
    """Counts and the rates of the requests received in the period, as of ``today``: the rows of
    ``_month_by_category`` added up (one query, which the charts of the same period share)."""
    today = today or timezone.localdate()
    rows = _month_by_category(start, end, district, today)
    names = [name for name in _aggregates(today) if name != "avg_days"]
    total = {name: sum(row[name] or 0 for row in rows) for name in names}
    days_sum, days_n = sum(row["days_sum"] or 0 for row in rows), sum(row["days_n"] for row in rows)
    total["avg_days"] = days_sum / days_n if days_n else None
    return _with_rates(total)


def _month_by_category(start, end, district, today) -> list[dict]:
    """The figures grouped by month and category at once (one scan of the period's requests): the
    summary and the by-month and by-category breakdowns are sums of its rows. The average is carried
    as a sum and a count so that rows can be added up. Within a ``registry.gathering`` the period's
    figures and charts share one query."""

    def query():
        aggregates = _aggregates(today)
        del aggregates["avg_days"]
        aggregates["days_sum"] = Sum("resolve_working_days", filter=resolved_q())
        aggregates["days_n"] = Count("resolve_working_days", filter=resolved_q())
        month = TruncMonth("received_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
        return list(
            cohort(start, end, district)
            .annotate(month=month)
            .values("month", "category")
            .annotate(**aggregates)
            .order_by()
        )

    return shared(("requests.month_by_category", start, end, getattr(district, "pk", district), today), query)


def _added_up(rows, by: str) -> list[dict]:
    """``_month_by_category`` rows summed per ``by`` ("month" or "category"), in key order."""
    totals: dict = {}
    for row in rows:
        total = totals.setdefault(row[by], {"key": row[by]})
        for name, value in row.items():
            if name not in ("month", "category"):
                total[name] = total.get(name, 0) + (value or 0)
    result = []
    for key in sorted(totals, key=lambda k: (k is None, k)):
        row = totals[key]
        days_sum, days_n = row.pop("days_sum"), row.pop("days_n")
        row["avg_days"] = days_sum / days_n if days_n else None
        result.append(row)
    return result


def breakdown(start, end, by: str, district=None, today=None, *, grouped=None) -> list[dict]:
    """The same figures grouped by category, district, source or month (one grouped query); each row
    has a ``key`` and a human ``label``. ``grouped``: rows of ``_month_by_category`` to add up instead
    of querying (by month or category)."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    today = today or timezone.localdate()
    qs = cohort(start, end, district)
    if grouped is not None and by in ("month", "category"):
        rows = _added_up(grouped, by)
    elif by == "month":
        qs = qs.annotate(key=TruncMonth("received_at", tzinfo=ZoneInfo(settings.TIME_ZONE)))
        rows = qs.values("key").annotate(**_aggregates(today)).order_by("key")
    elif by == "district":
        rows = (
            qs.values(key=F("district__code"), name=F("district__name"), division=F("district_id"))
            .annotate(**_aggregates(today))
            .order_by("key")
        )
    else:
        rows = qs.values(key=F(by)).annotate(**_aggregates(today)).order_by("key")
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


def breakdown_figures(
    start, end, by: str, district=None, today=None, *, grouped=None
) -> list[tuple[str, dict[str, Figure]]]:
    """The rows of a breakdown as typed figures (label, {key: figure}), each figure linking to the
    inbox filtered to its row: a category, source or district, or the month within the period. Rows
    that no inbox filter selects (requests with no district) have figures without a list (url "")."""
    rows = []
    for row in breakdown(start, end, by, district, today, grouped=grouped):
        row_start, row_end, row_district, extra = start, end, district, {}
        if by == "month":
            row_start = max(start, row["key"])
            next_month = (row["key"].replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            row_end = min(end, next_month - datetime.timedelta(days=1))
        elif by == "district":
            row_district = row["division"]
        else:
            extra = {by: row["key"]}
        figures = figures_from(row, row_start, row_end, row_district, **extra)
        if by == "district" and row_district is None:
            figures = [dataclasses.replace(f, url="", numerator_url="", denominator_url="") for f in figures]
        rows.append((row["label"], {f.key.split(".", 1)[1]: f for f in figures}))
    return rows


def list_url(start, end, district=None, **filters) -> str:
    """The inbox filtered to the requests received in the period (and district) and ``filters``."""
    period = {"received_from": start.isoformat(), "received_to": end.isoformat(), "district": district}
    return links.list_url("services:request_list", period, **filters)


def figures_from(s: dict, start, end, district=None, **extra) -> list[Figure]:
    """The typed figures of a summary row (see ``summary``), each with the inbox list behind it
    (narrowed by the inbox filters ``extra``, e.g. ``category="legal"``)."""

    def url(**filters):
        return list_url(start, end, district, **extra, **filters)

    def count(key, label, value, **filters):
        return Figure(key, label, value, pgettext("unit", "requests"), url(**filters))

    def rate(key, label, value, num, num_filters, den, den_filters):
        return Figure(key, label, value, "%", url(**den_filters), num, url(**num_filters), den, url(**den_filters))

    return [
        count("requests.received", _("Requests received"), s["received"]),
        count("requests.accepted", _("Accepted"), s["accepted"], accepted="true"),
        count("requests.rejected", _("Not accepted"), s["rejected"], status=Status.REJECTED),
        count("requests.responded_late", _("Responded late"), s["responded_late"], response="late"),
        count("requests.resolved", _("Resolved"), s["resolved"], resolution="resolved"),
        count("requests.overdue", _("Open past the resolve-by date"), s["overdue"], resolution="overdue"),
        count("requests.rated", _("Rated"), s["rated"], rated="any"),
        rate(
            "requests.response_rate",
            _("Response rate"),
            s["response_rate"],
            s["responded_on_time"],
            {"response": "on_time"},
            s["response_counted"],
            {"response": "counted"},
        ),
        rate(
            "requests.on_time_rate",
            _("On-time resolution rate"),
            s["on_time_rate"],
            s["resolved_on_time"],
            {"resolution": "on_time"},
            s["on_time_counted"],
            {"resolution": "counted"},
        ),
        rate(
            "requests.resolution_rate",
            _("Resolution rate"),
            s["resolution_rate"],
            s["resolved"],
            {"resolution": "resolved"},
            s["accepted"],
            {"accepted": "true"},
        ),
        rate(
            "requests.satisfaction_rate",
            _("Satisfaction rate"),
            s["satisfaction_rate"],
            s["satisfied"],
            {"rated": "satisfied"},
            s["rated"],
            {"rated": "any"},
        ),
        Figure(
            "requests.avg_days",
            _("Average working days to resolve"),
            s["avg_days"],
            pgettext("unit", "working days"),
            url(resolution="resolved"),
        ),
    ]


def figures(start, end, district=None) -> list[Figure]:
    """The registry entry for the dashboard and reports: the typed figures of the period (one query)."""
    return figures_from(summary(start, end, district), start, end, district)


# The figures of a breakdown the dashboard charts: the requests received, the three rates of 12345
# practice (响应率, 按时办结率, 满意率) and the red (overdue) count.
SERIES = ("received", "response_rate", "on_time_rate", "satisfaction_rate", "overdue")
# The dashboard's trend chart: the requests received by month, and the three rates over them.
TREND = tuple(f"requests.by_month.{name}" for name in SERIES[:4])


def series(start, end, district=None) -> list[Series]:
    """The requests received in the period by month (a trend) and by category, each row's figures as
    ``SERIES`` (one query grouped by both, ``_month_by_category``); each bar or point links to the
    inbox filtered to its row."""
    captions = {
        "received": _("Requests received"),
        "response_rate": _("Response rate"),
        "on_time_rate": _("On-time resolution rate"),
        "satisfaction_rate": _("Satisfaction rate"),
        "overdue": _("Open past the resolve-by date"),
    }
    result = []
    grouped = _month_by_category(start, end, district, timezone.localdate())
    for by, chart in (("month", "line"), ("category", "bar")):
        rows = breakdown_figures(start, end, by, district, grouped=grouped)
        for name in SERIES:
            title = (_("%(figure)s by month") if by == "month" else _("%(figure)s by category")) % {
                "figure": captions[name]
            }
            figures = [dataclasses.replace(row[name], label=label) for label, row in rows]
            result.append(Series(f"requests.by_{by}.{name}", title, figures, chart=chart))
    return result
