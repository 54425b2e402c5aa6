"""Benchmark of policy matching (issue 11): 2,000 policies with conditions on the 250,000-enterprise
register; the enterprise page with its policy panel (≤ 80 ms p95), a policy's page with the count
of the enterprises it applies to and that list's first page (≤ 200 ms), the public matcher (≤ 80 ms).

``build()`` makes the policies once (bulk inserts, no history rows) and is reused while there are
enough; ``run(bench)`` is called by bench/run.py (alone: BENCH_ONLY=policies). Size: BENCH_POLICIES.
"""

import datetime
import os
import random

from django.db import transaction
from django.urls import reverse

POLICIES = int(os.environ.get("BENCH_POLICIES", "2000"))
PREFIX = "基准政策"


@transaction.atomic
def build(count=POLICIES):
    """Make ``count`` bench policies with random conditions if they are missing; returns how many."""
    from enterprises.choices import Cluster, EntityType, Scale
    from federation.models import Division, Industry
    from services.policies.choices import Category, Level, Status
    from services.policies.models import Policy

    if Policy.objects.filter(title__startswith=PREFIX).count() >= count:
        return 0
    Policy.objects.filter(title__startswith=PREFIX).delete()
    rnd = random.Random(11)
    today = datetime.date.today()
    sections = list(Industry.objects.filter(level="section").values_list("pk", flat=True))
    counties = list(Division.objects.counties().values_list("pk", flat=True))
    scales, clusters, types = list(Scale.values), [c for c in Cluster.values if c != "other"], list(EntityType.values)
    now = datetime.datetime.now(datetime.UTC)
    rows = []
    for i in range(count):
        issued = today - datetime.timedelta(days=rnd.randint(0, 1500))
        until = issued + datetime.timedelta(days=rnd.choice([365, 730, 1095, 1825]))
        if i == 0:  # the broad one: small and micro businesses, anywhere
            conditions = {"scales": ["small", "micro"], "clusters": [], "entity_types": []}
        elif i == 1:  # the narrow one: every condition set
            conditions = {"scales": ["medium", "small"], "clusters": ["pv"], "entity_types": ["enterprise"]}
        else:
            conditions = {
                "scales": rnd.sample(scales, rnd.randint(1, 2)) if rnd.random() < 0.5 else [],
                "clusters": rnd.sample(clusters, 1) if rnd.random() < 0.25 else [],
                "entity_types": rnd.sample(types, rnd.randint(1, 2)) if rnd.random() < 0.2 else [],
            }
        rows.append(
            Policy(
                title=f"{PREFIX}{i:05d} 关于支持企业发展的若干措施",
                issuer="西宁市人民政府",
                document_number=f"宁政〔{issued.year}〕{i}号",
                issued_on=issued,
                level=rnd.choice(Level.values),
                category=rnd.choice(Category.values),
                summary="基准数据。",
                body="基准数据。",
                valid_from=issued,
                valid_until=None if i < 2 else until,
                status=Status.PUBLISHED if i < 2 or rnd.random() < 0.9 else Status.DRAFT,
                first_published_on=issued,
                published_at=now,
                view_count=rnd.randint(0, 500),
                **conditions,
            )
        )
    built = Policy.objects.bulk_create(rows, batch_size=1000)
    section_links, district_links = [], []
    for i, policy in enumerate(built):
        if i == 1:
            section_links.append(Policy.industry_sections.through(policy_id=policy.pk, industry_id=sections[2]))
            district_links.append(Policy.districts.through(policy_id=policy.pk, division_id=counties[0]))
            continue
        if i > 1 and rnd.random() < 0.3:
            for pk in rnd.sample(sections, rnd.randint(1, 3)):
                section_links.append(Policy.industry_sections.through(policy_id=policy.pk, industry_id=pk))
        if i > 1 and rnd.random() < 0.2:
            for pk in rnd.sample(counties, rnd.randint(1, 2)):
                district_links.append(Policy.districts.through(policy_id=policy.pk, division_id=pk))
    Policy.industry_sections.through.objects.bulk_create(section_links, batch_size=5000)
    Policy.districts.through.objects.bulk_create(district_links, batch_size=5000)
    return len(built)


def run(bench):
    from django.db import connection

    from enterprises.models import Enterprise
    from services.policies import matching
    from services.policies.models import Policy

    start = datetime.datetime.now()
    made = build()
    if made:
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE services_policy; ANALYZE services_policy_industry_sections; ANALYZE services_policy_districts"
            )
        print(f"built {made} policies in {datetime.datetime.now() - start}", flush=True)
    broad = Policy.objects.get(title__startswith=f"{PREFIX}00000")
    narrow = Policy.objects.get(title__startswith=f"{PREFIX}00001")
    print(
        f"{Policy.objects.count()} policies ({Policy.objects.in_force().count()} in force); "
        f"broad policy applies to {matching.matching_enterprises(broad).count()}, "
        f"narrow to {matching.matching_enterprises(narrow).count()} enterprises",
        flush=True,
    )
    enterprise = (
        Enterprise.objects.exclude(scale="")
        .exclude(cluster="")
        .filter(industry_section__isnull=False, district__isnull=False, registry_status="active")
        .order_by("pk")
        .first()
    )
    bench.time_request(
        "enterprise page with its policy panel", reverse("enterprises:enterprise_detail", args=[enterprise.pk]), 80
    )
    for name, policy in (("broad", broad), ("every condition", narrow)):
        bench.time_request(
            f"policy page with its count ({name})", reverse("services:policy_detail", args=[policy.pk]), 200
        )
        bench.time_request(
            f"policy's enterprises, page 1 ({name})", reverse("services:policy_enterprises", args=[policy.pk]), 200
        )
    query = f"industry_section={enterprise.industry_section_id}&scale=small&entity_type=enterprise&district={enterprise.district_id}&cluster=pv"
    bench.time_request("public policy matcher", f"{reverse('services:policy_match')}?{query}", 80)
