"""Figures of the enterprise records for the dashboard and the reports (one place, DESIGN §6).

The register's totals are as of today (a record has no history of its status); "new" counts the
records added to the portal in the period. Each figure links to the enterprise list filtered the
same way, so its number and the list's count agree.
"""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation import links
from federation.models import Division, Industry
from federation.registry import Figure, Series, shared
from federation.workdays import day_bounds

from . import counts
from .choices import Cluster, RegistryStatus
from .models import Enterprise


def list_url(district=None, **filters) -> str:
    """The enterprise list filtered by ``filters`` (and the district)."""
    return links.list_url("enterprises:enterprise_list", filters, district=district)


def census(district=None) -> list[dict]:
    """The register counted once, grouped by everything the figures and charts split it by: district,
    cluster, industry section, registry status and membership (a few hundred groups), as of now. On
    PostgreSQL from the trigger-kept tally (``counts.tallied_census``: the register is not read at
    all), elsewhere counted (``counted_census``); within a ``registry.gathering`` (a dashboard, a
    report) this period's figures, last year's and the charts share it."""
    pk = getattr(district, "pk", district)

    def count():
        tallied = counts.tallied_census(pk)
        return tallied if tallied is not None else counted_census(pk)

    return shared(("enterprises.census", pk), count)


def counted_census(district_pk=None) -> list[dict]:
    """``census`` counted from the records themselves (one index-only scan of ``enterprise_census_idx``)."""
    qs = Enterprise.objects.all()
    if district_pk is not None:
        qs = qs.filter(district=district_pk)
    return list(
        qs.values(*counts.CENSUS_FIELDS)
        .annotate(n=Count("*"))  # not Count("id"): the id is not in the index
        .order_by()
    )


def added(start, end, district=None) -> int:
    """The records added to the portal from ``start`` to ``end`` (local dates): on PostgreSQL from the
    trigger-kept tally, elsewhere counted (``counted_added``)."""
    tallied = counts.tallied_added(start, end, getattr(district, "pk", district))
    return tallied if tallied is not None else counted_added(start, end, district)


def counted_added(start, end, district=None) -> int:
    """``added`` counted from the records themselves (the ``created_at`` index)."""
    begin, finish = day_bounds(start, end)
    qs = Enterprise.objects.filter(created_at__gte=begin, created_at__lt=finish)
    if district is not None:
        qs = qs.filter(district=district)
    return qs.count()


def enterprise_figures(start, end, district=None) -> list[Figure]:
    """Totals of the register (all, active, federation members; from ``census``) and the records added
    from ``start`` to ``end`` (dates); ``district`` (a county-level Division or its pk) narrows all."""
    groups = census(district)
    totals = {
        "total": sum(g["n"] for g in groups),
        "active": sum(g["n"] for g in groups if g["registry_status"] == RegistryStatus.ACTIVE),
        "members": sum(g["n"] for g in groups if g["is_member"]),
        "new": added(start, end, district),
    }
    unit = pgettext("unit", "enterprises")
    period = {"created_from": start.isoformat(), "created_to": end.isoformat()}
    return [
        Figure("enterprises.total", _("Enterprises on record"), totals["total"], unit, list_url(district)),
        Figure(
            "enterprises.active",
            _("Active enterprises"),
            totals["active"],
            unit,
            list_url(district, registry_status=RegistryStatus.ACTIVE),
        ),
        Figure(
            "enterprises.members",
            _("Federation members"),
            totals["members"],
            unit,
            list_url(district, is_member="true"),
        ),
        Figure("enterprises.new", _("Records added in the period"), totals["new"], unit, list_url(district, **period)),
    ]


def series(start, end, district=None) -> list[Series]:
    """The register (all records, as for ``enterprises.total``) by district (with the members), by key
    industry cluster and by industry section, for the dashboard's charts, summed from ``census``. Each
    bar links to the enterprise list filtered to it; records with no district, cluster or section
    make a bar without a list (no list filter selects a blank)."""
    groups = census(district)
    unit = pgettext("unit", "enterprises")
    none = pgettext("breakdown", "(not set)")
    by_district, members, by_cluster, by_section = Counter(), Counter(), Counter(), Counter()
    for g in groups:
        by_district[g["district_id"]] += g["n"]
        members[g["district_id"]] += g["n"] if g["is_member"] else 0
        by_cluster[g["cluster"]] += g["n"]
        by_section[g["industry_section_id"]] += g["n"]
    division = {d.pk: d for d in Division.objects.filter(pk__in=[pk for pk in by_district if pk])}
    section = {i.pk: i for i in Industry.objects.filter(pk__in=[pk for pk in by_section if pk])}
    district_order = sorted(by_district, key=lambda pk: (pk is None, division[pk].code if pk else ""))
    districts = [
        Figure(
            f"enterprises.district.{pk}",
            division[pk].name if pk else none,
            by_district[pk],
            unit,
            list_url(pk) if pk else "",
        )
        for pk in district_order
    ]
    member_bars = [
        Figure(
            f"enterprises.members.district.{pk}",
            division[pk].name if pk else none,
            members[pk],
            unit,
            list_url(pk, is_member="true") if pk else "",
        )
        for pk in district_order
    ]
    cluster_labels = dict(Cluster.choices)
    clusters = [
        Figure(
            f"enterprises.cluster.{key or 'none'}",
            cluster_labels.get(key, none),
            n,
            unit,
            list_url(district, cluster=key) if key else "",
        )
        for key, n in sorted(by_cluster.items(), key=lambda kv: (-kv[1], kv[0] or ""))
    ]
    sections = [
        Figure(
            f"enterprises.section.{pk}",
            f"{section[pk].code} {section[pk].name}" if pk else none,
            n,
            unit,
            list_url(district, industry_section=pk) if pk else "",
        )
        for pk, n in sorted(by_section.items(), key=lambda kv: (-kv[1], section[kv[0]].code if kv[0] else "~"))
    ]
    return [
        Series("enterprises.by_district", _("Enterprises by district"), districts),
        Series("enterprises.members_by_district", _("Federation members by district"), member_bars),
        Series("enterprises.by_cluster", _("Enterprises by key industry cluster"), clusters, chart="pie"),
        Series("enterprises.by_section", _("Enterprises by industry section"), sections),
    ]
