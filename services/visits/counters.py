"""How visits count towards campaign goals (``services.campaigns.measures``): visits made, enterprises
visited, problems raised on the campaign's visits (the requests they became) and those solved.
Each counter takes the goal's split (staff member or district) and a date up to which to count."""

from django.db.models import Exists, OuterRef

from federation.workdays import day_bounds

from ..campaigns import measures
from ..campaigns.choices import Measure
from ..requests.choices import DONE
from ..requests.models import ServiceRequest
from .filters import visited_in
from .models import Visit


def campaign_visits(campaign, *, staff=None, district=None, until=None):
    qs = Visit.objects.filter(campaign=campaign)
    if staff is not None:
        qs = qs.filter(Exists(Visit.staff.through.objects.filter(visit=OuterRef("pk"), user=staff)))
    if district is not None:
        qs = qs.filter(visited_in(district))
    if until is not None:
        qs = qs.filter(date__lte=until)
    return qs


def count_visits(campaign, *, staff=None, district=None, until=None) -> int:
    return campaign_visits(campaign, staff=staff, district=district, until=until).count()


def count_enterprises(campaign, *, staff=None, district=None, until=None) -> int:
    """Distinct enterprises on the campaign's visits (of ``district``: enterprises of that district)."""
    visits = campaign_visits(campaign, staff=staff, until=until)
    links = Visit.enterprises.through.objects.filter(visit__in=visits)
    if district is not None:
        links = links.filter(enterprise__district=district)
    return links.values("enterprise").distinct().count()


def campaign_requests(campaign, *, staff=None, district=None, until=None):
    qs = ServiceRequest.objects.filter(visit__campaign=campaign)
    if staff is not None:
        qs = qs.filter(visit__in=campaign_visits(campaign, staff=staff))
    if district is not None:
        qs = qs.filter(district=district)
    if until is not None:
        qs = qs.filter(received_at__lt=day_bounds(until, until)[1])
    return qs


def count_problems_raised(campaign, *, staff=None, district=None, until=None) -> int:
    return campaign_requests(campaign, staff=staff, district=district, until=until).count()


def count_problems_solved(campaign, *, staff=None, district=None, until=None) -> int:
    qs = campaign_requests(campaign, staff=staff, district=district).filter(status__in=DONE)
    if until is not None:
        qs = qs.filter(resolved_at__lt=day_bounds(until, until)[1])
    return qs.count()


def register():
    measures.register(Measure.VISITS, count_visits)
    measures.register(Measure.ENTERPRISES_VISITED, count_enterprises)
    measures.register(Measure.PROBLEMS_RAISED, count_problems_raised)
    measures.register(Measure.PROBLEMS_SOLVED, count_problems_solved)
