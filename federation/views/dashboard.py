"""The leadership dashboard (数据驾驶舱): every app's figures and charts for a period and a district.

The view only reads the query string and hands it to ``federation.dashboard``, which takes every number
from the registries (and keeps them in the cache under the data's version)."""

from django.template.loader import render_to_string
from django.views.generic import TemplateView

from .. import dashboard, roles
from ..permissions import PortalPermissionMixin

# Roles that see the whole city's figures; a chamber secretary with none of them sees their own chambers.
FULL_VIEW_ROLES = {roles.ADMIN, roles.LEADERSHIP, roles.STAFF}


def chamber_only(user) -> bool:
    """Whether ``user`` sees only their own chambers' figures (a chamber secretary and nothing more)."""
    if user.is_superuser:
        return False
    names = {g.name for g in user.groups.all()}
    return roles.CHAMBER_SECRETARY in names and not names & FULL_VIEW_ROLES


def _district(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


class DashboardView(PortalPermissionMixin, TemplateView):
    """数据驾驶舱: the period (``period`` = month/quarter/year, or ``start``/``end``) and ``district``
    come from the query string, so a view of the figures can be bookmarked and sent."""

    permission_required = "federation.view_dashboard"
    template_name = "federation/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET
        period = dashboard.period_from(params)
        district = _district(params.get("district"))
        viewer = self.request.user if chamber_only(self.request.user) else None
        data = dashboard.cached(period, district, viewer, render=render_blocks)
        if district is not None and district not in {pk for pk, _name in data.districts}:
            district = None  # not a district of the city: the whole city rather than a page of zeros
            data = dashboard.cached(period, None, viewer, render=render_blocks)
        ctx.update(
            data=data,
            period=period,
            presets=dashboard.PRESETS,
            district=district,
            district_name=dict(data.districts).get(district, ""),
            chamber_only=viewer is not None,
        )
        return ctx


def chart_context(data: dashboard.Data) -> dict:
    """The blocks with an element id for each chart, and the charts as the JSON the page draws."""
    charts = [
        {"id": f"chart-{i}-{j}", **chart.__dict__}
        for i, block in enumerate(data.blocks)
        for j, chart in enumerate(block.charts)
    ]
    ids = iter(c["id"] for c in charts)
    return {
        "blocks": [(block, [(chart, next(ids)) for chart in block.charts]) for block in data.blocks],
        "charts": charts,
    }


def render_blocks(data: dashboard.Data) -> str:
    """The blocks as HTML, once per version of the data (kept in the cache with the figures)."""
    return render_to_string("federation/dashboard_blocks.html", chart_context(data))
