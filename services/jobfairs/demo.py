"""Demo data: the 政策宣传月 job fair (held 35 days ago, tens of enterprises with positions, intentions
recorded, hires to confirm on the workbench) and a coming fair open for registration — loaded through
the operations, as a real fair would be."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from enterprises.models import Enterprise
from federation.region import city_name

from . import operations
from .choices import Education, Experience, FairStatus
from .models import JobFair

HELD_TITLE = "政策宣传月民营企业专场招聘会"
OPEN_TITLE = "2027年春风行动民营企业招聘会"
DEMO_TOKEN = "demo-jobfair-spring"
TITLES = [
    ("普工", 1, 8, 4000, 5500, Education.MIDDLE, Experience.ANY),
    ("电工", 1, 3, 5000, 7000, Education.HIGH, Experience.Y1_3),
    ("销售代表", 2, 5, 4500, 8000, Education.COLLEGE, Experience.ANY),
    ("会计", 1, 1, 5000, 6500, Education.COLLEGE, Experience.Y3_5),
    ("质检员", 1, 3, 4200, 5200, Education.HIGH, Experience.UNDER_1),
    ("机械工程师", 1, 2, 7000, 11000, Education.BACHELOR, Experience.Y3_5),
    ("仓库管理员", 1, 2, 4000, 4800, Education.HIGH, Experience.ANY),
    ("行政专员", 1, 1, 4000, 5000, Education.COLLEGE, Experience.ANY),
    ("厨师", 1, 2, 5000, 6500, Education.ANY, Experience.Y1_3),
    ("司机", 1, 2, 4500, 6000, Education.ANY, Experience.Y3_5),
]
PLACES = ["城东区", "城中区", "城西区", "城北区", "湟中区", "南川工业园", "甘河工业园"]
PEOPLE = ["张", "李", "王", "马", "赵", "韩", "刘"]


def _positions(rng):
    rows = []
    for title, _lo, hi_n, lo, hi, edu, exp in rng.sample(TITLES, rng.randint(2, 4)):
        rows.append(
            {
                "title": title,
                "headcount": rng.randint(1, hi_n),
                "education": edu,
                "experience": exp,
                "salary_min": lo,
                "salary_max": hi,
                "place": rng.choice(PLACES),
                "requirements": "吃苦耐劳，服从安排；缴纳五险，提供工作餐。",
            }
        )
    return rows


def _campaign():
    from services.campaigns.models import Campaign

    return Campaign.objects.filter(name__contains="政策").first() or Campaign.objects.first()


def seed_demo_jobfairs(stdout=None):
    if JobFair.objects.filter(title=HELD_TITLE).exists():
        return
    rng = random.Random(20261212)
    today = timezone.localdate()
    enterprises = list(Enterprise.objects.exclude(uscc=None).order_by("pk")[:52])
    if len(enterprises) < 4:
        return
    # 44 of 52 at the held fair (fewer with a small register), the rest at the coming one.
    held_list, spring_list = enterprises[: len(enterprises) * 44 // 52], enterprises[len(enterprises) * 44 // 52 :]
    held_on = today - datetime.timedelta(days=35)
    now = timezone.now()
    city = city_name()
    with transaction.atomic():
        fair = JobFair.objects.create(
            title=HELD_TITLE,
            held_on=held_on,
            venue=f"{city}人力资源市场一楼大厅",
            organiser=f"{city}工商业联合会、{city}人力资源和社会保障局",
            campaign=_campaign(),
            registration_opens=held_on - datetime.timedelta(days=20),
            registration_closes=held_on - datetime.timedelta(days=2),
            booths=max(1, len(held_list) - 4),
            status=FairStatus.OPEN,
        )
        regs = []
        for i, e in enumerate(held_list):
            regs.append(
                operations.register_for_fair(
                    fair,
                    uscc=e.uscc,
                    enterprise_name=e.name,
                    contact_person=f"{PEOPLE[i % len(PEOPLE)]}经理",
                    phone=f"139{70000000 + i:08d}",
                    positions=_positions(rng),
                    consent=True,
                    now=now,
                    check_window=False,
                )
            )
        for reg in regs[:-2]:
            operations.approve_registration(reg)  # beyond the booths: the waiting list
        operations.return_registration(regs[-2], "请补充岗位的薪资范围和工作地点。")
        operations.close_registration(fair)
        operations.mark_held(fair)
        for reg in regs[:30]:
            reg.refresh_from_db()
            if reg.status == "approved":
                operations.record_intentions(reg, rng.randint(0, min(reg.openings, 6)))
        coming = today + datetime.timedelta(days=20)
        spring = JobFair.objects.create(
            title=OPEN_TITLE,
            held_on=coming,
            venue=f"{city}民中心会展厅",
            organiser=f"{city}工商业联合会",
            registration_opens=today - datetime.timedelta(days=5),
            registration_closes=coming - datetime.timedelta(days=3),
            booths=60,
        )
        JobFair.objects.filter(pk=spring.pk).update(token=DEMO_TOKEN)
        spring.refresh_from_db()
        operations.open_registration(spring)
        for i, e in enumerate(spring_list):
            reg = operations.register_for_fair(
                spring,
                uscc=e.uscc,
                enterprise_name=e.name,
                contact_person=f"{PEOPLE[i % len(PEOPLE)]}女士",
                phone=f"138{70000000 + i:08d}",
                positions=_positions(rng),
                consent=True,
            )
            if i < 5:
                operations.approve_registration(reg)
    if stdout:
        stdout.write(f"Job fairs: {HELD_TITLE} ({len(regs)} registrations), {OPEN_TITLE}.\n")
