"""Coverage of key areas (重点区域覆盖): the arithmetic the coverage page and the figures share.

An area is covered while at least one covering chamber is active (``choices.COVERING``); an area
covered by two chambers counts once; a chamber that leaves 正常 uncovers its area."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.registry import percentage

from .choices import COVERING, KeyAreaKind
from .models import Chamber, KeyArea


@dataclass
class KindCoverage:
    """The coverage of one kind of key area (or of all, ``kind`` None)."""

    kind: str | None
    label: str
    areas: int
    covered: int

    @property
    def uncovered(self):
        return self.areas - self.covered

    @property
    def rate(self):
        return percentage(self.covered, self.areas)


def areas_with_coverage():
    """Every key area with ``covering`` (its active chambers, prefetched) and ``n_covering``: two queries."""
    active = Chamber.objects.filter(status__in=COVERING).only("pk", "name", "status").order_by("name")
    return (
        KeyArea.objects.select_related("division", "district")
        .annotate(n_covering=Count("chambers", filter=Q(chambers__status__in=COVERING), distinct=True))
        .prefetch_related(Prefetch("chambers", queryset=active, to_attr="covering"))
        .order_by("kind", "name")
    )


def rates(areas=None) -> list[KindCoverage]:
    """Coverage by kind (every kind, in the choices' order) and overall (last). ``areas`` is a queryset
    of key areas (all by default: one grouped query) or the annotated list of ``areas_with_coverage``."""
    if areas is None or isinstance(areas, QuerySet):
        areas = KeyArea.objects.all() if areas is None else areas
        rows = (
            areas.annotate(n_covering=Count("chambers", filter=Q(chambers__status__in=COVERING)))
            .values_list("kind", "n_covering")
            .order_by()
        )
    else:
        rows = [(a.kind, a.n_covering) for a in areas]
    counts = {kind: [0, 0] for kind in KeyAreaKind.values}
    for kind, n in rows:
        counts.setdefault(kind, [0, 0])
        counts[kind][0] += 1
        counts[kind][1] += 1 if n else 0
    result = [KindCoverage(kind, KeyAreaKind(kind).label, *counts[kind]) for kind in KeyAreaKind.values]
    result.append(KindCoverage(None, _("All key areas"), sum(c.areas for c in result), sum(c.covered for c in result)))
    return result


def founded_in(year=None, queryset=None):
    """The chambers registered in ``year`` (this year by default) with the key areas they cover: two queries."""
    year = year or timezone.localdate().year
    queryset = Chamber.objects.all() if queryset is None else queryset
    return (
        queryset.filter(registered_on__gte=datetime.date(year, 1, 1), registered_on__lte=datetime.date(year, 12, 31))
        .prefetch_related(Prefetch("key_areas", queryset=KeyArea.objects.order_by("kind", "name")))
        .order_by("registered_on", "name")
    )
