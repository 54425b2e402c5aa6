"""What job fairs contribute to the core's registries (navigation, timeline, workbench, figures,
the 招聘会统计 ledger, demo data). Called from ``ServicesConfig.ready()``."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry

SECTION = gettext_lazy("Job fairs")
VIEW = "services.view_jobfair"
HIRES_AFTER = datetime.timedelta(days=30)


def enterprise_timeline(enterprise, limit=None):
    """The fairs an enterprise registered for, on its page (一企一档)."""
    from .models import JobRegistration

    rows = (
        JobRegistration.objects.filter(enterprise=enterprise)
        .select_related("fair")
        .only("pk", "status", "intentions", "hires", "fair__id", "fair__title", "fair__held_on", "fair__venue")
        .order_by("-fair__held_on", "-pk")
    )
    if limit:
        rows = rows[:limit]
    return [
        registry.TimelineEntry(
            when=r.fair.held_on,
            kind=_("Job fair"),
            title=r.fair.title,
            url=r.get_absolute_url(),
            detail=" · ".join(
                filter(
                    None,
                    [
                        r.get_status_display(),
                        r.fair.venue,
                        _("%(n)d hiring intentions") % {"n": r.intentions} if r.intentions is not None else "",
                    ],
                )
            ),
            icon="briefcase",
        )
        for r in rows
    ]


def hires_to_confirm(user, today=None):
    """Workbench: fairs held 30 days ago or more whose approved registrations still lack confirmed hires."""
    from .choices import FairStatus, RegistrationStatus
    from .models import JobFair

    if not user.has_perm("services.change_jobfair"):
        return []
    today = today or timezone.localdate()
    due = (
        JobFair.objects.filter(
            status=FairStatus.HELD,
            held_on__lte=today - HIRES_AFTER,
            registrations__status=RegistrationStatus.APPROVED,
            registrations__hires__isnull=True,
        )
        .distinct()
        .order_by("held_on", "pk")
    )
    count = due.count()
    if not count:
        return []
    return [
        registry.WorkbenchSection(
            title=_("Job fairs: confirm the hires"),
            url=f"{reverse('services:jobfair_list')}?status={FairStatus.HELD}",
            items=[
                registry.WorkbenchItem(
                    f"{f.held_on:%m-%d} {f.title}", f.get_absolute_url(), due=f.held_on + HIRES_AFTER
                )
                for f in due[:5]
            ],
            count=count,
        )
    ]


def demo(stdout=None, **options):
    from .demo import seed_demo_jobfairs

    seed_demo_jobfairs(stdout=stdout)


def register():
    from . import ledgers, metrics

    nav = [
        (gettext_lazy("Job fairs"), "services:jobfair_list", VIEW, "briefcase", 340),
        (gettext_lazy("Job fair registrations"), "services:jobregistration_list", VIEW, "card-checklist", 341),
        (gettext_lazy("Add a job fair"), "services:jobfair_add", "services.add_jobfair", "calendar-plus", 342),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.workbench.register(hires_to_confirm)
    registry.metrics.register(metrics.figures)
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "jobfairs",
            SECTION,
            order=60,
            keys=(
                "jobfairs.fairs",
                "jobfairs.enterprises",
                "jobfairs.positions",
                "jobfairs.openings",
                "jobfairs.intentions",
                "jobfairs.hires",
            ),
        )
    )
    registry.ledgers.register(ledgers.JOBFAIR_LEDGER)
    registry.demo_data.register(demo)
