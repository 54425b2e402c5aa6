"""Demo campaigns and visits for ``seed_demo``: 大调研大走访大解题大服务 under way (a goal of 60
enterprises visited, split between two staff members, a little behind pace), 助企暖企春风行动 done
in the spring; visits to the demo enterprises, some of whose problems became requests. Idempotent:
a campaign already present (by name) is left as it is."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from federation.region import area_code

from ..campaigns.choices import Measure
from ..campaigns.models import Campaign, CampaignGoal
from ..requests import operations as requests
from ..requests.choices import Category
from ..requests.demo import _enterprises
from . import operations
from .choices import VisitMode
from .models import Visit

SURVEY = "大调研大走访大解题大服务"
SPRING = "助企暖企春风行动"
PLACES = ["企业生产车间", "企业会议室", "园区服务中心", "工商联三楼会议室", ""]
SUMMARIES = [
    "了解企业今年订单和用工情况，宣讲稳岗返还和减税降费政策。",
    "企业负责人介绍了扩产计划，希望在用地和融资上得到支持。",
    "座谈了解企业经营中的堵点难点，征求对营商环境的意见建议。",
    "回访上次提出的问题办理情况，企业表示满意。",
]
PROBLEMS = [
    (Category.FINANCING, "流动资金贷款到期续贷困难\n希望协调银行无还本续贷。"),
    (Category.LABOUR, "急需招聘熟练焊工15名\n希望在春风行动招聘会上推荐岗位。"),
    (Category.LAND, "厂房扩建规划许可办理慢\n希望协调自然资源部门加快办理。"),
    (Category.POLICY, "不清楚专精特新申报条件\n希望提供申报辅导。"),
    (Category.RIGHTS, "工程尾款拖欠两年\n约80万元，希望协调清欠。"),
    (Category.MARKET, "希望对接省外采购商\n储能电池产能富余。"),
]


class _Form:
    """What ``operations.save_visit`` needs of a form: the instance and ``save``."""

    def __init__(self, visit, enterprises, staff):
        self.instance, self.enterprises, self.staff = visit, enterprises, staff

    def save(self):
        self.instance.save()
        self.instance.enterprises.set(self.enterprises)
        self.instance.staff.set(self.staff)
        return self.instance


def seed_demo_visits(stdout=None):
    if Campaign.objects.filter(name=SURVEY).exists():
        return
    User = get_user_model()
    staff = list(User.objects.filter(username__in=["staff", "staff2"]).order_by("username"))
    if not staff:
        return
    today = timezone.localdate()
    enterprises = _enterprises()
    with transaction.atomic():
        survey = Campaign.objects.create(
            name=SURVEY,
            starts_on=today - timedelta(days=49),
            ends_on=today + timedelta(days=41),
            lead=staff[0],
            description="走进企业听需求、解难题：全市走访民营企业60家以上，帮助解决“急难愁盼”问题。",
        )
        CampaignGoal.objects.create(campaign=survey, measure=Measure.ENTERPRISES_VISITED, target=60)
        for person in staff:
            CampaignGoal.objects.create(
                campaign=survey, measure=Measure.ENTERPRISES_VISITED, target=60 // len(staff), staff=person
            )
        CampaignGoal.objects.create(campaign=survey, measure=Measure.PROBLEMS_SOLVED, target=20)
        spring = Campaign.objects.create(
            name=SPRING,
            starts_on=today.replace(month=2, day=1) if today.month > 5 else today - timedelta(days=120),
            ends_on=today.replace(month=4, day=30) if today.month > 5 else today - timedelta(days=31),
            lead=staff[-1],
            description="春节后走访企业，助企稳岗、招工用工、纾困解难。",
        )
        CampaignGoal.objects.create(campaign=spring, measure=Measure.VISITS, target=30)
    created = 0
    rng = random.Random(20261201)
    plan = [(survey, 45, 26), (spring, (spring.ends_on - spring.starts_on).days, 28)]
    for campaign, span, count in plan:
        for i in range(count):
            date = campaign.starts_on + timedelta(days=round(i * span / count))
            if date > today:
                continue
            chosen = [enterprises[(i + (campaign == spring) * 3) % len(enterprises)]]
            if i % 7 == 3:
                chosen.append(enterprises[(i + 1) % len(enterprises)])
            went = [staff[i % len(staff)]] if i % 4 else staff
            problem = PROBLEMS[i % len(PROBLEMS)] if i % 3 == 0 else None
            visit = Visit(
                date=date,
                form=rng.choice(
                    [VisitMode.ONSITE, VisitMode.ONSITE, VisitMode.MEETING, VisitMode.PHONE, VisitMode.VIDEO]
                ),
                campaign=campaign,
                place=rng.choice(PLACES),
                summary=rng.choice(SUMMARIES),
                problems=problem[1] if problem else "",
                follow_up_on=date + timedelta(days=14) if problem else None,
            )
            visit = operations.save_visit(_Form(visit, chosen, went), went[0])
            if problem and date + timedelta(days=14) < today - timedelta(days=10):
                visit.followed_up_on = date + timedelta(days=12)
                visit.save(update_fields=["followed_up_on"])
            if problem and i % 2 == 0:
                e = chosen[0]
                req = operations.raise_request(
                    visit,
                    went[0],
                    enterprise=e,
                    enterprise_name=e.name,
                    uscc=e.uscc or "",
                    contact_person=e.contact_person or "企业负责人",
                    phone=e.contact_phone or f"{area_code()}-8888888",
                    district=e.district,
                    category=problem[0],
                    title=problem[1].splitlines()[0],
                    description=problem[1],
                    notify=False,
                )
                requests.accept_request(req, went[0])
                if i % 4 == 0:
                    requests.resolve_request(req, went[0], "已协调相关部门办理，企业问题得到解决。")
            created += 1
    if stdout:
        stdout.write(f"  {created} visits in 2 campaigns")
