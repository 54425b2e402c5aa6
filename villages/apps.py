from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Village pairing")

    def ready(self):
        from federation import registry, roles

        registry.role_rules.register(registry.RoleRule("villages", roles.LEADERSHIP, roles.reads))
        registry.role_rules.register(registry.RoleRule("villages", roles.STAFF, lambda codename: True))
        # The dashboard's 百企兴百村 block: every figure and chart of this app (until it registers some,
        # the block says "no data / not enabled").
        registry.dashboard_blocks.register(
            registry.DashboardBlock("villages", _("Village pairing"), order=70, prefix="villages.")
        )
