"""What campaigns contribute to the core's registries: navigation and figures."""

from django.utils.translation import gettext_lazy

from federation import registry

SECTION = gettext_lazy("Service activities")
VIEW = "services.view_campaign"


def register():
    from . import metrics

    registry.navigation.register(
        registry.NavItem(SECTION, gettext_lazy("Campaigns"), "services:campaign_list", VIEW, icon="flag", order=320)
    )
    registry.metrics.register(metrics.figures)
