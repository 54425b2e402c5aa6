from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    """百企兴百村 (village pairing); everything it registers with the core is in ``contributions``."""

    name = "villages"
    verbose_name = _("Village pairing")

    def ready(self):
        from . import contributions

        contributions.register()
