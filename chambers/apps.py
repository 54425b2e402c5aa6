from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChambersConfig(AppConfig):
    name = "chambers"
    verbose_name = _("Chambers of commerce")

    def ready(self):
        from federation import registry, roles

        registry.role_rules.register(registry.RoleRule("chambers", roles.LEADERSHIP, roles.reads))
        registry.role_rules.register(registry.RoleRule("chambers", roles.STAFF, lambda codename: True))
        # A chamber secretary reads the chambers' records and keeps the members (of their own chamber:
        # the views restrict the rows through ``restrict_queryset``).
        registry.role_rules.register(
            registry.RoleRule(
                "chambers",
                roles.CHAMBER_SECRETARY,
                lambda codename: roles.reads(codename) or codename.endswith("_membership"),
            )
        )

        from . import contributions

        contributions.register()
