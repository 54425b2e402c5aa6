"""What policies contribute to the core's registries (navigation, the enterprise page's panel and
timeline, figures, demo data) and the campaigns' count of enterprises informed. Called from
``ServicesConfig.ready()``. Role rules: the services app's (``services.requests.contributions``) —
staff edit and publish, leadership read, nobody else."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry
from services import DASHBOARD_BLOCK

SECTION = gettext_lazy("Policy publicity")
VIEW = "services.view_policy"
PANEL_LIMIT = 5


def enterprise_panel(request, enterprise) -> dict:
    """The policies for an enterprise: those that apply, those that may (a field not filled in) and
    the near misses, each with its reason (``matching``)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from . import matching

    query = {
        "industry_section": enterprise.industry_section_id or "",
        "scale": enterprise.scale,
        "entity_type": enterprise.entity_type,
        "district": enterprise.district_id or "",
        "cluster": enterprise.cluster,
    }
    return {
        "matches": matching.policies_for(matching.Profile.of(enterprise), limit=PANEL_LIMIT),
        "all_url": f"{reverse('services:policy_match')}?{urlencode(query)}",
    }


def enterprise_timeline(enterprise, limit=None):
    """The policies an enterprise was told of, on its page (一企一档)."""
    from .models import PolicyOutreach

    rows = (
        PolicyOutreach.objects.filter(enterprise=enterprise)
        .select_related("policy")
        .only("pk", "informed_on", "channel", "policy__title", "policy__document_number")
        .order_by("-informed_on", "-pk")
    )
    if limit:
        rows = rows[:limit]
    return [
        registry.TimelineEntry(
            when=r.informed_on,
            kind=_("Policy outreach"),
            title=r.policy.title,
            url=r.policy.get_absolute_url(),
            detail=" · ".join(filter(None, [r.policy.document_number, r.get_channel_display()])),
            icon="megaphone",
        )
        for r in rows
    ]


def count_informed(campaign, *, staff=None, district=None, until=None) -> int:
    """Campaign measure ENTERPRISES_INFORMED: distinct enterprises told of a policy within the campaign."""
    from .models import PolicyOutreach

    rows = PolicyOutreach.objects.filter(campaign=campaign)
    if staff is not None:
        rows = rows.filter(by=staff)
    if district is not None:
        rows = rows.filter(enterprise__district=district)
    if until is not None:
        rows = rows.filter(informed_on__lte=until)
    return rows.values("enterprise").distinct().count()


def demo(stdout=None, **options):
    from .demo import seed_demo_policies

    seed_demo_policies(stdout=stdout)


def register():
    from ..campaigns import measures
    from ..campaigns.choices import Measure
    from . import metrics

    nav = [
        (gettext_lazy("Policies"), "services:policy_list", VIEW, "journal-text", 400),
        (gettext_lazy("Add a policy"), "services:policy_add", "services.add_policy", "journal-plus", 401),
        (
            gettext_lazy("Policy outreach records"),
            "services:policyoutreach_list",
            "services.view_policyoutreach",
            "megaphone",
            402,
        ),
        (gettext_lazy("Public policy list"), "services:policy_public_list", VIEW, "globe", 403),
        (gettext_lazy("Policy matcher"), "services:policy_match", VIEW, "search-heart", 404),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.panels.register(
        registry.Panel(
            title=gettext_lazy("Policies for this enterprise"),
            template="services/policies/includes/enterprise_policies.html",
            subjects=("enterprises.enterprise",),
            permission=VIEW,
            context=enterprise_panel,
            order=50,
        )
    )
    registry.timeline.register(
        registry.TimelineProvider(
            ("enterprises.enterprise",), enterprise_timeline, permission="services.view_policyoutreach"
        )
    )
    measures.register(Measure.ENTERPRISES_INFORMED, count_informed)
    registry.metrics.register(metrics.figures)
    # One dashboard block for the services' activity (visits, events, policies, campaigns share it).
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "services",
            DASHBOARD_BLOCK,
            order=40,
            keys=(
                "policies.published",
                "policies.informed",
            ),
        )
    )
    registry.demo_data.register(demo)
