"""What the legal service network contributes to the core's registries (navigation, timelines of
enterprises and chambers, the chambers' activity, workbench, figures, ledger, demo data). Called
from ``ServicesConfig.ready()``. Role rules: the services app's (``services.requests.contributions``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry

from .. import followups

VIEW = "services.view_legalconsultation"
SECTION = gettext_lazy("Legal services")


def _entries(rows, limit):
    rows = rows.select_related("station").order_by("-date", "-pk")
    if limit:
        rows = rows[:limit]
    return [
        registry.TimelineEntry(
            when=c.date,
            kind=c.get_kind_display(),
            title=(c.question.strip().splitlines() or [c.get_topic_display()])[0][:80],
            url=c.get_absolute_url(),
            detail=" · ".join(
                filter(None, [c.get_topic_display(), c.get_channel_display(), c.station.name if c.station else ""])
            ),
            icon="shield-check",
        )
        for c in rows
    ]


def enterprise_timeline(enterprise, limit=None):
    """An enterprise's legal consultations on its page (一企一档)."""
    from .models import LegalConsultation

    return _entries(LegalConsultation.objects.filter(enterprise=enterprise), limit)


def chamber_timeline(chamber, limit=None):
    """The consultations given at the stations a chamber hosts, on its page (一会一档)."""
    from .models import LegalConsultation

    return _entries(LegalConsultation.objects.filter(station__host_chamber=chamber), limit)


def chamber_activity(chamber_ref):
    """A consultation at a station the chamber hosts counts as the chamber's activity."""
    from .models import LegalConsultation

    return (
        LegalConsultation.objects.filter(station__host_chamber=chamber_ref, date__lte=timezone.localdate())
        .order_by("-date")
        .values("date")
    )


def follow_ups_due(user):
    """Workbench: consultations this user recorded whose follow-up date has come, not marked done."""
    if not user.has_perm("services.change_legalconsultation"):
        return []
    from .models import LegalConsultation

    due = LegalConsultation.objects.filter(followups.due(), created_by=user).order_by("follow_up_on", "pk")
    count = due.count()
    if not count:
        return []
    items = [
        registry.WorkbenchItem(f"{c.follow_up_on:%m-%d} {c.enterprise_name}", c.get_absolute_url(), due=c.follow_up_on)
        for c in due[:5]
    ]
    return [
        registry.WorkbenchSection(
            title=_("Legal consultations to follow up"),
            url=f"{reverse('services:legalconsultation_list')}?recorded_by={user.pk}&follow_up=due",
            items=items,
            count=count,
        )
    ]


def demo(stdout=None, **options):
    from .demo import seed_demo_legal

    seed_demo_legal(stdout=stdout)


def register():
    from chambers import activity

    from . import ledgers, metrics

    nav = [
        (gettext_lazy("Legal consultations"), "services:legalconsultation_list", VIEW, "shield-check", 400),
        (
            gettext_lazy("Record a consultation"),
            "services:legalconsultation_add",
            "services.add_legalconsultation",
            "plus-circle",
            401,
        ),
        (
            gettext_lazy("Legal service stations"),
            "services:legalstation_list",
            "services.view_legalstation",
            "building",
            402,
        ),
        (gettext_lazy("Lawyers"), "services:lawyer_list", "services.view_lawyer", "person-badge", 403),
        (
            gettext_lazy("Public legal service page"),
            "services:legal_public",
            "services.view_legalstation",
            "phone",
            404,
        ),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.timeline.register(registry.TimelineProvider(("chambers.chamber",), chamber_timeline, permission=VIEW))
    activity.register(chamber_activity)
    registry.enterprise_actions.register(
        registry.EnterpriseAction(
            gettext_lazy("Record a consultation"),
            "services:legalconsultation_add",
            "services.add_legalconsultation",
            icon="shield-check",
        )
    )
    registry.workbench.register(follow_ups_due)
    registry.metrics.register(metrics.figures)
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "legal",
            SECTION,
            order=50,
            keys=(
                "legal.stations",
                "legal.lawyers",
                "legal.consultations",
                "legal.enterprises",
            ),
        )
    )
    registry.ledgers.register(ledgers.LEGAL_LEDGER)
    registry.demo_data.register(demo)
