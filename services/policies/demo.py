"""Demo policies for ``seed_demo``: a dozen believable policies of every level (some for the four key
clusters, some for small and micro businesses), published through the service functions, and the
outreach of a 政策宣传月 campaign. Idempotent: a title already present is skipped."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from federation.models import Division, Industry
from federation.region import area_code, city_name

from ..campaigns.models import Campaign
from . import matching, operations
from .choices import Category, Channel, Level
from .models import Policy

# title, issuer, number, level, category, sections, clusters, scales, entity types, districts, summary.
# {city} is the city's name, {county} the district of a county-level policy; its districts are
# positions in the region's list of districts (its fourth, its fifth: modulo their number).
POLICIES = [
    (
        "关于进一步实施小微企业“六税两费”减免政策的公告",
        "财政部 税务总局",
        "财政部 税务总局公告2023年第12号",
        Level.NATIONAL,
        Category.TAX,
        [],
        [],
        ["small", "micro"],
        [],
        [],
        "对小型微利企业和个体工商户减半征收资源税、城市维护建设税、房产税、城镇土地使用税、印花税、耕地占用税和教育费附加、地方教育附加。",
    ),
    (
        "关于实施小微企业和个体工商户所得税优惠政策的公告",
        "财政部 税务总局",
        "财政部 税务总局公告2023年第6号",
        Level.NATIONAL,
        Category.TAX,
        [],
        [],
        ["small", "micro"],
        ["enterprise", "individual"],
        [],
        "小型微利企业年应纳税所得额不超过100万元的部分，减按25%计入应纳税所得额，按20%的税率缴纳企业所得税。",
    ),
    (
        "关于促进民营经济发展壮大的意见",
        "中共中央 国务院",
        "",
        Level.NATIONAL,
        Category.ENVIRONMENT,
        [],
        [],
        [],
        [],
        [],
        "持续优化民营经济发展环境，加大对民营经济政策支持力度，强化民营经济发展法治保障。",
    ),
    (
        "青海省支持光伏制造产业高质量发展若干措施",
        "青海省工业和信息化厅",
        "青工信〔2024〕35号",
        Level.PROVINCIAL,
        Category.INDUSTRY,
        ["C"],
        ["pv"],
        [],
        [],
        [],
        "对新建多晶硅、单晶硅片、电池片、组件项目按设备投资额给予补助，支持企业开展技术改造和智能化升级。",
    ),
    (
        "青海省锂电储能产业链培育方案",
        "青海省发展和改革委员会",
        "青发改产业〔2024〕112号",
        Level.PROVINCIAL,
        Category.INDUSTRY,
        ["C"],
        ["lithium"],
        ["large", "medium"],
        [],
        [],
        "围绕盐湖提锂、正负极材料、电芯制造和储能系统集成，对链上重点企业给予用电、用地和融资支持。",
    ),
    (
        "青海省专精特新中小企业认定与奖励办法",
        "青海省工业和信息化厅",
        "青工信〔2023〕88号",
        Level.PROVINCIAL,
        Category.INNOVATION,
        [],
        [],
        ["medium", "small"],
        ["enterprise"],
        [],
        "对新认定的省级专精特新中小企业给予一次性奖励20万元，国家级专精特新“小巨人”企业奖励50万元。",
    ),
    (
        "{city}特色化工产业绿色转型扶持政策",
        "{city}工业和信息化局",
        "宁工信〔2024〕21号",
        Level.CITY,
        Category.INDUSTRY,
        ["C"],
        ["chemicals"],
        [],
        [],
        [],
        "支持特色化工企业实施清洁生产改造、节能降碳和安全环保提升，按项目投资额的10%给予补助。",
    ),
    (
        "{city}合金新材料企业研发费用后补助办法",
        "{city}科学技术局",
        "宁科〔2024〕9号",
        Level.CITY,
        Category.INNOVATION,
        ["C"],
        ["alloys"],
        [],
        ["enterprise"],
        [],
        "对合金新材料企业上年度研发投入增量部分按15%给予后补助，单个企业最高200万元。",
    ),
    (
        "{city}创业担保贷款实施办法",
        "{city}人力资源和社会保障局",
        "宁人社〔2024〕40号",
        Level.CITY,
        Category.FINANCE,
        [],
        [],
        ["small", "micro"],
        [],
        [],
        "个人创业可申请最高30万元、小微企业最高400万元创业担保贷款，财政给予贴息。",
    ),
    (
        "{city}稳岗扩岗补贴申领指南",
        "{city}人力资源和社会保障局",
        "宁人社〔2025〕3号",
        Level.CITY,
        Category.EMPLOYMENT,
        [],
        [],
        [],
        ["enterprise", "cooperative"],
        [],
        "企业招用高校毕业生、登记失业青年并签订一年以上劳动合同的，按每人1500元发放一次性扩岗补助。",
    ),
    (
        "{county}生物科技产业园入园企业房租补贴办法",
        "{city}{county}人民政府",
        "北政〔2024〕17号",
        Level.COUNTY,
        Category.ENVIRONMENT,
        [],
        [],
        [],
        [],
        [3],
        "对新入驻生物科技产业园的企业，前三年按实际租金的50%、30%、20%给予房租补贴。",
    ),
    (
        "{county}农民专业合作社提质增效奖补办法",
        "{city}{county}农业农村和科技局",
        "湟农〔2024〕6号",
        Level.COUNTY,
        Category.INDUSTRY,
        ["A"],
        [],
        [],
        ["cooperative"],
        [4],
        "对新评定为国家级、省级示范社的农民专业合作社分别奖励10万元、5万元，支持建设冷链和初加工设施。",
    ),
]

BODY = "第一条 为贯彻落实国家和省、市有关决策部署，结合实际，制定本办法。\n第二条 本办法适用于符合条件的市场主体。\n第三条 申请材料及办理流程详见附件，咨询电话{area_code}-6100000。"


@transaction.atomic
def seed_demo_policies(stdout=None):
    staff = get_user_model().objects.filter(is_superuser=False, is_active=True).order_by("pk").first()
    staff = staff or get_user_model().objects.order_by("pk").first()
    today = timezone.localdate()
    sections = {i.code: i for i in Industry.objects.filter(level=Industry.Level.SECTION)}
    counties = list(Division.objects.counties())
    city = city_name()
    made = 0
    for n, (title, issuer, number, level, category, secs, clusters, scales, types, districts, summary) in enumerate(
        POLICIES
    ):
        districts = [counties[i % len(counties)] for i in districts] if counties else []
        if districts == [] and level == Level.COUNTY:
            continue
        names = {"city": city, "county": districts[0].name if districts else ""}
        title, issuer = title.format(**names), issuer.format(**names)
        if Policy.objects.filter(title=title).exists():
            continue
        issued = today - datetime.timedelta(days=30 * (n + 1))
        policy = Policy.objects.create(
            title=title,
            issuer=issuer,
            document_number=number,
            issued_on=issued,
            level=level,
            category=category,
            summary=summary,
            body=BODY.format(area_code=area_code()),
            valid_from=issued,
            valid_until=None if n % 3 == 2 else issued + datetime.timedelta(days=365 * 3),
            clusters=clusters,
            scales=scales,
            entity_types=types,
            created_by=staff,
        )
        policy.industry_sections.set([sections[c] for c in secs if c in sections])
        policy.districts.set(districts)
        if n != len(POLICIES) - 1:  # the last one stays a draft
            operations.publish_policy(policy, staff)
            Policy.objects.filter(pk=policy.pk).update(view_count=(n * 37) % 250)
        made += 1
    month = _campaign(staff, today)
    informed = 0
    for policy in Policy.objects.published().order_by("pk")[:6]:
        if policy.outreach.exists():
            continue
        targets = list(matching.matching_enterprises(policy).order_by("pk").values_list("pk", flat=True)[:12])
        if targets:
            informed += operations.record_outreach(
                policy,
                targets,
                staff,
                informed_on=max(month.starts_on, today - datetime.timedelta(days=5)),
                channel=[Channel.VISIT, Channel.PHONE, Channel.WECHAT][policy.pk % 3],
                campaign=month,
            )
    if stdout:
        stdout.write(f"policies: {made} new, {informed} enterprises informed")


def _campaign(staff, today):
    """The 政策宣传月 campaign the outreach belongs to (made here when the campaigns' demo has none)."""
    month = Campaign.objects.filter(name__startswith="政策宣传月").order_by("-starts_on").first()
    if month is None:
        start = today - datetime.timedelta(days=14)
        month = Campaign.objects.create(
            name="政策宣传月",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=30),
            lead=staff,
            description="集中宣传惠企政策，提高企业对政策的知晓率和享受率。",
        )
    return month
