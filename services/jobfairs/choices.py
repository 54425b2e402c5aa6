"""Choices of the job fairs sub-domain."""

from django.db import models
from django.utils.translation import pgettext_lazy


class FairStatus(models.TextChoices):
    """A fair's life: prepared, open for registration, registration closed, held."""

    PREPARING = "preparing", pgettext_lazy("job fair status", "Preparing")
    OPEN = "open", pgettext_lazy("job fair status", "Registration open")
    CLOSED = "closed", pgettext_lazy("job fair status", "Registration closed")
    HELD = "held", pgettext_lazy("job fair status", "Held")


class RegistrationStatus(models.TextChoices):
    """An enterprise's registration: waiting for review, approved (a booth), returned for correction,
    or on the waiting list (approved while every booth was taken)."""

    SUBMITTED = "submitted", pgettext_lazy("job registration status", "Submitted")
    APPROVED = "approved", pgettext_lazy("job registration status", "Approved")
    RETURNED = "returned", pgettext_lazy("job registration status", "Returned for correction")
    WAITING = "waiting", pgettext_lazy("job registration status", "On the waiting list")


class Education(models.TextChoices):
    ANY = "any", pgettext_lazy("education", "Any")
    MIDDLE = "middle", pgettext_lazy("education", "Junior middle school")
    HIGH = "high", pgettext_lazy("education", "High school or technical secondary school")
    COLLEGE = "college", pgettext_lazy("education", "Junior college")
    BACHELOR = "bachelor", pgettext_lazy("education", "Bachelor's degree")
    MASTER = "master", pgettext_lazy("education", "Master's degree or above")


class Experience(models.TextChoices):
    ANY = "any", pgettext_lazy("experience", "Any")
    UNDER_1 = "lt1", pgettext_lazy("experience", "Under 1 year")
    Y1_3 = "1-3", pgettext_lazy("experience", "1–3 years")
    Y3_5 = "3-5", pgettext_lazy("experience", "3–5 years")
    OVER_5 = "gt5", pgettext_lazy("experience", "Over 5 years")
