"""Choices of the services app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    FINANCING = "financing", _("Financing")
    LABOUR = "labour", _("Labour and hiring")
    LEGAL = "legal", _("Legal")
    POLICY = "policy", _("Policy")
    LAND = "land", _("Land and approvals")
    MARKET = "market", _("Market development")
    RIGHTS = "rights", _("Rights protection")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    ONLINE = "online", _("Online form")
    PHONE = "phone", _("Phone call")
    HOTLINE = "hotline", _("12345 hotline transfer")
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSPENDED = "suspended", _("Suspended")
    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not accepted")


# Statuses whose clock runs towards the resolution deadline.
WORKING = (Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED)
# Statuses that still need someone to act.
OPEN = (Status.SUBMITTED, *WORKING, Status.SUSPENDED)
DONE = (Status.RESOLVED, Status.CLOSED)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly", _("Fairly satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Light(models.TextChoices):
    GREEN = "green", _("Green: on time")
    YELLOW = "yellow", _("Yellow: due within 2 working days")
    RED = "red", _("Red: overdue")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    ASSIGNED = "assigned", _("Assigned")
    TRANSFERRED = "transferred", _("Transferred")
    TRANSFER_ANSWER = "transfer_answer", _("Department's answer")
    SUSPENDED = "suspended", _("Suspended")
    RESUMED = "resumed", _("Resumed")
    NOTE = "note", _("Internal note")
    REPLY = "reply", _("Reply")
    RESOLVED = "resolved", _("Resolved")
    RATED = "rated", _("Rated")
    FOLLOW_UP = "follow_up", _("Follow-up call")
    REOPENED = "reopened", _("Reopened")
    LINKED = "linked", _("Enterprise linked")
    INSTRUCTED = "instructed", _("Leadership instruction")
