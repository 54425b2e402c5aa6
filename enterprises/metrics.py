"""Figures of the enterprise records for the dashboard and the reports (one place, DESIGN §6).

The register's totals are as of today (a record has no history of its status); "new" counts the
records added to the portal in the period. Each figure links to the enterprise list filtered the
same way, so its number and the list's count agree.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.registry import Figure, Series

from .choices import Cluster, RegistryStatus
from .models import Enterprise


def list_url(district=None, **filters) -> str:
    """The enterprise list filtered by ``filters`` (and the district)."""
    query = dict(filters)
    if district is not None:
        query["district"] = getattr(district, "pk", district)
    return (
        f"{reverse('enterprises:enterprise_list')}?{urlencode(query)}"
        if query
        else reverse("enterprises:enterprise_list")
    )


def enterprise_figures(start, end, district=None) -> list[Figure]:
    """Totals of the register (all, active, federation members) and the records added from ``start``
    to ``end`` (dates), in one query; ``district`` (a county-level Division or its pk) narrows all."""
    qs = Enterprise.objects.all()
    if district is not None:
        qs = qs.filter(district=district)
    new = Q(created_at__date__gte=start, created_at__date__lte=end)
    totals = qs.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(registry_status=RegistryStatus.ACTIVE)),
        members=Count("id", filter=Q(is_member=True)),
        new=Count("id", filter=new),
    )
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


def breakdown(district=None) -> dict:
    """The register split by district, cluster and registry status (active records for the first
    two) and the members by level: four grouped queries, for the dashboard's charts."""
    qs = Enterprise.objects.all()
    if district is not None:
        qs = qs.filter(district=district)
    active = qs.filter(registry_status=RegistryStatus.ACTIVE)
    return {
        "by_district": {
            row["district__name"] or "": row["n"]
            for row in active.values("district__name").annotate(n=Count("id")).order_by("district__code")
        },
        "by_cluster": {row["cluster"]: row["n"] for row in active.values("cluster").annotate(n=Count("id")).order_by()},
        "by_status": {
            row["registry_status"]: row["n"] for row in qs.values("registry_status").annotate(n=Count("id")).order_by()
        },
        "members_by_level": {
            row["member_level"]: row["n"]
            for row in qs.filter(is_member=True).values("member_level").annotate(n=Count("id")).order_by()
        },
    }


def series(start, end, district=None) -> list[Series]:
    """The register (all records, as for ``enterprises.total``) by district (with the members), by key
    industry cluster and by industry section, for the dashboard's charts: three grouped queries. Each
    bar links to the enterprise list filtered to it; records with no district, cluster or section
    make a bar without a list (no list filter selects a blank)."""
    qs = Enterprise.objects.all()
    if district is not None:
        qs = qs.filter(district=district)
    unit = pgettext("unit", "enterprises")
    none = pgettext("breakdown", "(not set)")
    by_district = (
        qs.values("district_id", "district__name", "district__code")
        .annotate(n=Count("id"), members=Count("id", filter=Q(is_member=True)))
        .order_by("district__code")
    )
    districts, members = [], []
    for row in by_district:
        pk, label = row["district_id"], row["district__name"] or none
        districts.append(Figure(f"enterprises.district.{pk}", label, row["n"], unit, list_url(pk) if pk else ""))
        members.append(
            Figure(
                f"enterprises.members.district.{pk}",
                label,
                row["members"],
                unit,
                list_url(pk, is_member="true") if pk else "",
            )
        )
    cluster_labels = dict(Cluster.choices)
    clusters = [
        Figure(
            f"enterprises.cluster.{row['cluster'] or 'none'}",
            cluster_labels.get(row["cluster"], none),
            row["n"],
            unit,
            list_url(district, cluster=row["cluster"]) if row["cluster"] else "",
        )
        for row in qs.values("cluster").annotate(n=Count("id")).order_by("-n", "cluster")
    ]
    sections = [
        Figure(
            f"enterprises.section.{row['industry_section_id']}",
            f"{row['industry_section__code']} {row['industry_section__name']}" if row["industry_section_id"] else none,
            row["n"],
            unit,
            list_url(district, industry_section=row["industry_section_id"]) if row["industry_section_id"] else "",
        )
        for row in qs.values("industry_section_id", "industry_section__code", "industry_section__name")
        .annotate(n=Count("id"))
        .order_by("-n", "industry_section__code")
    ]
    return [
        Series("enterprises.by_district", _("Enterprises by district"), districts),
        Series("enterprises.members_by_district", _("Federation members by district"), members),
        Series("enterprises.by_cluster", _("Enterprises by key industry cluster"), clusters, chart="pie"),
        Series("enterprises.by_section", _("Enterprises by industry section"), sections),
    ]
