"""Benchmark of the chamber registry (issue 10): 2,000 chambers and 100,000 memberships in the bench
database; the chamber list, the clean-up candidates, the coverage page and a chamber's page with 200
members, p95 and queries against 100/100/100/60 ms.

``build()`` makes the data set once (bulk inserts, no history rows: bench data, not records anyone
kept) and is reused while it has the right size; ``run(bench)`` is called by bench/run.py. A page
whose URL name does not exist yet is reported and skipped, so the bench runs on a partial registry.

Sizes: BENCH_CHAMBERS (default 2000), BENCH_MEMBERSHIPS (default 100000).
"""

import datetime
import os

from django.db import transaction
from django.urls import NoReverseMatch, reverse

CHAMBERS = int(os.environ.get("BENCH_CHAMBERS", "2000"))
MEMBERSHIPS = int(os.environ.get("BENCH_MEMBERSHIPS", "100000"))
BIG_CHAMBER_MEMBERS = 200
PREFIX = "基准商会"
BATCH = 5000

TARGETS = [  # (name, URL name, args from the data set, p95 target in ms)
    ("chamber list, page 1", "chambers:chamber_list", False, 100),
    ("clean-up candidates", "chambers:candidates", False, 100),
    ("coverage of key areas", "chambers:coverage", False, 100),
    ("chamber page, 200 members", "chambers:chamber_detail", True, 60),
]


def big_chamber():
    """The chamber with ``BIG_CHAMBER_MEMBERS`` members (the first one built)."""
    from chambers.models import Chamber

    return Chamber.objects.filter(name=f"{PREFIX}{0:05d}").first()


@transaction.atomic
def build(chambers=CHAMBERS, memberships=MEMBERSHIPS):
    """Make the bench chambers, memberships, inspections and key areas if they are missing; returns
    (chambers, memberships) built by this call (0, 0 when the data set is already there)."""
    from chambers.choices import ChamberType, InspectionResult, KeyAreaKind, MemberRole, RegionLevel, Status
    from chambers.models import AnnualInspection, Chamber, KeyArea, Membership
    from enterprises.choices import Cluster
    from enterprises.models import Enterprise
    from federation.models import Division

    if Chamber.objects.filter(name__startswith=PREFIX).count() >= chambers:
        return 0, 0
    Chamber.objects.filter(name__startswith=PREFIX).delete()
    counties = list(Division.objects.counties()) or [None]
    types = list(ChamberType.values)
    statuses = [Status.ACTIVE] * 16 + [Status.RECTIFYING, Status.DORMANT, Status.DORMANT, Status.DEREGISTERED]
    clusters = [Cluster.PV, Cluster.LITHIUM, Cluster.CHEMICALS, Cluster.ALLOYS, ""]
    today = datetime.date.today()
    rows = []
    for i in range(chambers):
        kind = types[i % len(types)]
        rows.append(
            Chamber(
                name=f"{PREFIX}{i:05d}",
                chamber_type=kind,
                cluster=clusters[i % len(clusters)] if kind == ChamberType.INDUSTRY else "",
                region_level=RegionLevel.COUNTY if kind == ChamberType.REGIONAL else "",
                district=counties[i % len(counties)],
                address=f"西宁市基准路{i}号",
                office_phone="0971-6100000",
                status=Status.ACTIVE if i == 0 else statuses[i % len(statuses)],
                registered_on=today - datetime.timedelta(days=365 * (1 + i % 15)),
                next_election_due=today + datetime.timedelta(days=(i % 24) * 30 - 360),
            )
        )
    built = Chamber.objects.bulk_create(rows, batch_size=BATCH)
    enterprises = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True)[: max(BIG_CHAMBER_MEMBERS, 1000)])
    if not enterprises:
        raise RuntimeError("the bench needs enterprises first (seed_demo --enterprises N)")
    pairs = [(built[0], enterprises[i]) for i in range(min(BIG_CHAMBER_MEMBERS, len(enterprises), memberships))]
    others = built[1:] or built
    # (k mod chambers, k div chambers) are distinct pairs: no overlapping period is ever built.
    for k in range(memberships - len(pairs)):
        pairs.append((others[k % len(others)], enterprises[(k // len(others)) % len(enterprises)]))
    roles = [MemberRole.PRESIDENT, MemberRole.VICE_PRESIDENT, MemberRole.DIRECTOR] + [MemberRole.MEMBER] * 17
    members = [
        Membership(
            chamber=chamber,
            enterprise_id=enterprise,
            role=roles[n % len(roles)],
            started_on=chamber.registered_on,
            ended_on=today - datetime.timedelta(days=30) if n % 10 == 9 else None,
        )
        for n, (chamber, enterprise) in enumerate(pairs)
    ]
    Membership.objects.bulk_create(members, batch_size=BATCH)
    results = [InspectionResult.PASSED] * 8 + [InspectionResult.BASIC, InspectionResult.FAILED]
    inspections = [
        AnnualInspection(
            chamber=c, year=year, result=results[(i + year) % len(results)], inspected_on=datetime.date(year + 1, 4, 1)
        )
        for i, c in enumerate(built)
        for year in (today.year - 2, today.year - 1)
        if c.status != Status.DEREGISTERED
    ]
    AnnualInspection.objects.bulk_create(inspections, batch_size=BATCH)
    for kind, n in [(KeyAreaKind.BUSINESS_DISTRICT, 20), (KeyAreaKind.PARK, 10), (KeyAreaKind.SUBDISTRICT, 40)]:
        for j in range(n):
            area, _ = KeyArea.objects.get_or_create(kind=kind, name=f"基准{kind}{j:03d}")
            area.chambers.set(built[j * 7 % len(built) : j * 7 % len(built) + 2] if j % 4 else [])
    return len(built), len(members)


def run(bench):
    from chambers.models import Chamber, Membership

    start = datetime.datetime.now()
    made = build()
    if made[0]:
        print(f"built {made[0]} chambers and {made[1]} memberships in {datetime.datetime.now() - start}", flush=True)
    print(f"{Chamber.objects.count()} chambers, {Membership.objects.count()} memberships", flush=True)
    chamber = big_chamber()
    for name, url_name, with_chamber, target in TARGETS:
        try:
            url = reverse(url_name, args=[chamber.pk] if with_chamber else [])
        except NoReverseMatch:
            print(f"(no {url_name} yet: {name} skipped)", flush=True)
            continue
        bench.time_request(name, url, target)
