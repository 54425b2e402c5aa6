from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChambersConfig(AppConfig):
    """The chamber-of-commerce registry (一会一档); everything it registers with the core is in
    ``contributions``."""

    name = "chambers"
    verbose_name = _("Chambers of commerce")

    def ready(self):
        from . import contributions

        contributions.register()
