"""Demo chambers for ``seed_demo``: about 30 chambers of every type and status, members drawn from
the demo enterprises, inspections, Four-Good ratings, key areas (two business districts, a park, a
subdistrict, the four clusters) and a few join applications.

Deterministic (one seeded random stream) and idempotent: every row is looked up by its natural key
before it is created, so running ``seed_demo`` again creates nothing new. The demo writes the rows
directly (statuses included): it stages a registry as found, not a history of decisions.

Names follow the loaded region (``federation.region``): the city's name, a chamber for each of its
districts and counties, business districts named after its first districts, a park after its first
industrial park (a township-level unit named 工业园) or the city.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from enterprises.choices import Cluster
from enterprises.models import Enterprise
from federation import roles
from federation.models import Division
from federation.region import area_code, city_name, city_short_name, region_code, short_county_name
from federation.validators import USCC_ALPHABET, uscc_check_character

from .choices import (
    ApplicationStatus,
    ChamberType,
    InspectionResult,
    KeyAreaKind,
    MemberRole,
    RatingLevel,
    RegionLevel,
    Status,
)
from .models import AnnualInspection, Chamber, FourGoodRating, JoinApplication, KeyArea, Membership

SEED = 20261201
TODAY = datetime.date(2026, 11, 1)  # fixed, so the demo is the same whenever it is seeded

INDUSTRY = [
    ("光伏产业商会", Cluster.PV),
    ("锂电产业商会", Cluster.LITHIUM),
    ("精细化工商会", Cluster.CHEMICALS),
    ("合金新材料商会", Cluster.ALLOYS),
    ("餐饮业商会", ""),
    ("建筑业商会", ""),
    ("物流商会", ""),
    ("文化旅游商会", ""),
    ("农牧业商会", ""),
    ("医药健康商会", ""),
    ("汽车流通商会", ""),
    ("电子商务商会", ""),
]
OUT_OF_TOWN = ["甘肃", "四川", "河南", "浙江", "江苏", "福建", "陕西"]
OTHER = ["青年企业家商会", "女企业家商会"]
# Statuses by position, so every status appears: most chambers are active.
STATUS_CYCLE = [Status.ACTIVE] * 6 + [Status.RECTIFYING, Status.ACTIVE, Status.DORMANT, Status.ACTIVE]
ROLE_PLAN = [MemberRole.PRESIDENT, MemberRole.VICE_PRESIDENT, MemberRole.VICE_PRESIDENT, MemberRole.SUPERVISOR]


STREETS = ["人民路", "解放路", "建设路", "文化路"]


def _uscc(n):
    body = "51" + region_code()[:6] + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))
    return body + uscc_check_character(body)


def _places(counties):
    """The demo's two business districts and its park, named after the region's places."""
    short = [short_county_name(c.name)[:2] for c in counties[:2]] or [city_short_name()] * 2
    if len(short) < 2:
        short.append(short[0])
    park = Division.objects.townships().filter(name__contains="工业园").first()
    return [f"{short[0]}中心商圈", f"{short[1]}新区商圈"], f"{park.name}区" if park else f"{city_short_name()}工业园区"


def _plan(counties):
    """(name, type, extra fields) of every demo chamber, in a fixed order."""
    city = city_name()
    business_districts, park = _places(counties)
    regional = [(f"{short_county_name(c.name)}商会", RegionLevel.COUNTY) for c in counties]
    regional += [(f"{name}商会", RegionLevel.BUSINESS_DISTRICT) for name in business_districts]
    regional += [(f"{park}商会", RegionLevel.PARK)]
    plan = [(f"{city}{name}", ChamberType.INDUSTRY, {"cluster": cluster}) for name, cluster in INDUSTRY]
    plan += [(f"{city}{name}", ChamberType.REGIONAL, {"region_level": level}) for name, level in regional]
    plan += [(f"{city}{origin}商会", ChamberType.OUT_OF_TOWN, {"origin": origin}) for origin in OUT_OF_TOWN]
    plan += [(f"{city}{name}", ChamberType.OTHER, {}) for name in OTHER]
    return plan


@transaction.atomic
def seed_demo_chambers(stdout=None):
    """The ``seed_demo`` hook of the chambers app (see the module docstring)."""
    rng = random.Random(SEED)
    counties = list(Division.objects.counties())
    enterprises = list(Enterprise.objects.order_by("uscc", "pk").values_list("pk", flat=True)[:600])
    city = city_name()
    created = 0
    chambers = []
    plan = _plan(counties)
    for i, (name, kind, extra) in enumerate(plan):
        status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
        if i == len(plan) - 1:
            status = Status.DEREGISTERED
        district = counties[i % len(counties)] if counties else None
        if extra.get("region_level") == RegionLevel.COUNTY:  # 城东区商会 sits in 城东区, 大通县商会 in 大通…县
            district = next((c for c in counties if c.name[:2] in name), district)
        chamber, new = Chamber.objects.get_or_create(
            name=name,
            defaults={
                "uscc": _uscc(9000 + i),
                "chamber_type": kind,
                "district": district,
                "address": f"{city}{district.name if district else ''}{rng.choice(STREETS)}{rng.randint(1, 99)}号",
                "office_phone": f"{area_code()}-{rng.randint(6100000, 8899999)}",
                "secretary_general": rng.choice(["马", "李", "王", "张", "韩"])
                + rng.choice(["明", "丽", "军", "芳", "强"]),
                "registration_authority": f"{city}民政局",
                "registered_on": TODAY.replace(year=2008 + i % 15),
                "status": status,
                "status_changed_on": TODAY - datetime.timedelta(days=30 * (i % 7)) if status != Status.ACTIVE else None,
                "next_election_due": TODAY + datetime.timedelta(days=60 * (i % 12) - 120),
                **extra,
            },
        )
        created += new
        chambers.append(chamber)
        if new:
            rng_chamber = random.Random(SEED + i)
            size = (
                0 if status == Status.DEREGISTERED else (4 if status == Status.DORMANT else rng_chamber.randint(8, 25))
            )
            picked = rng_chamber.sample(enterprises, min(size, len(enterprises)))
            for n, enterprise in enumerate(picked):
                role = ROLE_PLAN[n] if n < len(ROLE_PLAN) else (MemberRole.DIRECTOR if n < 8 else MemberRole.MEMBER)
                started = chamber.registered_on + datetime.timedelta(days=rng_chamber.randint(0, 2000))
                ended = started + datetime.timedelta(days=700) if n % 9 == 8 else None
                Membership.objects.get_or_create(
                    chamber=chamber,
                    enterprise_id=enterprise,
                    role=role,
                    started_on=started,
                    defaults={"ended_on": ended},
                )
            for year in (2023, 2024, 2025):
                if status == Status.DEREGISTERED:
                    break
                result = InspectionResult.PASSED
                if status == Status.DORMANT or (status == Status.RECTIFYING and year == 2025):
                    result = InspectionResult.FAILED
                elif i % 5 == 3:
                    result = InspectionResult.BASIC
                AnnualInspection.objects.get_or_create(
                    chamber=chamber,
                    year=year,
                    defaults={"result": result, "inspected_on": datetime.date(year + 1, 4, 15)},
                )
            if status == Status.ACTIVE and i % 3 == 0:
                FourGoodRating.objects.get_or_create(
                    chamber=chamber,
                    year=2025,
                    defaults={
                        "political_score": 22,
                        "team_score": 23,
                        "service_score": 21,
                        "discipline_score": 24,
                        "level": RatingLevel.PROVINCE if i % 2 else RatingLevel.CITY,
                        "rated_on": datetime.date(2025, 12, 20),
                    },
                )
    _key_areas(chambers, counties)
    _applications(chambers)
    if stdout is not None:
        stdout.write(f"chambers: {created} created, {Chamber.objects.count()} in all")


def _key_areas(chambers, counties):
    by_name = {c.name: c for c in chambers}
    city = city_name()
    (bd1, bd2), park = _places(counties)
    # The subdistrict: the region's first 街道, not covered by a chamber (the coverage page's gap).
    township = (
        Division.objects.townships().filter(name__endswith="街道").first() or Division.objects.townships().first()
    )
    areas = [
        (KeyAreaKind.BUSINESS_DISTRICT, bd1, {}, [f"{city}{bd1}商会"]),
        (KeyAreaKind.BUSINESS_DISTRICT, bd2, {}, [f"{city}{bd2}商会"]),
        (KeyAreaKind.PARK, park, {}, [f"{city}{park}商会"]),
        (KeyAreaKind.INDUSTRY, "光伏制造", {"cluster": Cluster.PV}, [f"{city}光伏产业商会"]),
        (KeyAreaKind.INDUSTRY, "锂电池及储能", {"cluster": Cluster.LITHIUM}, [f"{city}锂电产业商会"]),
        (KeyAreaKind.INDUSTRY, "特色化工", {"cluster": Cluster.CHEMICALS}, [f"{city}精细化工商会"]),
        (KeyAreaKind.INDUSTRY, "合金及新材料", {"cluster": Cluster.ALLOYS}, [f"{city}合金新材料商会"]),
    ]
    if township is not None:
        areas.insert(3, (KeyAreaKind.SUBDISTRICT, township.name, {}, []))
    for kind, name, extra, covering in areas:
        defaults = dict(extra)
        if counties:
            defaults["district"] = counties[0]
        if kind == KeyAreaKind.SUBDISTRICT and township is not None:
            defaults["division"] = township
        area, new = KeyArea.objects.get_or_create(kind=kind, name=name, defaults=defaults)
        if new:
            area.chambers.set([by_name[c] for c in covering if c in by_name])


def _applications(chambers):
    active = [c for c in chambers if c.status == Status.ACTIVE][:4]
    short = city_short_name()
    samples = [
        (f"{short}恒达商贸有限公司", "马建国", "13897101234", ApplicationStatus.SUBMITTED),
        ("青海雪域光伏科技有限公司", "李芳", "13909712345", ApplicationStatus.SUBMITTED),
        (f"{short}三江物流有限公司", "王强", "18997123456", ApplicationStatus.DECLINED),
        ("青海昆仑餐饮管理有限公司", "韩丽", "15009714567", ApplicationStatus.SUBMITTED),
    ]
    # The demo chamber secretaries keep the first chamber, which has an application waiting.
    if active:
        active[0].secretaries.add(*get_user_model().objects.filter(groups__name=roles.CHAMBER_SECRETARY))
    for chamber, (name, person, phone, status) in zip(active, samples, strict=False):
        JoinApplication.objects.get_or_create(
            chamber=chamber,
            enterprise_name=name,
            defaults={
                "contact_person": person,
                "phone": phone,
                "consent": True,
                "status": status,
                "reason": "经营范围与本会行业不符，建议申请加入相关行业商会。"
                if status == ApplicationStatus.DECLINED
                else "",
                "message": "希望加入商会，参与行业交流活动。",
            },
        )
