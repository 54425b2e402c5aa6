"""Choices of the policies sub-domain (政策宣传与匹配)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    """Who issued the policy: the level of government (国家 / 省 / 市 / 区县)."""

    NATIONAL = "national", pgettext_lazy("policy level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("policy level", "Provincial")
    CITY = "city", pgettext_lazy("policy level", "Municipal")
    COUNTY = "county", pgettext_lazy("policy level", "District / county")


class Category(models.TextChoices):
    TAX = "tax", _("Tax and fee relief")
    FINANCE = "finance", _("Financing support")
    INDUSTRY = "industry", _("Industry development")
    INNOVATION = "innovation", _("Technology and innovation")
    EMPLOYMENT = "employment", _("Employment and talent")
    MARKET = "market", _("Market expansion")
    ENVIRONMENT = "environment", _("Business environment")
    OTHER = "other", pgettext_lazy("policy category", "Other")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("policy status", "Draft")
    PUBLISHED = "published", pgettext_lazy("policy status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("policy status", "Withdrawn")


class EventKind(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("policy event", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("policy event", "Withdrawn")


class Channel(models.TextChoices):
    """How an enterprise was told of a policy."""

    VISIT = "visit", _("On a visit")
    PHONE = "phone", _("By phone")
    SMS = "sms", _("By text message")
    WECHAT = "wechat", _("WeChat group")
    MEETING = "meeting", _("Briefing session")
    OTHER = "other", pgettext_lazy("outreach channel", "Other")


class Validity(models.TextChoices):
    """The public list's validity filter."""

    CURRENT = "current", _("In force")
    EXPIRED = "expired", _("Expired")
