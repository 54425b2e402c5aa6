"""Choices of the campaigns sub-domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """What a campaign goal counts. Each is counted by the sub-domain that owns the records
    (``services.campaigns.measures``): visits by visits, events by events, problems by requests."""

    VISITS = "visits", _("Visits made")
    ENTERPRISES_VISITED = "enterprises_visited", _("Enterprises visited")
    PROBLEMS_RAISED = "problems_raised", _("Problems raised")
    PROBLEMS_SOLVED = "problems_solved", _("Problems solved")
    EVENTS = "events", _("Events held")
    ATTENDANCE = "attendance", _("Event attendance")
    ENTERPRISES_INFORMED = "enterprises_informed", _("Enterprises informed of policies")
