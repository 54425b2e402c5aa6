"""Demo data of the village pairing programme for ``seed_demo``: villages in six townships (with
Xining loaded, of 湟中, 大通 and 湟源; in another region, six of its own towns), a dozen pairings (one-to-one, a one-to-many, a many-to-one, one with a chamber), their
projects with quarterly reports, and this year's targets (20 new pairings among them). Idempotent:
nothing is added when pairings exist."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from federation.models import Division

from . import operations, quarters
from .choices import Measure, PairingForm, ProjectStatus, ProjectType
from .models import AnnualTarget, Pairing, PairingProject, ProgressReport, Village

# Xining's demo villages by township code; another region's are named after its own townships.
VILLAGES = [
    ("630106102", "阿家庄村", True, 312),
    ("630106102", "石咀村", False, 268),
    ("630106105", "多巴三村", True, 420),
    ("630106105", "扎麻隆村", False, 190),
    ("630106107", "卡阳村", True, 156),
    ("630106107", "黄草沟村", False, 134),
    ("630121105", "长宁村", True, 385),
    ("630121105", "鲍家寨村", False, 240),
    ("630121100", "下关村", False, 510),
    ("630121100", "大寺沟村", True, 176),
    ("630123201", "日月山村", True, 205),
    ("630123201", "兔尔干村", False, 148),
]
PROJECTS = [
    (ProjectType.INDUSTRY, "高原夏菜种植基地"),
    (ProjectType.EMPLOYMENT, "村民就业技能培训与定向招聘"),
    (ProjectType.CONSUMPTION, "牦牛肉消费帮扶直供"),
    (ProjectType.INDUSTRY, "光伏发电扶贫电站"),
    (ProjectType.CHARITY, "村级卫生室设备捐赠"),
    (ProjectType.INDUSTRY, "青稞深加工合作社"),
    (ProjectType.KNOWLEDGE, "电商带头人培训"),
    (ProjectType.INDUSTRY, "冷水鱼养殖示范"),
    (ProjectType.CONSUMPTION, "乡村旅游民宿运营"),
    (ProjectType.INDUSTRY, "中药材（当归）种植"),
]


def seed_demo_villages(stdout=None):
    if Pairing.objects.exists():
        return
    from chambers.models import Chamber
    from enterprises.models import Enterprise

    planned = _villages()
    enterprises = list(Enterprise.objects.exclude(uscc=None).order_by("pk")[:16])
    if len(planned) < len(VILLAGES) or len(enterprises) < 14:
        return
    staff = get_user_model().objects.filter(username="staff").first()
    chamber = Chamber.objects.order_by("pk").first()
    rng = random.Random(13)
    today = timezone.localdate()
    with transaction.atomic():
        villages = [
            Village.objects.create(township=town, name=name, is_key=key, households=households)
            for town, name, key, households in planned
        ]
        # (partners, villages, form, start year)
        plans = [
            ([enterprises[0]], [villages[0]], PairingForm.ONE_TO_ONE, today.year - 2),
            ([enterprises[1]], [villages[2]], PairingForm.ONE_TO_ONE, today.year - 2),
            ([enterprises[2]], [villages[4], villages[5]], PairingForm.ONE_TO_MANY, today.year - 1),
            ([enterprises[3], enterprises[4]], [villages[6]], PairingForm.MANY_TO_ONE, today.year - 1),
            ([enterprises[5]], [villages[9]], PairingForm.ONE_TO_ONE, today.year - 1),
            ([enterprises[6]], [villages[10]], PairingForm.ONE_TO_ONE, today.year - 1),
            ([enterprises[0]], [villages[1]], PairingForm.ONE_TO_ONE, today.year),
            ([enterprises[7]], [villages[3]], PairingForm.ONE_TO_ONE, today.year),
            ([enterprises[8]], [villages[7], villages[8]], PairingForm.ONE_TO_MANY, today.year),
            ([enterprises[9], enterprises[10], enterprises[11]], [villages[11]], PairingForm.MANY_TO_ONE, today.year),
            ([enterprises[12]], [villages[2]], PairingForm.ONE_TO_ONE, today.year),
            ([enterprises[13]], [villages[6]], PairingForm.ONE_TO_ONE, today.year),
        ]
        if chamber is not None:
            plans.append(([chamber], [villages[9]], PairingForm.ONE_TO_ONE, today.year))
        for n, (partners, places, form, year) in enumerate(plans):
            last_month = 10 if year < today.year else max(1, today.month - 1)
            agreed = min(today, date(year, rng.randint(min(3, last_month), last_month), rng.randint(1, 28)))
            pairing = Pairing.objects.create(
                form=form,
                batch=f"{year}年度",
                start_year=year,
                agreement_date=agreed,
                partner_contact=rng.choice(["马建军", "李红梅", "祁生福", "张永胜"]),
                partner_phone=f"1390971{rng.randint(1000, 9999)}",
                village_contact=rng.choice(["村支书 韩有德", "村主任 星秀花", "村支书 汪福林"]),
                village_phone=f"1370971{rng.randint(1000, 9999)}",
            )
            pairing.enterprises.set([p for p in partners if isinstance(p, Enterprise)])
            pairing.chambers.set([p for p in partners if not isinstance(p, Enterprise)])
            pairing.villages.set(places)
            pairing.name = operations.pairing_name(
                [p for p in partners if isinstance(p, Enterprise)],
                [p for p in partners if not isinstance(p, Enterprise)],
                places,
            )
            pairing.save()
            for village in places:
                kind, name = PROJECTS[(n + villages.index(village)) % len(PROJECTS)]
                start = agreed + timedelta(days=rng.randint(10, 40))
                if start > today:
                    continue
                planned = Decimal(rng.choice([80, 120, 200, 350, 600])) * 10000
                project = PairingProject.objects.create(
                    pairing=pairing,
                    village=village,
                    project_type=kind,
                    name=f"{village.name}{name}",
                    planned_investment=planned,
                    actual_investment=0,
                    households_benefiting=rng.randint(20, 120),
                    start_date=start,
                    status=ProjectStatus.UNDERWAY,
                    is_typical=n in (0, 3),
                )
                _reports(project, planned, rng, today, staff)
        if plans and len(plans) > 1:
            first = Pairing.objects.order_by("started_on").first()
            operations.complete_pairing(first, staff, "三年帮扶目标全部完成", on=date(today.year, 3, 31))
        for measure, target in (
            (Measure.NEW_PAIRINGS, 20),
            (Measure.INVESTMENT, 30000000),
            (Measure.JOBS, 300),
            (Measure.KEY_VILLAGES, 8),
        ):
            AnnualTarget.objects.create(year=today.year, measure=measure, target=target)
    if stdout:
        stdout.write(f"  villages: {Village.objects.count()} villages, {Pairing.objects.count()} pairings")


def _villages():
    """The demo villages as (township, name, is_key, households): Xining's when its townships are
    the loaded region's, else two in each of six of the region's townships (towns and townships
    before subdistricts, taken county by county), named after their township; [] with fewer than six."""
    codes = {v[0] for v in VILLAGES}
    towns = {d.code: d for d in Division.objects.townships().filter(code__in=codes)}
    if len(towns) == len(codes):
        return [(towns[code], name, key, households) for code, name, key, households in VILLAGES]
    by_county = {}
    for town in sorted(Division.objects.townships(), key=lambda t: (not t.name.endswith(("镇", "乡")), t.code)):
        by_county.setdefault(town.parent_id, []).append(town)
    chosen = []
    while len(chosen) < len(codes) and any(by_county.values()):
        for towns_of_county in by_county.values():
            if towns_of_county and len(chosen) < len(codes):
                chosen.append(towns_of_county.pop(0))
    if len(chosen) < len(codes):
        return []
    chosen.sort(key=lambda t: t.code)
    return [
        (town, f"{town.name[:2]}{'一二'[i % 2]}村", key, households)
        for i, (town, (_code, _name, key, households)) in enumerate(
            zip([t for t in chosen for _ in (0, 1)], VILLAGES, strict=True)
        )
    ]


def _reports(project, planned, rng, today, staff):
    """Quarterly reports from the project's start to the last closed quarter, most of them on time;
    the quarter just ended is left unfiled for some, so the workbench shows reports due."""
    investment, jobs, income = Decimal(0), 0, Decimal(0)
    for year, quarter in quarters.between(project.start_date, today):
        due = quarters.due_date(year, quarter)
        if quarters.last_day(year, quarter) >= today:
            break
        if due >= today and rng.random() < 0.6:
            continue  # still in its window: waiting on the workbench
        investment = min(planned, investment + planned * Decimal(rng.choice([10, 15, 20, 25])) / 100)
        jobs += rng.randint(2, 12)
        income += Decimal(rng.randint(3, 20)) * 10000
        filed = (
            due - timedelta(days=rng.randint(0, 9)) if rng.random() < 0.8 else due + timedelta(days=rng.randint(3, 20))
        )
        report = ProgressReport(
            project=project,
            year=year,
            quarter=quarter,
            cumulative_investment=investment,
            cumulative_jobs=jobs,
            cumulative_income=income,
            narrative=rng.choice(
                ["按计划推进，完成阶段性建设任务。", "带动村民务工，发放劳务报酬。", "产品进入企业采购目录，销售稳定。"]
            ),
            filed_on=min(filed, today),
            filed_by=staff,
        )
        report.save()
