"""Choices of the legal service network (法治护航民企发展)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class HostKind(models.TextChoices):
    """Who hosts a legal service station."""

    CHAMBER = "chamber", pgettext_lazy("legal station host", "Chamber of commerce")
    ENTERPRISE = "enterprise", pgettext_lazy("legal station host", "Enterprise")
    PARK = "park", pgettext_lazy("legal station host", "Industrial park")
    SUBDISTRICT = "subdistrict", pgettext_lazy("legal station host", "Subdistrict")


class StationStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("legal station status", "Open")
    SUSPENDED = "suspended", pgettext_lazy("legal station status", "Suspended")
    CLOSED = "closed", pgettext_lazy("legal station status", "Closed")


class Topic(models.TextChoices):
    """The legal matter of a consultation, and a lawyer's specialties."""

    CONTRACT = "contract", pgettext_lazy("legal topic", "Contracts")
    LABOUR = "labour", pgettext_lazy("legal topic", "Labour and employment")
    IP = "ip", pgettext_lazy("legal topic", "Intellectual property")
    DEBT = "debt", pgettext_lazy("legal topic", "Debts")
    TAX = "tax", pgettext_lazy("legal topic", "Tax")
    EQUITY = "equity", pgettext_lazy("legal topic", "Equity")
    OTHER = "other", pgettext_lazy("legal topic", "Other")


class Channel(models.TextChoices):
    STATION = "station", pgettext_lazy("legal channel", "At the station")
    PHONE = "phone", pgettext_lazy("legal channel", "By telephone")
    ONSITE = "onsite", pgettext_lazy("legal channel", "At the enterprise")
    ONLINE = "online", pgettext_lazy("legal channel", "Online")


class ConsultationKind(models.TextChoices):
    CONSULTATION = "consultation", pgettext_lazy("legal consultation kind", "Consultation")
    CHECKUP = "checkup", pgettext_lazy("legal consultation kind", "Legal health check")


# Words in a request's text that suggest a topic (the pre-filled consultation form's guess).
TOPIC_WORDS = {
    Topic.LABOUR: ("劳动", "用工", "工资", "社保", "辞退", "员工", "工伤"),
    Topic.IP: ("商标", "专利", "知识产权", "侵权", "著作权"),
    Topic.DEBT: ("欠款", "债务", "拖欠", "清欠", "借款", "担保"),
    Topic.TAX: ("税", "发票"),
    Topic.EQUITY: ("股权", "股东", "股份"),
    Topic.CONTRACT: ("合同", "协议", "违约"),
}


def guess_topic(text: str) -> str:
    """The first topic whose words occur in ``text``; 其他 when none does."""
    text = text or ""
    for topic, words in TOPIC_WORDS.items():
        if any(w in text for w in words):
            return topic
    return Topic.OTHER
