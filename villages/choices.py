"""Choices of the village pairing programme (百企兴百村)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class PairingForm(models.TextChoices):
    """How many partners meet how many villages: it must agree with the pairing's partners and villages."""

    ONE_TO_ONE = "one_to_one", pgettext_lazy("pairing form", "One to one")
    ONE_TO_MANY = "one_to_many", pgettext_lazy("pairing form", "One to many")
    MANY_TO_ONE = "many_to_one", pgettext_lazy("pairing form", "Many to one")


class PairingStatus(models.TextChoices):
    ONGOING = "ongoing", pgettext_lazy("pairing status", "In progress")
    COMPLETED = "completed", pgettext_lazy("pairing status", "Completed")
    TERMINATED = "terminated", pgettext_lazy("pairing status", "Terminated")


class PairingEventKind(models.TextChoices):
    COMPLETED = "completed", pgettext_lazy("pairing event", "Completed")
    TERMINATED = "terminated", pgettext_lazy("pairing event", "Terminated")
    REOPENED = "reopened", pgettext_lazy("pairing event", "Reopened")


class ProjectType(models.TextChoices):
    INDUSTRY = "industry", pgettext_lazy("pairing project type", "Industry")
    EMPLOYMENT = "employment", pgettext_lazy("pairing project type", "Employment")
    CONSUMPTION = "consumption", pgettext_lazy("pairing project type", "Consumption")
    CHARITY = "charity", pgettext_lazy("pairing project type", "Public welfare")
    KNOWLEDGE = "knowledge", pgettext_lazy("pairing project type", "Know-how")
    OTHER = "other", pgettext_lazy("pairing project type", "Other")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("pairing project status", "Planned")
    UNDERWAY = "underway", pgettext_lazy("pairing project status", "Under way")
    FINISHED = "finished", pgettext_lazy("pairing project status", "Finished")
    STOPPED = "stopped", pgettext_lazy("pairing project status", "Stopped")


class Measure(models.TextChoices):
    """What an annual target counts; each is a figure of ``villages.metrics`` for the year."""

    NEW_PAIRINGS = "new_pairings", pgettext_lazy("village target measure", "New pairings")
    INVESTMENT = "investment", pgettext_lazy("village target measure", "Investment (yuan)")
    JOBS = "jobs", pgettext_lazy("village target measure", "Jobs created")
    INCOME_INCREASE = "income_increase", pgettext_lazy("village target measure", "Villagers' income increase (yuan)")
    VILLAGES = "villages", pgettext_lazy("village target measure", "Villages paired")
    KEY_VILLAGES = "key_villages_paired", pgettext_lazy("village target measure", "Key villages paired")
    ENTERPRISES = "enterprises", pgettext_lazy("village target measure", "Enterprises involved")


MONEY_MEASURES = (Measure.INVESTMENT, Measure.INCOME_INCREASE)
# Measures a year adds to (a flow): the year's actual is the increase over the year, not the total.
FLOW_MEASURES = (Measure.INVESTMENT, Measure.JOBS, Measure.INCOME_INCREASE)
