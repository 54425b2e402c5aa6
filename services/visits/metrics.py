"""Figures of visits for any period and district (DESIGN §6): visits made, distinct enterprises
visited, problems raised on visits (the requests they became, received in the period) and of those
the ones solved (resolved or closed). Every count links to the list whose length it is."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure

from ..requests import metrics as request_metrics
from ..requests.choices import DONE
from .filters import visited_in
from .models import Visit


def visits_in(start, end, district=None):
    """The visits dated in the period (to an enterprise of ``district`` when given)."""
    qs = Visit.objects.filter(date__gte=start, date__lte=end)
    return qs.filter(visited_in(district)) if district is not None else qs


def enterprises_visited(start, end, district=None):
    """The enterprises visited in the period (each once), of ``district`` when given."""
    from enterprises.models import Enterprise

    links = Visit.enterprises.through.objects.filter(
        enterprise=OuterRef("pk"), visit__date__gte=start, visit__date__lte=end
    )
    qs = Enterprise.objects.filter(Exists(links))
    return qs.filter(district=district) if district is not None else qs


def problems_raised(start, end, district=None):
    """Requests raised on a visit and received in the period (the request's own district)."""
    return request_metrics.cohort(start, end, district).filter(visit__isnull=False)


def _query(start, end, district, **extra):
    return {"date_from": start.isoformat(), "date_to": end.isoformat(), **extra, "district": district}


def figures(start, end, district=None) -> list[Figure]:
    """The registry entry: four counts, each with its list."""
    raised = problems_raised(start, end, district)
    counts = raised.aggregate(raised=_count(), solved=_count(status__in=DONE))
    return [
        Figure(
            "visits.visits",
            _("Visits made"),
            visits_in(start, end, district).count(),
            pgettext("unit", "visits"),
            list_url("services:visit_list", _query(start, end, district)),
        ),
        Figure(
            "visits.enterprises",
            _("Enterprises visited"),
            enterprises_visited(start, end, district).count(),
            pgettext("unit", "enterprises"),
            list_url("services:visited_enterprise_list", _query(start, end, district)),
        ),
        Figure(
            "visits.problems_raised",
            _("Problems raised on visits"),
            counts["raised"],
            pgettext("unit", "requests"),
            request_metrics.list_url(start, end, district, from_visit="true"),
        ),
        Figure(
            "visits.problems_solved",
            _("Problems raised on visits and solved"),
            counts["solved"],
            pgettext("unit", "requests"),
            request_metrics.list_url(start, end, district, from_visit="true", resolution="resolved"),
        ),
    ]


def _count(**filters):
    from django.db.models import Count, Q

    return Count("pk", filter=Q(**filters)) if filters else Count("pk")
