"""Demo enterprises for ``seed_demo [--enterprises N]``: realistic, deterministic and idempotent.

Names are built from the loaded region's places (``federation.region``: the city's name, its
districts and townships), trade names (字号), trades and legal forms; USCCs follow
GB 32100-2015 (registration authority 9 = market regulator; category 1 enterprise, 2 individual
business, 3 farmers' cooperative; the county's 6-digit code; a 9-character organisation code with
its GB 11714 check character; the USCC check character from ``federation.validators``).

The generator draws from one seeded random stream, record after record, so the first N records of
a larger run are the N records of a smaller one: running it again, or with a larger N, only adds
what is missing (``bulk_create(ignore_conflicts=True)`` on the unique USCC). Every demo record has a
USCC for that reason. Records are bulk-inserted, each with its first history row ("+"), so the
first manual edit of a demo record shows what changed, as for a record created by hand or imported.
"""

import random
import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from federation.models import Division, Industry
from federation.region import area_code, city_name, city_short_name, short_county_name
from federation.validators import uscc_check_character

from .choices import Cluster, EntityType, MemberLevel, Ownership, RegistryStatus, Scale
from .models import Enterprise

DEFAULT_COUNT = 300
BATCH = 5000
SEED = 20261125

BRANDS = [
    "天合",
    "黄河",
    "昆仑",
    "三江",
    "雪域",
    "高原",
    "青藏",
    "金河",
    "祥瑞",
    "鑫源",
    "海纳",
    "丰泽",
    "宏达",
    "华源",
    "博远",
    "盛世",
    "瑞丰",
    "恒信",
    "锦程",
    "汇通",
    "康泰",
    "顺达",
    "隆盛",
    "佳禾",
    "兴旺",
    "聚鑫",
    "福瑞",
    "德润",
    "天佑",
    "安泰",
    "众诚",
    "正元",
    "嘉盛",
    "亚光",
    "润泽",
    "青峰",
    "湟水",
    "西海",
    "祁连",
    "河湟",
    "明珠",
    "丝路",
    "驼铃",
    "格桑",
    "卓越",
    "新宇",
    "中科",
    "鼎盛",
    "泰和",
    "金诺",
    "银河",
    "宝丰",
    "永昌",
    "长河",
    "远航",
    "晨光",
    "朝阳",
    "蓝天",
    "绿源",
    "沃土",
    "源通",
    "万通",
    "百川",
    "千禧",
    "龙腾",
]
SURNAMES = "王李张马刘陈赵杨韩祁鲁冶何周孙胡郭朱罗徐高林铁喇海冯董白韩苏星".replace(" ", "")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国文斌辉玲梅海燕红云鹏飞龙福祥德成忠"
ROADS = [
    "七一路",
    "五四大街",
    "昆仑路",
    "海湖大道",
    "八一路",
    "长江路",
    "黄河路",
    "南川西路",
    "柴达木路",
    "同仁路",
    "西关大街",
    "东关大街",
    "胜利路",
    "文成路",
    "祁连路",
    "宁张路",
    "建国路",
    "互助路",
    "小桥大街",
    "新宁路",
    "五四西路",
    "海晏路",
    "园树街",
    "康宁路",
]
SUFFIXES = [("有限公司", 80), ("有限责任公司", 13), ("股份有限公司", 4), ("集团有限公司", 3)]

