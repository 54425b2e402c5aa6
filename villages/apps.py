from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Village pairing")

    def ready(self):
        from federation import registry, roles

        registry.role_rules.register(registry.RoleRule("villages", roles.LEADERSHIP, roles.reads))
        registry.role_rules.register(registry.RoleRule("villages", roles.STAFF, lambda codename: True))
