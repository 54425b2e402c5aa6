"""What enterprise requests contribute to the core's registries (navigation, timeline, workbench,
metrics, ledgers, role rules, schedules, demo data). Called from ``ServicesConfig.ready()``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry

SECTION = gettext_lazy("Enterprise requests")
VIEW = "services.view_servicerequest"


def enterprise_timeline(enterprise, limit=None):
    """An enterprise's newest requests on its page (一企一档): one query of at most ``limit`` rows."""
    from .models import ServiceRequest

    rows = (
        ServiceRequest.objects.filter(enterprise=enterprise)
        .only("pk", "code", "title", "status", "received_at", "category")
        .order_by("-received_at", "-pk")
    )
    if limit:
        rows = rows[:limit]
    return [
        registry.TimelineEntry(
            when=r.received_at,
            kind=_("Request"),
            title=r.title,
            url=r.get_absolute_url(),
            detail=f"{r.code} · {r.get_category_display()} · {r.get_status_display()}",
            icon="chat-square-text",
        )
        for r in rows
    ]


def my_requests(user):
    """Workbench: the signed-in staff member's open assigned requests, by traffic light."""
    if not user.has_perm("services.change_servicerequest"):
        return []
    from . import lights
    from .choices import OPEN, Light
    from .models import ServiceRequest

    th = lights.thresholds()
    rows = list(
        lights.with_due(ServiceRequest.objects.filter(assignee=user, status__in=OPEN))
        .only("pk", "code", "title", "status", "accept_due", "resolve_due")
        .order_by("due")
    )
    base = reverse("services:request_list")
    sections = []
    for light, title in (
        (Light.RED, _("My overdue requests")),
        (Light.YELLOW, _("My requests due soon")),
        (Light.GREEN, _("My requests on time")),
    ):
        items = [r for r in rows if th.light(r.due) == light]
        if items or light != Light.GREEN:
            sections.append(
                registry.WorkbenchSection(
                    title=title,
                    url=f"{base}?assignee={user.pk}&light={light}",
                    items=[
                        registry.WorkbenchItem(f"{r.due:%m-%d} {r.code} {r.title}", r.get_absolute_url(), due=r.due)
                        for r in items[:5]
                    ],
                    count=len(items),
                )
            )
    return sections


def awaiting_acceptance(user):
    """Workbench: the shared queue of requests awaiting acceptance (待受理), for everyone who may accept
    them, by accept-by date, each marked with the inbox's traffic light. Nobody is assigned before
    acceptance, so without this a request due tomorrow showed on no one's workbench."""
    if not user.has_perm("services.change_servicerequest"):
        return []
    from . import lights
    from .choices import Status
    from .models import ServiceRequest

    th = lights.thresholds()
    queue = lights.with_due(ServiceRequest.objects.filter(status=Status.SUBMITTED)).order_by("due", "pk")
    marks = _light_marks()
    items = [
        registry.WorkbenchItem(
            " ".join(filter(None, [f"{r.due:%m-%d}", marks.get(th.light(r.due), ""), r.code, r.title])),
            r.get_absolute_url(),
            due=r.due,
        )
        for r in queue.only("pk", "code", "title", "status", "accept_due", "resolve_due")[:5]
    ]
    return [
        registry.WorkbenchSection(
            title=_("Requests awaiting acceptance (shared)"),
            url=f"{reverse('services:request_list')}?status={Status.SUBMITTED}",
            items=items,
            count=queue.count(),
        )
    ]


def _light_marks():
    from .choices import Light

    return {Light.RED: _("[overdue]"), Light.YELLOW: _("[due soon]")}


def under_instruction(user):
    """Workbench: open requests a leader gave an instruction on (领导督办), assigned to this staff member
    or not yet assigned to anyone, the nearest instruction deadline first."""
    if not user.has_perm("services.change_servicerequest"):
        return []
    from django.db.models import F, Q

    from .choices import OPEN
    from .models import ServiceRequest

    rows = ServiceRequest.objects.filter(
        Q(assignee=user) | Q(assignee__isnull=True), supervised_at__isnull=False, status__in=OPEN
    ).order_by(F("instruction_due").asc(nulls_last=True), "supervised_at", "pk")
    items = []
    for r in rows.only("pk", "code", "title", "instruction", "instruction_due")[:5]:
        due = f"{r.instruction_due:%m-%d} " if r.instruction_due else ""
        items.append(
            registry.WorkbenchItem(
                f"{due}{r.code} {r.title}：{r.instruction[:40]}", r.get_absolute_url(), due=r.instruction_due
            )
        )
    count = rows.count()
    if not count:
        return []
    return [
        registry.WorkbenchSection(
            title=_("Leadership instructions"),
            url=f"{reverse('services:request_list')}?assignee={user.pk}",
            items=items,
            count=count,
        )
    ]


