"""What campaigns contribute to the core's registries: navigation and figures."""

from django.utils.translation import gettext_lazy

from federation import registry
from services import DASHBOARD_BLOCK

SECTION = gettext_lazy("Service activities")
VIEW = "services.view_campaign"


def register():
    from . import metrics

    registry.navigation.register(
        registry.NavItem(SECTION, gettext_lazy("Campaigns"), "services:campaign_list", VIEW, icon="flag", order=320)
    )
    registry.metrics.register(metrics.figures)
    # One dashboard block for the services' activity (visits, events, policies, campaigns share it).
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "services",
            DASHBOARD_BLOCK,
            order=40,
            keys=(
                "campaigns.active",
                "campaigns.behind_pace",
            ),
            alerts=("campaigns.behind_pace",),
        )
    )