# Enterprises: (section, cluster, trades, weight). Trades go between the trade name and the legal form.
ENTERPRISE_KINDS = [
    ("C", Cluster.PV, ["光伏科技", "光伏科技", "光伏能源", "光伏材料", "光电科技", "硅业"], 6),
    ("D", Cluster.PV, ["光伏发电", "新能源发电", "光伏电力"], 2),
    ("C", Cluster.LITHIUM, ["锂业", "锂电科技", "储能科技", "新能源材料", "电池科技"], 5),
    ("C", Cluster.CHEMICALS, ["化工", "盐湖化工", "精细化工", "化学科技"], 4),
    ("C", Cluster.ALLOYS, ["合金材料", "新材料科技", "镁业", "铝业", "特钢"], 4),
    ("A", Cluster.OTHER, ["农牧开发", "生态农业", "牧业", "枸杞科技", "种业"], 6),
    ("C", Cluster.OTHER, ["食品", "牦牛乳业", "青稞酒业", "制药", "机械制造", "建材"], 8),
    ("E", Cluster.OTHER, ["建筑工程", "建设工程", "路桥工程", "装饰工程"], 9),
    ("F", Cluster.OTHER, ["商贸", "贸易", "百货", "医药连锁", "汽车销售", "光伏设备销售"], 20),
    ("G", Cluster.OTHER, ["物流", "运输", "供应链管理"], 5),
    ("H", Cluster.OTHER, ["餐饮管理", "酒店管理", "饮食文化"], 5),
    ("I", Cluster.OTHER, ["信息技术", "网络科技", "软件", "数据科技"], 5),
    ("K", Cluster.OTHER, ["房地产开发", "物业管理"], 3),
    ("L", Cluster.OTHER, ["商务咨询", "企业管理咨询", "人力资源", "广告传媒"], 7),
    ("M", Cluster.OTHER, ["技术服务", "检测技术", "工程设计"], 3),
    ("N", Cluster.OTHER, ["环保科技", "园林绿化"], 2),
    ("R", Cluster.OTHER, ["文化传媒", "文化旅游", "体育发展"], 2),
    ("Q", Cluster.OTHER, ["健康管理", "医疗科技"], 1),
]
SHOPS = [
    ("F", ["便利店", "超市", "日用百货店", "五金店", "服装店", "水果店", "烟酒店", "副食店", "建材店", "茶叶店"], 50),
    ("H", ["牛肉面馆", "手抓羊肉馆", "餐馆", "烧烤店", "酿皮店", "火锅店"], 30),
    ("O", ["理发店", "汽车修理部", "手机维修店", "洗衣店", "家电维修部"], 20),
]
COOPERATIVES = [
    "种植专业合作社",
    "养殖专业合作社",
    "牦牛养殖专业合作社",
    "蔬菜种植专业合作社",
    "马铃薯种植专业合作社",
    "农机专业合作社",
]
TAGS = ["专精特新", "高新技术企业", "科技型中小企业", "省级龙头企业", "守合同重信用"]

