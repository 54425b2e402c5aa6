"""What visits contribute to the core's registries (navigation, timeline, workbench, figures,
ledger, campaign counters, demo data). Called from ``ServicesConfig.ready()``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry
from services import DASHBOARD_BLOCK

from .. import followups
from ..campaigns.contributions import SECTION

VIEW = "services.view_visit"


def enterprise_timeline(enterprise, limit=None):
    """An enterprise's visits on its page (一企一档): one query of at most ``limit`` rows."""
    from .models import Visit

    rows = (
        Visit.objects.filter(enterprises=enterprise)
        .select_related("campaign")
        .only("pk", "date", "form", "place", "summary", "campaign__name")
        .order_by("-date", "-pk")
    )
    if limit:
        rows = rows[:limit]
    return [
        registry.TimelineEntry(
            when=v.date,
            kind=_("Visit"),
            title=(v.summary.strip().splitlines() or [v.get_form_display()])[0][:80],
            url=v.get_absolute_url(),
            detail=" · ".join(filter(None, [v.get_form_display(), v.place, v.campaign.name if v.campaign else ""])),
            icon="geo-alt",
        )
        for v in rows
    ]


def follow_ups_due(user):
    """Workbench: visits of this staff member whose follow-up date has come and is not marked done."""
    if not user.has_perm("services.change_visit"):
        return []
    from .models import Visit

    due = Visit.objects.filter(followups.due(), staff=user).order_by("follow_up_on", "pk")
    count = due.count()
    if not count:
        return []
    items = [
        registry.WorkbenchItem(
            f"{v.follow_up_on:%m-%d} {'、'.join(e.name for e in v.enterprises.all())}",
            v.get_absolute_url(),
            due=v.follow_up_on,
        )
        for v in due.prefetch_related("enterprises")[:5]
    ]
    return [
        registry.WorkbenchSection(
            title=_("Visits to follow up"),
            url=f"{reverse('services:visit_list')}?staff={user.pk}&follow_up=due",
            items=items,
            count=count,
        )
    ]


def demo(stdout=None, **options):
    from .demo import seed_demo_visits

    seed_demo_visits(stdout=stdout)


def register():
    from . import counters, ledgers, metrics

    nav = [
        (gettext_lazy("Visits"), "services:visit_list", VIEW, "geo-alt", 310),
        (gettext_lazy("Log a visit"), "services:visit_add", "services.add_visit", "plus-circle", 311),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.enterprise_actions.register(
        registry.EnterpriseAction(
            gettext_lazy("Log a visit"), "services:visit_add", "services.add_visit", icon="geo-alt"
        )
    )
    registry.workbench.register(follow_ups_due)
    registry.metrics.register(metrics.figures)
    # One dashboard block for the services' activity (visits, events, policies, campaigns share it).
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "services",
            DASHBOARD_BLOCK,
            order=40,
            keys=(
                "visits.visits",
                "visits.enterprises",
                "visits.problems_raised",
            ),
        )
    )
    registry.ledgers.register(ledgers.VISIT_LEDGER)
    registry.demo_data.register(demo)
    counters.register()
