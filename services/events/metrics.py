"""Figures of the events (``events.*``) for the dashboard and the reports: events held in the period,
their attendance, and the events by type and by series. Each count links to the event list filtered
the same way, so a figure and its list agree."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation import links
from federation.registry import Figure

from .choices import EventType
from .models import Event, EventSeries


def list_url(district=None, **filters) -> str:
    return links.list_url("services:event_list", filters, district=district)


def figures(start, end, district=None) -> list[Figure]:
    """The events' figures for ``start``–``end`` (dates, both included) and ``district``: one
    aggregate over the events, one query for the series' names."""
    qs = Event.objects.filter(held_on__gte=start, held_on__lte=end)
    if district is not None:
        qs = qs.filter(district=district)
    series = list(EventSeries.objects.order_by("name").values_list("pk", "name"))
    by = {"held": Count("pk"), "attendance": Sum("attendance_value")}
    by |= {f"type_{t}": Count("pk", filter=Q(event_type=t)) for t in EventType.values}
    by |= {f"series_{pk}": Count("pk", filter=Q(series=pk)) for pk, _name in series}
    n = qs.with_attendance().aggregate(**by)

    unit = pgettext("unit", "events")
    period = {"held_from": start.isoformat(), "held_to": end.isoformat()}
    url = lambda **f: list_url(district, **period, **f)  # noqa: E731
    result = [
        Figure("events.held", _("Events held"), n["held"], unit, url()),
        # A sum (list lengths and counts entered), not a number of rows: typed as a quantity, and its
        # link opens the events it adds up.
        Figure(
            "events.attendance",
            _("Event attendance"),
            Decimal(n["attendance"] or 0),
            pgettext("unit", "enterprise attendances"),
            url(),
        ),
    ]
    for t in EventType:
        result.append(
            Figure(
                f"events.by_type.{t.value}",
                _("Events held: %(type)s") % {"type": t.label},
                n[f"type_{t.value}"],
                unit,
                url(event_type=t.value),
            )
        )
    for pk, name in series:
        result.append(
            Figure(
                f"events.by_series.{pk}",
                _("Events held: %(series)s") % {"series": name},
                n[f"series_{pk}"],
                unit,
                url(series=pk),
            )
        )
    return result
