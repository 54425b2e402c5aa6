"""Choices of the enterprises app. Labels are the Chinese terms imports and exports use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual business")
    COOPERATIVE = "cooperative", _("Farmers' cooperative")


class Ownership(models.TextChoices):
    PRIVATE = "private", _("Private")
    STATE = "state", _("State-owned")
    COLLECTIVE = "collective", _("Collective")
    MIXED = "mixed", _("Mixed ownership")
    FOREIGN = "foreign", _("Foreign-invested")
    HMT = "hmt", _("Hong Kong, Macao or Taiwan invested")
    OTHER = "other", _("Other")


class RegistryStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MOVED_OUT = "moved_out", _("Moved out")
    DEREGISTERED = "deregistered", _("Deregistered")
    REVOKED = "revoked", _("Licence revoked")


class Cluster(models.TextChoices):
    PV = "pv", _("Photovoltaic manufacturing")
    LITHIUM = "lithium", _("Lithium batteries and storage")
    CHEMICALS = "chemicals", _("Specialty chemicals")
    ALLOYS = "alloys", _("Alloys and new materials")
    OTHER = "other", _("Other")


class Scale(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class MemberLevel(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice president")
    STANDING = "standing", _("Standing committee member")
    EXECUTIVE = "executive", _("Executive committee member")
    UNIT = "unit", _("Member unit")
