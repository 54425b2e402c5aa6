"""Demo data of the legal service network for ``seed_demo``: 13 stations in chambers, enterprises, a
park and a subdistrict, a dozen lawyers of the 法律服务团, consultations (a 法治体检 among them), one
from a request of category 法律. Idempotent: nothing is added when stations exist."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from federation.models import Division
from federation.region import area_code, city_name, city_short_name

from . import operations
from .choices import Channel, ConsultationKind, HostKind, Topic, guess_topic
from .models import Lawyer, LegalConsultation, LegalStation

LAWYERS = [
    ("王建国", "青海树人律师事务所", [Topic.CONTRACT, Topic.DEBT]),
    ("李秀兰", "青海夏都律师事务所", [Topic.LABOUR]),
    ("张伟", "北京大成（青海）律师事务所", [Topic.EQUITY, Topic.CONTRACT]),
    ("刘芳", "青海昆仑律师事务所", [Topic.IP]),
    ("陈明", "青海法泰律师事务所", [Topic.TAX, Topic.EQUITY]),
    ("杨丽", "青海树人律师事务所", [Topic.LABOUR, Topic.CONTRACT]),
    ("赵磊", "青海博崇律师事务所", [Topic.DEBT]),
    ("马晓东", "青海夏都律师事务所", [Topic.CONTRACT, Topic.OTHER]),
    ("韩梅", "青海昆仑律师事务所", [Topic.IP, Topic.CONTRACT]),
    ("祁永福", "青海法泰律师事务所", [Topic.TAX]),
    ("孙海燕", "北京大成（青海）律师事务所", [Topic.LABOUR, Topic.DEBT]),
    ("冶俊", "青海博崇律师事务所", [Topic.EQUITY, Topic.OTHER]),
]
HOURS = ["工作日 9:00–12:00，14:30–17:30", "每周二、周四 14:30–17:30", "工作日 9:00–17:00"]
QUESTIONS = [
    (Topic.CONTRACT, "供货合同对方迟迟不付款，合同约定的违约金能否主张？"),
    (Topic.LABOUR, "试用期员工不符合录用条件，如何合法解除劳动合同？"),
    (Topic.IP, "发现有企业仿冒我司注册商标，应如何维权？"),
    (Topic.DEBT, "工程款被拖欠两年，诉讼时效是否已过？"),
    (Topic.TAX, "研发费用加计扣除的凭证要求有哪些？"),
    (Topic.EQUITY, "股东之间拟转让股权，需要履行哪些程序？"),
    (Topic.OTHER, "企业搬迁涉及的行政补偿问题咨询。"),
]
FINDINGS = (
    "劳动合同文本缺少保密和竞业限制条款\n合同审批流程无法务审核环节\n商标未在第35类续展注册\n对外担保未经股东会决议"
)


def seed_demo_legal(stdout=None):
    if LegalStation.objects.exists():
        return
    from chambers.models import Chamber
    from enterprises.models import Enterprise

    User = get_user_model()
    staff = User.objects.filter(username="staff").first()
    counties = list(Division.objects.counties())
    if not counties:
        return
    chambers = list(Chamber.objects.order_by("pk")[:8])
    enterprises = list(Enterprise.objects.select_related("district").order_by("pk")[:40])
    today = timezone.localdate()
    rng = random.Random(20261212)
    with transaction.atomic():
        lawyers = [
            Lawyer.objects.create(name=n, law_firm=f, specialties=s, phone=f"1390971{i:04d}")
            for i, (n, f, s) in enumerate(LAWYERS)
        ]
        stations = []
        hosts = [(HostKind.CHAMBER, c, None, "") for c in chambers]
        hosts += [(HostKind.ENTERPRISE, None, e, "") for e in enterprises[:3]]
        # A park named after the city and the region's first subdistrict (街道), with its district.
        subdistrict = Division.objects.townships().filter(name__endswith="街道").select_related("parent").first()
        hosts += [(HostKind.PARK, None, None, f"{city_short_name()}经济技术开发区")]
        if subdistrict is not None:
            hosts += [(HostKind.SUBDISTRICT, None, None, f"{subdistrict.parent.name}{subdistrict.name}")]
        for i, (kind, chamber, enterprise, name) in enumerate(hosts[:13]):
            host = chamber.name if chamber else enterprise.name if enterprise else name
            district = (enterprise.district if enterprise and enterprise.district else None) or counties[
                i % min(len(counties), 5)
            ]
            station = LegalStation.objects.create(
                name=f"{host}法律服务工作站",
                host_kind=kind,
                host_chamber=chamber,
                host_enterprise=enterprise,
                host_name=name,
                district=district,
                address=f"{district.name}{['人民路', '解放路', '建设路', '文化路', '新华路'][i % 5]}{10 + i * 7}号",
                opening_hours=HOURS[i % len(HOURS)],
                office_phone=f"{area_code()}-{6100000 + i * 1117}",
                founded_on=date(2025, 3 + i % 6, 1 + i),
            )
            station.lawyers.set(rng.sample(lawyers, 2 + i % 2))
            stations.append(station)
    created = 0
    for i in range(30):
        station = stations[i % len(stations)]
        lawyer = rng.choice(list(station.lawyers.all()))
        enterprise = enterprises[(i * 3) % len(enterprises)] if enterprises else None
        topic, question = QUESTIONS[i % len(QUESTIONS)]
        checkup = i % 10 == 4
        when = today - timedelta(days=2 + i * 4)
        consultation = LegalConsultation(
            enterprise=enterprise,
            enterprise_name=enterprise.name if enterprise else f"{city_name()}某商贸有限公司",
            station=station,
            lawyer=lawyer,
            date=when,
            channel=rng.choice([Channel.STATION, Channel.STATION, Channel.PHONE, Channel.ONSITE, Channel.ONLINE]),
            topic=Topic.OTHER if checkup else topic,
            kind=ConsultationKind.CHECKUP if checkup else ConsultationKind.CONSULTATION,
            question="为企业开展法治体检，梳理经营中的法律风险。" if checkup else question,
            findings=FINDINGS if checkup else "",
            advice="建议完善合同管理制度，保留书面证据，必要时通过诉讼或仲裁维权。",
            outcome="企业已按建议整改。" if i % 3 == 0 else "",
            follow_up_on=when + timedelta(days=14) if i % 4 == 0 else None,
            created_by=staff,
        )
        consultation.save()
        created += 1
    # One consultation answers a request of category 法律 (the request's page lists it).
    from ..requests.choices import Category
    from ..requests.models import ServiceRequest

    req = ServiceRequest.objects.filter(category=Category.LEGAL).order_by("pk").first()
    if req is not None:
        LegalConsultation.objects.create(
            enterprise=req.enterprise,
            enterprise_name=req.enterprise_name,
            station=stations[0],
            lawyer=stations[0].lawyers.first(),
            date=min(today, timezone.localdate(req.received_at) + timedelta(days=2)),
            channel=Channel.PHONE,
            topic=guess_topic(f"{req.title}\n{req.description}"),
            question=req.description or req.title,
            advice="律师电话解答，建议企业收集书面证据后发函催告。",
            request=req,
            created_by=staff,
        )
        created += 1
    operations.suspend_station(stations[-1], staff)
    if stdout:
        stdout.write(f"  {len(stations)} legal service stations, {len(lawyers)} lawyers, {created} consultations")