def raised_to_leadership(user):
    """Workbench of leadership (who read but do not handle): open requests raised to them after an
    unsatisfied rating, and how many requests are overdue; both link to the filtered inbox."""
    if not user.has_perm(VIEW) or user.has_perm("services.change_servicerequest"):
        return []
    from . import lights
    from .choices import OPEN, Light
    from .models import ServiceRequest

    base = reverse("services:request_list")
    escalated = ServiceRequest.objects.filter(escalated=True, status__in=OPEN).order_by("-received_at")
    items = [
        registry.WorkbenchItem(f"{r.code} {r.enterprise_name}：{r.title}", r.get_absolute_url(), due=r.resolve_due)
        for r in escalated.only("pk", "code", "enterprise_name", "title", "resolve_due")[:5]
    ]
    overdue = (
        lights.with_due(ServiceRequest.objects.filter(status__in=OPEN))
        .filter(lights.light_q(Light.RED, lights.thresholds()))
        .order_by("due", "pk")
    )
    overdue_items = [
        registry.WorkbenchItem(
            f"{r.due:%m-%d} {r.code} {r.enterprise_name}：{r.title}", r.get_absolute_url(), due=r.due
        )
        for r in overdue.only("pk", "code", "enterprise_name", "title", "accept_due", "resolve_due", "status")[:5]
    ]
    return [
        registry.WorkbenchSection(
            title=_("Requests raised to leadership"),
            url=f"{base}?escalated=true",
            items=items,
            count=escalated.count(),
        ),
        registry.WorkbenchSection(
            title=_("Overdue requests (all staff)"),
            url=f"{base}?light={Light.RED}",
            items=overdue_items,
            count=overdue.count(),
        ),
    ]


def demo(stdout=None, **options):
    from .demo import seed_demo_requests

    seed_demo_requests(stdout=stdout)


def leadership_rule(codename):
    """Leadership read every record of the services app and instruct (督办) on requests."""
    return codename.startswith("view_") or codename == "instruct_servicerequest"


def staff_rule(codename):
    """Staff handle requests; the leadership's instruction (督办/批示) is not theirs."""
    return codename != "instruct_servicerequest"


def register():
    from celery.schedules import crontab

    from federation import roles

    from . import ledgers, metrics

    nav = [
        (gettext_lazy("Request inbox"), "services:request_list", VIEW, "inbox", 300),
        (gettext_lazy("Record a request"), "services:request_add", "services.add_servicerequest", "plus-square", 301),
        (gettext_lazy("Request figures"), "services:request_metrics", VIEW, "bar-chart", 302),
        (gettext_lazy("Public request form"), "services:request_submit", VIEW, "phone", 303),
        (gettext_lazy("QR poster"), "services:request_poster", VIEW, "qr-code", 304),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.role_rules.register(registry.RoleRule("services", roles.LEADERSHIP, leadership_rule))
    registry.role_rules.register(registry.RoleRule("services", roles.STAFF, staff_rule))
    # Each morning: assignees get their yellow/red requests, leadership the red ones.
    registry.schedules.register(
        registry.BeatEntry("services-daily-digest", "services.tasks.send_daily_digest", crontab(hour=8, minute=0))
    )
    registry.enterprise_actions.register(
        registry.EnterpriseAction(
            gettext_lazy("Record a request"), "services:request_add", "services.add_servicerequest"
        )
    )
    registry.workbench.register(under_instruction)
    registry.workbench.register(my_requests)
    registry.workbench.register(awaiting_acceptance)
    registry.workbench.register(raised_to_leadership)
    registry.metrics.register(metrics.figures)
    registry.breakdowns.register(metrics.series)
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "requests",
            SECTION,
            order=30,
            keys=(
                "requests.received",
                "requests.resolved",
                "requests.response_rate",
                "requests.on_time_rate",
                "requests.satisfaction_rate",
                "requests.overdue",
            ),
            charts=(metrics.TREND, ("requests.by_category.received", "requests.by_category.overdue")),
            alerts=("requests.overdue",),
        )
    )
    registry.ledgers.register(ledgers.REQUEST_LEDGER)
    registry.demo_data.register(demo)
