"""Benchmark of the leadership dashboard (issue 14): on the 250,000 enterprises and 50,000 enterprise
requests of the bench database, the dashboard for this year and for a district, uncached (the data's
version bumped before every request, so every request builds the figures) against 250 ms, and cached
against 20 ms (p95 and queries).

``build()`` adds the bench requests once (bulk inserts: no events, no history; received over the last
two years so that this year and the same period last year both have data) and is reused while there
are enough; ``run(bench)`` is called by bench/run.py.

Size: BENCH_REQUESTS (default 50000).
"""

import datetime
import os
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50000"))
PREFIX = "B"  # tracking codes of bench requests: B + 9 digits (real codes start with the year)
BATCH = 5000


@transaction.atomic
def build(requests=REQUESTS):
    """Add bench requests until there are ``requests`` of them; returns how many this call added."""
    from federation.models import Division
    from services.requests.choices import DONE, Category, Rating, Source, Status
    from services.requests.models import ServiceRequest

    have = ServiceRequest.objects.filter(code__startswith=PREFIX).count()
    if have >= requests:
        return 0
    rng = random.Random(14)
    tz = ZoneInfo(settings.TIME_ZONE)
    now = datetime.datetime.now(tz)
    counties = list(Division.objects.counties()) or [None]
    statuses = [Status.RESOLVED] * 5 + [Status.CLOSED] * 2 + [Status.IN_PROGRESS, Status.SUBMITTED, Status.REJECTED]
    ratings = [Rating.SATISFIED, Rating.SATISFIED, Rating.FAIRLY, Rating.UNSATISFIED, ""]
    rows = []
    for n in range(have, requests):
        received = now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 730))
        status = statuses[n % len(statuses)]
        done = status in DONE
        accepted = status not in (Status.SUBMITTED, Status.REJECTED)
        rows.append(
            ServiceRequest(
                code=f"{PREFIX}{n:09d}",
                enterprise_name=f"基准诉求企业{n % 5000}",
                contact_person="张明",
                phone="13812345678",
                district=counties[n % len(counties)],
                category=Category.values[n % len(Category.values)],
                title="基准诉求",
                description="基准数据",
                source=Source.values[n % len(Source.values)],
                status=status,
                received_at=received,
                accept_due=(received + datetime.timedelta(days=4)).date(),
                resolve_due=(received + datetime.timedelta(days=21)).date(),
                accepted_at=received + datetime.timedelta(days=1) if accepted else None,
                accepted_on_time=(n % 9 != 0) if accepted else None,
                resolved_at=received + datetime.timedelta(days=10) if done else None,
                resolved_on_time=(n % 7 != 0) if done else None,
                resolve_working_days=8 if done else None,
                rating=ratings[n % len(ratings)] if done else "",
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def run(bench):
    from federation import dashboard
    from federation.models import Division
    from services.requests.models import ServiceRequest

    try:
        url = reverse("federation:dashboard")
    except NoReverseMatch:
        print("(no federation:dashboard yet: dashboard skipped)", flush=True)
        return
    start = time.perf_counter()
    made = build()
    if made:
        print(f"built {made} bench requests in {time.perf_counter() - start:.1f} s", flush=True)
    print(f"{ServiceRequest.objects.count()} enterprise requests", flush=True)
    county = Division.objects.counties().first()
    pages = [("this year", f"{url}?period=year"), ("a district, this year", f"{url}?period=year&district={county.pk}")]
    for label, page in pages:
        # Uncached: every request finds the data's version bumped, as after a write.
        bumping = _Bumping(bench.client, dashboard.bump_version)
        bench.client = bumping
        try:
            bench.time_request(
                f"dashboard, {label}, uncached",
                page,
                250,
                note="queries: the request's own; the figures' run on the parallel pool's connections",
            )
        finally:
            bench.client = bumping.client
        bench.time_request(f"dashboard, {label}, cached", page, 20)


class _Bumping:
    """A test client that bumps the dashboard's data version before each GET, as a write elsewhere
    would (one Redis increment, well under a millisecond, inside the timing)."""

    def __init__(self, client, bump):
        self.client, self.bump = client, bump

    def get(self, *args, **kwargs):
        self.bump()
        return self.client.get(*args, **kwargs)
