"""Choices of the chambers app: the Chinese terms of the registry, its lifecycle and ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChamberType(models.TextChoices):
    INDUSTRY = "industry", _("Industry chamber")  # 行业商会
    REGIONAL = "regional", _("Regional chamber")  # 区域商会
    OUT_OF_TOWN = "out_of_town", _("Chamber of another province's entrepreneurs")  # 异地商会
    OTHER = "other", _("Other")


class RegionLevel(models.TextChoices):
    """What a regional chamber (区域商会) covers."""

    COUNTY = "county", _("District / county")
    TOWNSHIP = "township", _("Township / subdistrict")
    BUSINESS_DISTRICT = "business_district", _("Business district")
    PARK = "park", _("Park")


class Status(models.TextChoices):
    """正常 → 整顿中 → 僵尸 → 已注销, or back to 正常 (DESIGN §3). (A context on the words the enterprise
    register translates otherwise: its "Active" is 存续.)"""

    ACTIVE = "active", pgettext_lazy("chamber status", "Active")
    RECTIFYING = "rectifying", _("Under rectification")
    DORMANT = "dormant", _("Dormant")
    DEREGISTERED = "deregistered", pgettext_lazy("chamber status", "Deregistered")


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("President")  # 会长
    VICE_PRESIDENT = "vice_president", _("Vice president")  # 副会长
    SUPERVISOR = "supervisor", _("Chief supervisor")  # 监事长
    DIRECTOR = "director", _("Director")  # 理事
    MEMBER = "member", _("Member")  # 会员


def role_order(field="role"):
    """An ordering expression by rank in the chamber (会长 first, 会员 last), not by the codes' spelling."""
    return models.Case(
        *(models.When(**{field: value}, then=models.Value(i)) for i, value in enumerate(MemberRole.values)),
        default=models.Value(len(MemberRole.values)),
    )


class InspectionResult(models.TextChoices):
    PASSED = "passed", _("Passed")  # 合格
    BASIC = "basic", _("Basically passed")  # 基本合格
    FAILED = "failed", pgettext_lazy("inspection result", "Failed")  # 不合格


class RatingLevel(models.TextChoices):
    """The level a "Four-Good" (四好商会) rating was given at."""

    CITY = "city", _("City level")
    PROVINCE = "province", _("Provincial level")
    NATIONAL = "national", _("National level")


class KeyAreaKind(models.TextChoices):
    BUSINESS_DISTRICT = "business_district", _("Key business district")  # 商圈
    PARK = "park", _("Park")  # 园区
    SUBDISTRICT = "subdistrict", _("Subdistrict")  # 街道
    INDUSTRY = "industry", _("Key industry")  # 重点产业


class EventKind(models.TextChoices):
    """What a chamber's history records (一会一档)."""

    CREATED = "created", _("Registered in the portal")
    STATUS = "status", _("Status changed")
    ACTIVITY = "activity", _("Activity held")  # a meeting, an event of its own
    CONTACT_FAILED = "contact_failed", _("Contact attempt failed")
    CHECKED = "checked", _("Checked, not dormant")
    NOTE = "note", _("Note")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


IN_DIRECTORY = [Status.ACTIVE]  # a chamber that leaves 正常 leaves the public directory
COVERING = [Status.ACTIVE]  # only an active chamber covers a key area
