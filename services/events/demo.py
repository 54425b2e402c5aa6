"""Demo events for ``seed_demo``: the lecture series 民营经济发展讲堂 第1–4期, a 法治讲座 and a 座谈会
held today (so its sign-in page is open in a demo), with participating chambers and attendees.
Idempotent: an event already present (by title) is skipped."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from chambers.models import Chamber
from enterprises.models import Enterprise
from federation.models import Division
from federation.region import city_name

from . import operations
from .choices import EventType, SignInSource
from .models import Event, EventSeries

SERIES = "民营经济发展讲堂"
# (days before today, type, issue, title, venue, speakers, enterprises listed, count entered)
PLAN = [
    (
        150,
        EventType.LECTURE,
        1,
        "新质生产力与民营企业转型升级",
        "市工商联四楼会议室",
        "青海大学经济管理学院 王教授",
        12,
        None,
    ),
    (
        110,
        EventType.LECTURE,
        2,
        "光伏锂电产业链协同发展",
        "甘河工业园区管委会报告厅",
        "省发改委能源处 李处长",
        10,
        None,
    ),
    (
        70,
        EventType.LECTURE,
        3,
        "民营企业融资渠道与金融政策解读",
        "市民中心二楼报告厅",
        "人民银行青海省分行 赵科长",
        0,
        86,
    ),
    (30, EventType.LECTURE, 4, "企业合规经营与风险防范", "市工商联四楼会议室", "青海某律师事务所 马律师", 14, None),
    (45, EventType.LEGAL, None, "民营企业劳动用工法律风险防范讲座", "城西区商会会议室", "市法律服务团 韩律师", 8, None),
    (0, EventType.SYMPOSIUM, None, "重点产业集群民营企业座谈会", "市工商联三楼会议室", "市工商联主要负责同志", 5, None),
]
PEOPLE = ["张明", "李娜", "马文斌", "韩雪", "祁永福", "赵丽", "冶生明", "王建国"]
DEMO_TOKEN = "demo-symposium"  # the demo's open sign-in page has a known address (real tokens are random)


def seed_demo_events(stdout=None):
    rng = random.Random(20261201)
    today = timezone.localdate()
    series, _new = EventSeries.objects.get_or_create(
        name=SERIES, defaults={"description": "面向全市民营企业家的系列讲座，每季度一期。"}
    )
    staff = get_user_model().objects.filter(username="staff").first()
    chambers = list(Chamber.objects.filter(status="active").order_by("pk")[:12])
    enterprises = list(Enterprise.objects.exclude(uscc=None).order_by("pk")[:80])
    district = Division.objects.counties().first()
    campaign = _campaign()
    created = 0
    for days, kind, issue, title, venue, speakers, listed, count in PLAN:
        if Event.objects.filter(title=title).exists():
            continue
        held_on = today - datetime.timedelta(days=days)
        with transaction.atomic():
            event = Event.objects.create(
                event_type=kind,
                series=series if issue else None,
                issue=issue,
                title=title,
                held_on=held_on,
                starts_at=datetime.time(9, 30),
                ends_at=datetime.time(11, 30),
                venue=venue,
                district=district,
                organiser=f"{city_name()}工商业联合会",
                speakers=speakers,
                responsible=staff,
                campaign=campaign if issue else None,
                attendance_count=count,
                summary=(
                    f"本期围绕“{title}”开展交流，参会企业就经营中遇到的困难踊跃提问，工商联现场记录问题并转入诉求台账跟进。"
                    if days
                    else ""
                ),
            )
            if not days:
                Event.objects.filter(pk=event.pk).update(signin_token=DEMO_TOKEN)
            event.chambers.set(rng.sample(chambers, min(len(chambers), 3)) if chambers else [])
            for n, enterprise in enumerate(rng.sample(enterprises, min(len(enterprises), listed))):
                signed = timezone.make_aware(datetime.datetime.combine(held_on, datetime.time(9, 0)))
                operations.sign_in(
                    event,
                    enterprise_name=enterprise.name,
                    uscc=enterprise.uscc or "",
                    contact_person=PEOPLE[n % len(PEOPLE)],
                    phone=f"13{rng.randint(5, 9)}{rng.randint(10_000_000, 99_999_999)}",
                    source=SignInSource.QR if n % 4 else SignInSource.STAFF,
                    actor=None if n % 4 else staff,
                    consent=True,
                    now=signed + datetime.timedelta(minutes=n),
                )
            if days > 20 and staff is not None:
                operations.sign_off_summary(event, staff)
        created += 1
    if stdout is not None:
        stdout.write(f"services: {created} demo events")
    return created


def _campaign():
    """The demo's campaign the lecture series counts for, if the campaigns' demo made one."""
    from services.campaigns.models import Campaign

    return Campaign.objects.filter(name__contains="大调研").first()
