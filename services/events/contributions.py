"""What events contribute to the core's registries (navigation, timelines, figures, the 活动台账,
demo data), to the chambers' activity (the dormancy rule) and to the campaigns' measures. Called from
``ServicesConfig.ready()``."""

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry
from services import DASHBOARD_BLOCK

SECTION = gettext_lazy("Service activities")
VIEW = "services.view_event"


def _entry(event, detail=""):
    return registry.TimelineEntry(
        when=event.held_on,
        kind=_("Event"),
        title=f"{event.series_label} {event.title}".strip() if event.series_id else event.title,
        url=event.get_absolute_url(),
        detail=" · ".join(filter(None, [event.get_event_type_display(), event.venue, detail])),
        icon="easel",
    )


def _events(**filters):
    from .models import Event

    return (
        Event.objects.filter(**filters)
        .select_related("series")
        .only("pk", "title", "held_on", "event_type", "venue", "series__name", "issue")
        .order_by("-held_on", "-pk")
        .distinct()
    )


def enterprise_timeline(enterprise, limit=None):
    """The events an enterprise attended (on the list), on its page (一企一档)."""
    rows = _events(attendances__enterprise=enterprise)
    return [_entry(e, _("attended")) for e in (rows[:limit] if limit else rows)]


def chamber_timeline(chamber, limit=None):
    """The events a chamber took part in, on its page (一会一档)."""
    rows = _events(chambers=chamber)
    return [_entry(e, _("took part")) for e in (rows[:limit] if limit else rows)]


def chamber_activity(chamber_ref):
    """The dates of the events a chamber took part in (held, not planned), for the dormancy rule."""
    from .models import Event

    return (
        Event.objects.filter(chambers=chamber_ref, held_on__lte=timezone.localdate())
        .order_by("-held_on")
        .values("held_on")
    )


def _campaign_events(campaign, *, staff=None, district=None, until=None):
    from .models import Event

    qs = Event.objects.filter(campaign=campaign)
    if staff is not None:
        qs = qs.filter(responsible=staff)
    if district is not None:
        qs = qs.filter(district=district)
    if until is not None:
        qs = qs.filter(held_on__lte=until)
    return qs


def count_events(campaign, **kw) -> int:
    """Campaign measure 活动场次: the campaign's events (of the staff member in charge / district)."""
    return _campaign_events(campaign, **kw).count()


def count_attendance(campaign, **kw) -> int:
    """Campaign measure 参加人次: the attendance of the campaign's events, summed."""
    return _campaign_events(campaign, **kw).with_attendance().aggregate(n=Sum("attendance_value"))["n"] or 0


def demo(stdout=None, **options):
    from .demo import seed_demo_events

    seed_demo_events(stdout=stdout)


def register():
    from chambers import activity
    from services.campaigns import measures
    from services.campaigns.choices import Measure

    from . import ledgers, metrics

    nav = [
        (gettext_lazy("Events"), "services:event_list", VIEW, "easel", 320),
        (gettext_lazy("Record an event"), "services:event_add", "services.add_event", "calendar-plus", 321),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.timeline.register(registry.TimelineProvider(("chambers.chamber",), chamber_timeline, permission=VIEW))
    activity.register(chamber_activity)
    measures.register(Measure.EVENTS, count_events)
    measures.register(Measure.ATTENDANCE, count_attendance)
    registry.metrics.register(metrics.figures)
    # One dashboard block for the services' activity (visits, events, policies, campaigns share it).
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "services",
            DASHBOARD_BLOCK,
            order=40,
            keys=(
                "events.held",
                "events.attendance",
            ),
        )
    )
    registry.ledgers.register(ledgers.EVENT_LEDGER)
    registry.demo_data.register(demo)
