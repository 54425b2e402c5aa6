"""Demo requests for ``seed_demo``: realistic requests in every status, walked through the service
functions so that history, deadlines and figures are consistent. Idempotent: the codes come from a
fixed seed, and a code already present is skipped."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enterprises.models import Enterprise
from federation.models import Division
from federation.region import city_short_name, region_code, short_county_name
from federation.validators import USCC_ALPHABET, uscc_check_character

from . import operations
from .choices import Category, Rating, Source
from .models import ServiceRequest

COUNT = 40

PROBLEMS = [
    (
        Category.FINANCING,
        "流动资金贷款到期续贷困难",
        "企业订单增加，原有500万元流动资金贷款下月到期，银行要求先还后贷，希望协调无还本续贷。",
    ),
    (Category.FINANCING, "申请创业担保贷款进度慢", "已提交创业担保贷款申请一个月，尚无答复，希望了解办理进度。"),
    (Category.LABOUR, "急需招聘数控操作工20名", "扩产后缺少熟练数控操作工，希望在招聘会上推荐岗位。"),
    (Category.LABOUR, "高校毕业生就业补贴申领", "今年招用应届毕业生8名，不清楚社保补贴申领流程。"),
    (Category.LEGAL, "合同纠纷需要法律咨询", "下游客户拖欠货款120万元，希望法律服务团提供咨询。"),
    (Category.POLICY, "光伏组件出口退税政策咨询", "咨询光伏组件出口退税最新政策及办理时限。"),
    (Category.POLICY, "“专精特新”申报条件", "希望了解省级专精特新中小企业申报条件和材料。"),
    (Category.LAND, "厂房扩建规划审批", "甘河工业园厂房扩建项目规划许可办理时间较长，请求协调。"),
    (Category.LAND, "项目用地土地证办理", "项目已竣工两年，土地证仍未办理。"),
    (Category.MARKET, "希望对接省外锂电采购商", "储能电池产能富余，希望通过商会对接省外采购商。"),
    (Category.RIGHTS, "被多次重复检查", "一个月内接到同类检查三次，影响正常生产经营。"),
    (Category.RIGHTS, "政府项目工程款拖欠", "承建的市政配套工程尾款拖欠两年，金额约80万元。"),
    (Category.OTHER, "企业门前道路破损", "园区企业门前道路破损严重，货车通行困难。"),
]
PEOPLE = ["张明", "李娜", "马文斌", "韩雪", "祁永福", "赵丽", "冶生明", "王建国"]
# Used when the register has fewer than six enterprises: name ({city}: the city's short name,
# {county}: the district's), and the district's position among the region's districts (modulo).
DEMO_ENTERPRISES = [
    ("青海高原光伏科技有限公司", 0),
    ("{city}锂能储能材料有限公司", 4),
    ("{county}特色化工有限责任公司", 4),
    ("青海合金新材料股份有限公司", 3),
    ("{city}昆仑商贸有限公司", 1),
    ("{county}富民农业开发有限公司", 5),
]


def _demo_uscc(n):
    body = "91" + region_code()[:6] + "MA7" + "".join(USCC_ALPHABET[(n * 7 + i * 3) % 31] for i in range(6))
    return body + uscc_check_character(body)


def _enterprises():
    """Existing enterprises if the portal has some, otherwise a few demo ones (created once)."""
    existing = list(Enterprise.objects.exclude(uscc=None).order_by("id")[:30])
    if len(existing) >= 6:
        return existing
    made = []
    counties = list(Division.objects.counties())
    for i, (name, position) in enumerate(DEMO_ENTERPRISES):
        district = counties[position % len(counties)] if counties else None
        county = short_county_name(district.name)[:2] if district else ""
        enterprise, _created = Enterprise.objects.get_or_create(
            uscc=_demo_uscc(i + 1),
            defaults={"name": name.format(city=city_short_name(), county=county), "district": district},
        )
        made.append(enterprise)
    return existing + made


def seed_demo_requests(stdout=None):
    rng = random.Random(20261125)
    User = get_user_model()
    staff = list(User.objects.filter(username__in=["staff", "staff2"]).order_by("username"))
    actor = staff[0] if staff else None
    enterprises = _enterprises()
    phones = [f"13{rng.randint(5, 9)}{rng.randint(10_000_000, 99_999_999)}" for _ in range(COUNT)]
    now = timezone.now()
    created = 0
    for i in range(COUNT):
        # One generator per item: an item's code and story never depend on what earlier items consumed.
        rng = random.Random(f"services-demo-{i}")
        code = "".join(rng.choice(operations.CODE_ALPHABET) for _ in range(operations.CODE_LENGTH))
        category, title, description = PROBLEMS[i % len(PROBLEMS)]
        enterprise = enterprises[i % len(enterprises)]
        days_ago = rng.randint(0, 150)
        stage = rng.choice(
            [
                "submitted",
                "accepted",
                "assigned",
                "transferred",
                "resolved",
                "closed",
                "closed",
                "reopened",
                "rejected",
                "suspended",
            ]
        )
        source = rng.choice([Source.ONLINE, Source.ONLINE, Source.PHONE, Source.HOTLINE, Source.VISIT, Source.LETTER])
        if ServiceRequest.objects.filter(code=code).exists():
            continue
        received = now - timedelta(days=days_ago, hours=rng.randint(0, 8))
        with transaction.atomic():
            req = operations.submit_request(
                enterprise_name=enterprise.name,
                uscc=enterprise.uscc or "",
                enterprise=enterprise,
                contact_person=PEOPLE[i % len(PEOPLE)],
                phone=phones[i],
                category=category,
                title=title,
                description=description,
                source=source,
                consent=True,
                actor=None if source == Source.ONLINE else actor,
                now=received,
                notify=False,
            )
            ServiceRequest.objects.filter(pk=req.pk).update(code=code)
            req.code = code
            _walk(req, stage, actor, staff, received, rng)
        created += 1
    if stdout is not None:
        stdout.write(f"services: {created} demo requests")
    return created


def _walk(req, stage, actor, staff, received, rng):
    if stage == "submitted" or actor is None:
        return
    step = received
    now = timezone.now()

    def later(days):
        nonlocal step
        step = min(step + timedelta(days=days, hours=rng.randint(1, 5)), now)
        return step

    if stage == "rejected":
        operations.reject_request(req, actor, "该事项属于司法诉讼程序，建议通过法律途径解决。", now=later(0))
        return
    operations.accept_request(req, actor, now=later(rng.choice([0, 0, 1, 2])))
    if stage == "accepted":
        return
    assignee = rng.choice(staff)
    operations.assign_request(req, actor, assignee, now=later(0))
    if stage == "transferred":
        operations.transfer_request(
            req, assignee, rng.choice(["市人社局", "市自然资源和规划局", "人民银行青海省分行"]), now=later(1)
        )
        return
    if stage == "suspended":
        operations.suspend_request(req, assignee, "等待企业补充相关证明材料。", now=later(2))
        return
    if stage == "assigned":
        operations.send_reply(req, assignee, "已联系相关部门，正在协调办理，请耐心等待。", now=later(2))
        return
    operations.resolve_request(
        req, assignee, "经协调，相关部门已受理并办结，企业问题得到解决。", now=later(rng.randint(3, 20))
    )
    if stage == "closed":
        operations.rate_request(
            req, rng.choice([Rating.SATISFIED, Rating.SATISFIED, Rating.FAIRLY]), "感谢工商联帮助！", now=later(1)
        )
    elif stage == "reopened":
        operations.rate_request(req, Rating.UNSATISFIED, "问题只解决了一部分。", now=later(1))
