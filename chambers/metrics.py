"""Figures of the chamber registry for the dashboard and the reports (one place, DESIGN §6).

Counts are of chambers, each linked to the chamber list filtered the same way (the list's facets and
``figure_filters``), so a figure and its list agree. Totals are as of today; "dealt with", "new" and
the inspections are of the period."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation import links
from federation.registry import Figure, Series, percentage

from . import coverage
from .choices import ChamberType, KeyAreaKind, Status
from .figure_filters import DEALT, PASSING, dealt_events
from .models import AnnualInspection, Chamber, FourGoodRating, KeyArea, Membership


def list_url(district=None, **filters) -> str:
    """The chamber list filtered by ``filters`` (and the district)."""
    return links.list_url("chambers:chamber_list", filters, district=district)


def chamber_figures(start, end, district=None, viewer=None) -> list[Figure]:
    """The registry's figures for ``start``–``end`` (dates) and ``district`` (a county Division or its
    pk): one aggregate over the chambers and one over the key areas. With ``viewer`` (a chamber
    secretary) only the chambers they may open count, as on the lists they are sent to, and the key
    areas' coverage, which is of the whole city, is left out."""
    qs = _chambers(district, viewer)
    # Each condition is the set of chambers meeting it, an uncorrelated subquery that the database
    # reads once and hashes; an EXISTS per chamber and per condition (fifteen of them for each of
    # 2,000 chambers) was most of this function's time.
    dealt = dealt_events().filter(occurred_on__gte=start, occurred_on__lte=end)
    inspected = AnnualInspection.objects.filter(inspected_on__gte=start, inspected_on__lte=end)
    rated = FourGoodRating.objects.filter(rated_on__lte=end, valid_until__gte=end).exclude(level="")
    meets = {
        "dealt_deregistered": dealt.filter(to_status=DEALT["deregistered"]).values("chamber_id"),
        "dealt_restored": dealt.filter(to_status=DEALT["restored"]).values("chamber_id"),
        "inspected": inspected.values("chamber_id"),
        "passed": inspected.filter(result__in=PASSING).values("chamber_id"),
        "rated": rated.values("chamber_id"),
    }
    covers = {kind: Q(pk__in=KeyArea.objects.filter(kind=kind).values("chambers")) for kind in KeyAreaKind.values}
    new = Q(registered_on__gte=start, registered_on__lte=end)
    by = {"total": Count("pk"), "new": Count("pk", filter=new)}
    by |= {f"new_{kind}": Count("pk", filter=new & covers[kind]) for kind in KeyAreaKind.values}
    by |= {f"status_{s}": Count("pk", filter=Q(status=s)) for s in Status.values}
    by |= {f"type_{t}": Count("pk", filter=Q(chamber_type=t)) for t in ChamberType.values}
    by |= {name: Count("pk", filter=Q(pk__in=ids)) for name, ids in meets.items()}
    by["dealt"] = Count("pk", filter=Q(pk__in=meets["dealt_deregistered"]) | Q(pk__in=meets["dealt_restored"]))
    n = qs.aggregate(**by)

    unit = pgettext("unit", "chambers")
    period = {"start": start.isoformat(), "end": end.isoformat()}
    url = lambda **f: list_url(district, **f)  # noqa: E731
    dealt_period = {"dealt_from": period["start"], "dealt_to": period["end"]}
    inspected_period = {"inspected_from": period["start"], "inspected_to": period["end"]}
    figures = [
        Figure("chambers.total", _("Chambers on record"), n["total"], unit, url()),
        Figure("chambers.active", _("Active chambers"), n["status_active"], unit, url(status=Status.ACTIVE)),
        Figure(
            "chambers.rectifying",
            _("Chambers under rectification"),
            n["status_rectifying"],
            unit,
            url(status=Status.RECTIFYING),
        ),
        Figure("chambers.dormant", _("Dormant chambers"), n["status_dormant"], unit, url(status=Status.DORMANT)),
        Figure(
            "chambers.deregistered",
            _("Deregistered chambers"),
            n["status_deregistered"],
            unit,
            url(status=Status.DEREGISTERED),
        ),
    ]
    figures += [
        Figure(f"chambers.type.{t}", ChamberType(t).label, n[f"type_{t}"], unit, url(chamber_type=t))
        for t in ChamberType.values
    ]
    figures += [
        Figure("chambers.dealt", _("Dormant chambers dealt with"), n["dealt"], unit, url(**dealt_period)),
        Figure(
            "chambers.dealt_deregistered",
            _("Dormant chambers deregistered"),
            n["dealt_deregistered"],
            unit,
            url(**dealt_period, dealt_as="deregistered"),
        ),
        Figure(
            "chambers.dealt_restored",
            _("Dormant chambers restored to active"),
            n["dealt_restored"],
            unit,
            url(**dealt_period, dealt_as="restored"),
        ),
        Figure(
            "chambers.new",
            _("Chambers founded in the period"),
            n["new"],
            unit,
            url(registered_from=period["start"], registered_to=period["end"]),
        ),
    ]
    # New chambers by the kind of key area they cover (a chamber covering two kinds counts in each).
    figures += [
        Figure(
            f"chambers.new.{kind}",
            _("New chambers covering a %(kind)s") % {"kind": KeyAreaKind(kind).label},
            n[f"new_{kind}"],
            unit,
            url(registered_from=period["start"], registered_to=period["end"], covers_kind=kind),
        )
        for kind in KeyAreaKind.values
    ]
    members = Membership.objects.current(end)
    if district is not None:
        members = members.filter(chamber__district=district)
    if viewer is not None:
        members = members.restrict(viewer)
    figures += [
        Figure(
            "chambers.members",
            _("Chamber memberships in force"),
            members.count(),
            pgettext("unit", "memberships"),
            links.list_url("chambers:membership_list", current_on=end.isoformat(), district=district),
        ),
        Figure(
            "chambers.inspection_pass_rate",
            _("Annual inspection pass rate"),
            percentage(n["passed"], n["inspected"]),
            "%",
            url(**inspected_period, inspection_passed="true"),
            numerator=n["passed"],
            numerator_url=url(**inspected_period, inspection_passed="true"),
            denominator=n["inspected"],
            denominator_url=url(**inspected_period),
        ),
        Figure(
            "chambers.rated",
            _("Chambers with a Four-Good rating in force"),
            n["rated"],
            unit,
            url(rating_in_force_on=period["end"]),
        ),
    ]
    if viewer is not None:
        return figures
    areas = KeyArea.objects.all() if district is None else KeyArea.objects.filter(district=district)
    overall = coverage.rates(areas)[-1]
    figures.append(
        Figure(
            "chambers.coverage_rate",
            _("Coverage rate of key areas"),
            overall.rate,
            "%",
            links.list_url("chambers:coverage"),
        )
    )
    return figures


def _chambers(district=None, viewer=None):
    qs = Chamber.objects.all()
    if district is not None:
        qs = qs.filter(district=district)
    return qs.restrict(viewer) if viewer is not None else qs


def series(start, end, district=None) -> list[Series]:
    """The chambers on record by type and by status, for the dashboard's charts (one aggregate); each
    bar links to the chamber list filtered to it."""
    qs = _chambers(district)
    n = qs.aggregate(
        **{f"type_{t}": Count("pk", filter=Q(chamber_type=t)) for t in ChamberType.values},
        **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in Status.values},
    )
    unit = pgettext("unit", "chambers")
    by_type = [
        Figure(f"chambers.type.{t}", label, n[f"type_{t}"], unit, list_url(district, chamber_type=t))
        for t, label in ChamberType.choices
    ]
    by_status = [
        Figure(f"chambers.status.{s}", label, n[f"status_{s}"], unit, list_url(district, status=s))
        for s, label in Status.choices
    ]
    return [
        Series("chambers.by_type", _("Chambers by type"), by_type, chart="pie"),
        Series("chambers.by_status", _("Chambers by status"), by_status),
    ]
