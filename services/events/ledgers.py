"""活动台账: the events' ledger, one definition for the list's export, the report centre and the
monthly appendix (``federation.ledgers``)."""

from django.utils.translation import gettext_lazy as _

from federation.ledgers import Column, Ledger

from .filters import EventFilterSet
from .models import Event


def _chambers(event, context):
    return "、".join(c.name for c in event.chambers.all())


def _signed_off(event, context):
    return f"{event.summary_signed_off_at:%Y-%m-%d}" if event.summary_signed_off_at else ""


class EventLedger(Ledger):
    """活动台账: one row per event with its attendance (the list's length, else the count entered)."""

    key = "services.events"
    title = _("Event ledger")
    permission = "services.view_event"
    date_field = "held_on"
    ordering = ("-held_on", "-id")
    filterset_class = EventFilterSet
    columns = (
        Column(_("Held on"), "held_on"),
        Column(_("Type of event"), "get_event_type_display"),
        Column(_("Event series"), "series.name"),
        Column(_("Issue number"), "issue"),
        Column(_("Title"), "title"),
        Column(_("Venue"), "venue"),
        Column(_("District / county"), "district"),
        Column(_("Organiser"), "organiser"),
        Column(_("Speakers"), "speakers"),
        Column(_("Campaign"), "campaign.name"),
        Column(_("Participating chambers"), _chambers),
        Column(_("Attendance"), "attendance_value"),
        Column(_("Event summary"), "summary"),
        Column(_("Summary signed off"), _signed_off),
    )

    def get_queryset(self):
        return (
            Event.objects.with_attendance()
            .select_related("series", "campaign", "district")
            .prefetch_related("chambers")
        )


EVENT_LEDGER = EventLedger()
