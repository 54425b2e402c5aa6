from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """Service activities, one sub-package per sub-domain (requests now; visits, events, policies,
    legal services and job fairs to come), each registering with the core in ``contributions``."""

    name = "services"
    verbose_name = _("Service activities")

    def ready(self):
        from .campaigns import contributions as campaigns
        from .events import contributions as events
        from .jobfairs import contributions as jobfairs
        from .legal import contributions as legal
        from .policies import contributions as policies
        from .requests import contributions as requests
        from .visits import contributions as visits

        requests.register()
        campaigns.register()
        visits.register()
        events.register()
        policies.register()
        jobfairs.register()
        legal.register()
