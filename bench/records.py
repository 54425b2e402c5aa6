"""Benchmark of the enterprise records (issue 3): list, search, filters and the 一企一档 page, each
compared with the Django admin changelist of the same model on the same data (ours / admin, p95).

``run(bench)`` is called by bench/run.py on the 250,000-row data set.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from federation import registry

TIMELINE_ENTRIES = 50


def _timeline_enterprise(Enterprise):
    """A member enterprise whose page shows 50 entries from the registered providers: its own
    (founding, joining) plus enterprise requests submitted through the services app's own function."""
    from services.requests.operations import submit_request

    enterprise = (
        Enterprise.objects.filter(
            registry_status="active", is_member=True, founded_on__isnull=False, member_since__isnull=False
        )
        .order_by("id")
        .first()
    )
    missing = TIMELINE_ENTRIES - len(registry.timeline_for(enterprise, limit=TIMELINE_ENTRIES))
    for i in range(max(missing, 0)):
        submit_request(
            enterprise_name=enterprise.name,
            contact_person="基准联系人",
            phone="13800000000",
            category="financing",
            title=f"基准测试诉求 {i + 1}",
            description="用于测量企业页面（一企一档）的时间线。",
            enterprise=enterprise,
            consent=True,
            notify=False,
        )
    return enterprise


def run(bench):
    from enterprises.models import Enterprise

    ours = reverse("enterprises:enterprise_list")
    admin = reverse("admin:enterprises_enterprise_changelist")

    def q(base, **params):
        return f"{base}?{urlencode(params)}"

    # Three filters whose combination still leaves several pages: the largest district, PV, small.
    district_id = (
        Enterprise.objects.values("district")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("district", flat=True)[0]
    )
    uscc = Enterprise.objects.order_by("id").values_list("uscc", flat=True)[Enterprise.objects.count() // 2]

    bench.time_request("list, page 1", ours, 60, admin_url=admin)
    bench.time_request("list, page 500", q(ours, page=500), 60, admin_url=q(admin, p=500))
    bench.time_request("name search, 2 characters (光伏)", q(ours, q="光伏"), 80, admin_url=q(admin, q="光伏"))
    bench.time_request(
        "name search, 4 characters (光伏科技)", q(ours, q="光伏科技"), 60, admin_url=q(admin, q="光伏科技")
    )
    bench.time_request("full USCC", q(ours, q=uscc), 30, admin_url=q(admin, q=uscc))
    bench.time_request(
        "three filters (district, cluster, scale)",
        q(ours, district=district_id, cluster="pv", scale="small"),
        60,
        admin_url=q(admin, district__id__exact=district_id, cluster__exact="pv", scale__exact="small"),
    )

    enterprise = _timeline_enterprise(Enterprise)
    detail = reverse("enterprises:enterprise_detail", args=[enterprise.pk])
    shown = len(registry.timeline_for(enterprise, limit=TIMELINE_ENTRIES))
    assert shown == TIMELINE_ENTRIES, shown
    bench.time_request(
        "enterprise page, 50-entry timeline", detail, 60, note=f"{shown} entries from the registered providers"
    )
