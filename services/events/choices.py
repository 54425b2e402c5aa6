"""Choices of the events sub-domain."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    """The kinds of event the federation holds."""

    LECTURE = "lecture", pgettext_lazy("event type", "Lecture hall")
    TRAINING = "training", pgettext_lazy("event type", "Training")
    SYMPOSIUM = "symposium", pgettext_lazy("event type", "Symposium")
    BRIEFING = "briefing", pgettext_lazy("event type", "Policy briefing")
    LEGAL = "legal", pgettext_lazy("event type", "Legal lecture")
    OTHER = "other", pgettext_lazy("event type", "Other")


class SignInSource(models.TextChoices):
    """How an attendee came on the list: signed in with the QR code, or entered by staff."""

    QR = "qr", pgettext_lazy("sign-in source", "QR sign-in")
    STAFF = "staff", pgettext_lazy("sign-in source", "Entered by staff")