# GB 11714 organisation code: weights of the 8 body characters; values 0-9 and A=10 … Z=35.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body: str) -> str:
    """An 8-character organisation code body with its GB 11714 check character appended."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_uscc(category: str, county_code: str, index: int, recent: bool) -> str:
    """A valid USCC, unique per ``index``: newer entities get the "MA" codes issued since 2015."""
    if recent:
        body = "MA" + f"{(index * 7919 + 104729) % 1_000_000:06d}"
    else:
        body = f"{(index * 48271 + 12345678) % 100_000_000:08d}"
    first17 = "9" + category + county_code + org_code(body)
    return first17 + uscc_check_character(first17)


def _weighted(rng, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights)[0]


class _Reference:
    """The divisions and industries the generator draws from, read once."""

    def __init__(self):
        counties = list(Division.objects.counties())
        self.townships = {c.pk: [] for c in counties}
        for t in Division.objects.townships():
            self.townships.setdefault(t.parent_id, []).append(t)
        # A county's share of the records follows its number of townships (at least one); it is
        # rural when its towns and townships (镇, 乡) outnumber its subdistricts (街道).
        self.counties = [(c, max(1, len(self.townships[c.pk]))) for c in counties]
        self.rural = {c.pk for c in counties if _is_rural(self.townships[c.pk])}
        self.city, self.city_short = city_name(), city_short_name()
        self.sections = {s.code: s for s in Industry.objects.filter(level=Industry.Level.SECTION)}
        self.divisions = {}
        for d in Industry.objects.filter(level=Industry.Level.DIVISION).select_related("parent").order_by("code"):
            self.divisions.setdefault(d.parent.code, []).append(d)


def _is_rural(townships):
    towns = sum(1 for t in townships if t.name.endswith(("镇", "乡")))
    return towns > len(townships) - towns


def _person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _phone(rng):
    if rng.random() < 0.15:
        return f"{area_code()}-{rng.randint(4000000, 8999999)}"
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def _short(county):
    return short_county_name(county.name)


def build_enterprise(rng, index, ref):
    """The ``index``-th demo enterprise (does not touch the database)."""
    county = _weighted(rng, ref.counties)
    towns = ref.townships.get(county.pk) or [None]
    town = rng.choice(towns)
    founded = date(1995, 1, 1) + timedelta(days=int((rng.random() ** 0.6) * 11_200))
    roll = rng.random()
    cluster = ""
    tags = ""
    if roll < 0.62:
        entity_type, category = EntityType.INDIVIDUAL, "2"
        section, shops, _w = _weighted(rng, [((s, shops, w), w) for s, shops, w in SHOPS])
        brand = rng.choice((rng.choice(BRANDS), rng.choice(SURNAMES) + "记", "老" + rng.choice(SURNAMES) + "家"))
        place = rng.choice((ref.city + county.name, county.name, _short(county)))
        name = place + brand + rng.choice(shops)
        scale = Scale.MICRO
        capital = Decimal(rng.choice((1, 2, 3, 5, 10, 20, 30, 50))) * 10_000
        employees = rng.randint(1, 8)
    elif roll < 0.66:
        entity_type, category = EntityType.COOPERATIVE, "3"
        section = "A"
        # Cooperatives are rural: most are in the rural counties, named after their township.
        if county.pk not in ref.rural and rng.random() < 0.8:
            county = rng.choice([c for c, _w in ref.counties if c.pk in ref.rural] or [county])
            town = rng.choice(ref.townships.get(county.pk) or [None])
        rural_town = town.name[:-1] if town and town.name.endswith(("镇", "乡")) else ""
        name = _short(county) + rural_town + rng.choice(BRANDS) + rng.choice(COOPERATIVES)
        scale = rng.choice((Scale.MICRO, Scale.MICRO, Scale.SMALL))
        capital = Decimal(rng.choice((10, 30, 50, 100, 200, 500))) * 10_000
        employees = rng.randint(5, 60)
    else:
        entity_type, category = EntityType.ENTERPRISE, "1"
        section, cluster, trades, _w = _weighted(rng, [(kind, kind[3]) for kind in ENTERPRISE_KINDS])
        place = rng.choice(("青海", "青海", ref.city_short, ref.city_short, "青海省", _short(county)))
        name = place + rng.choice(BRANDS) + rng.choice(trades) + _weighted(rng, SUFFIXES)
        scale = _weighted(rng, [(Scale.MICRO, 58), (Scale.SMALL, 29), (Scale.MEDIUM, 10), (Scale.LARGE, 3)])
        base = {Scale.MICRO: 10, Scale.SMALL: 100, Scale.MEDIUM: 1_000, Scale.LARGE: 5_000}[scale]  # 万元
        capital = (Decimal(base) * Decimal(rng.choice((1, 2, 3, 5, 8)))).quantize(Decimal(1)) * 10_000
        employees = {
            Scale.MICRO: rng.randint(1, 9),
            Scale.SMALL: rng.randint(10, 99),
            Scale.MEDIUM: rng.randint(100, 299),
            Scale.LARGE: rng.randint(300, 3000),
        }[scale]
        if rng.random() < 0.04:
            tags = rng.choice(TAGS)
    legal = _person(rng)
    status = _weighted(
        rng,
        [
            (RegistryStatus.ACTIVE, 88),
            (RegistryStatus.DEREGISTERED, 7),
            (RegistryStatus.REVOKED, 3),
            (RegistryStatus.MOVED_OUT, 2),
        ],
    )
    is_member = entity_type != EntityType.INDIVIDUAL and status == RegistryStatus.ACTIVE and rng.random() < 0.06
    level = ""
    member_since = None
    if is_member:
        level = _weighted(
            rng,
            [
                (MemberLevel.UNIT, 700),
                (MemberLevel.EXECUTIVE, 160),
                (MemberLevel.STANDING, 90),
                (MemberLevel.VICE_PRESIDENT, 45),
                (MemberLevel.PRESIDENT, 1),
            ],
        )
        member_since = max(founded, date(2000, 1, 1)) + timedelta(days=rng.randint(30, 3000))
        member_since = min(member_since, date(2025, 12, 31))
    revenue = None
    if entity_type == EntityType.ENTERPRISE and rng.random() < 0.7:
        revenue = (capital * Decimal(rng.uniform(0.3, 4))).quantize(Decimal("0.01"))
    divisions = ref.divisions.get(section) or [None]
    return Enterprise(
        name=name,
        uscc=make_uscc(category, county.code, index, recent=founded.year >= 2016),
        entity_type=entity_type,
        ownership=_weighted(
            rng,
            [
                (Ownership.PRIVATE, 94),
                (Ownership.MIXED, 2),
                (Ownership.STATE, 2),
                (Ownership.COLLECTIVE, 1),
                (Ownership.FOREIGN, 1),
            ],
        )
        if entity_type == EntityType.ENTERPRISE
        else Ownership.PRIVATE,
        legal_representative=legal,
        registered_capital=capital,
        founded_on=founded,
        registry_status=status,
        district=county,
        address=f"{county.name}{town.name if town else ''}{rng.choice(ROADS)}{rng.randint(1, 300)}号",
        industry_section=ref.sections.get(section),
        industry_division=rng.choice(divisions),
        cluster=cluster,
        scale=scale,
        employees=employees,
        revenue_last_year=revenue,
        contact_person=legal if rng.random() < 0.6 else _person(rng),
        contact_phone=_phone(rng),
        is_member=is_member,
        member_level=level,
        member_since=member_since,
        tags=tags,
    )


def generate(count, ref, seed=SEED):
    """The first ``count`` demo enterprises, always the same ones."""
    rng = random.Random(seed)
    for index in range(count):
        yield build_enterprise(rng, index, ref)


def seed_enterprises(stdout=None, enterprises=None, verbosity=1, **options):
    """The ``seed_demo`` hook: make sure the first N demo enterprises exist (default 300)."""
    count = DEFAULT_COUNT if enterprises is None else enterprises
    started = time.perf_counter()
    before = Enterprise.objects.count()
    ref = _Reference()
    batch = []
    for obj in generate(count, ref):
        batch.append(obj)
        if len(batch) == BATCH:
            _insert(batch)
            batch = []
    if batch:
        _insert(batch)
    created = Enterprise.objects.count() - before
    if stdout is not None and verbosity:
        stdout.write(
            f"enterprises: {created} created, {count - created} already there ({time.perf_counter() - started:.1f} s)"
        )
    return created


def _insert(batch):
    with transaction.atomic():
        Enterprise.objects.bulk_create(batch, ignore_conflicts=True)
        _first_history([e.uscc for e in batch])


def _first_history(usccs):
    """A "+" history row for each of these records that has none yet (the ones just inserted):
    ``bulk_create`` writes no history, and without it a record's first edit has nothing to
    compare with."""
    history = Enterprise.history.model
    new = Enterprise.objects.filter(uscc__in=usccs).exclude(pk__in=history.objects.values("id"))
    with translation.override("zh-hans"):
        reason = _("Demo data, loaded in bulk")
    Enterprise.history.bulk_history_create(list(new), default_change_reason=reason)
