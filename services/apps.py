from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Service activities")

    def ready(self):
        from federation import registry

        from . import ledgers, registrations

        registrations.register()
        registry.ledgers.register(ledgers.REQUEST_LEDGER)
