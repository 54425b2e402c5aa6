"""Figures of the enterprise records for the dashboard and the reports (one place, DESIGN §6)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .choices import RegistryStatus
from .models import Enterprise


def enterprise_figures(start=None, end=None, district=None):
    """Totals of the register: all, active, federation members, new in the period, and the active
    entities by district, cluster and registry status. ``start``/``end`` (dates) bound "new";
    ``district`` (a county-level Division or its pk) narrows everything to one district."""
    qs = Enterprise.objects.all()
    if district:
        qs = qs.filter(district=district)
    new = Q()
    if start:
        new &= Q(created_at__date__gte=start)
    if end:
        new &= Q(created_at__date__lte=end)
    totals = qs.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(registry_status=RegistryStatus.ACTIVE)),
        members=Count("id", filter=Q(is_member=True)),
        new=Count("id", filter=new) if (start or end) else Count("id"),
    )
    active = qs.filter(registry_status=RegistryStatus.ACTIVE)
    by_district = {
        row["district__name"] or "": row["n"]
        for row in active.values("district__name").annotate(n=Count("id")).order_by("district__code")
    }
    by_cluster = {row["cluster"]: row["n"] for row in active.values("cluster").annotate(n=Count("id")).order_by()}
    by_status = {
        row["registry_status"]: row["n"] for row in qs.values("registry_status").annotate(n=Count("id")).order_by()
    }
    members_by_level = {
        row["member_level"]: row["n"]
        for row in qs.filter(is_member=True).values("member_level").annotate(n=Count("id")).order_by()
    }
    return {
        "app": "enterprises",
        "title": _("Enterprise records"),
        **totals,
        "by_district": by_district,
        "by_cluster": by_cluster,
        "by_status": by_status,
        "members_by_level": members_by_level,
    }
