"""Choices of the visits sub-domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitMode(models.TextChoices):
    """How the visit was made (走访形式)."""

    ONSITE = "onsite", _("On-site visit")
    MEETING = "meeting", _("Discussion meeting")
    PHONE = "phone", _("By telephone")
    VIDEO = "video", _("By video call")
