"""Table of the event list (also its XLSX export: the columns as shown)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Event

WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class EventTable(tables.Table):
    held_on = tables.DateColumn(format="Y-m-d", order_by=("held_on", "id"))
    title = tables.Column(linkify=True, order_by=("title", "id"), attrs={"td": {"class": "text-wrap"}})
    event_type = tables.Column(orderable=False)
    series = tables.Column(verbose_name=_("Series and issue"), accessor="series_label", orderable=False, attrs=WIDE)
    venue = tables.Column(orderable=False, attrs=WIDE)
    campaign = tables.Column(orderable=False, attrs=WIDE)
    attendance = tables.Column(
        verbose_name=_("Attendance"), accessor="attendance_value", order_by=("attendance_value", "id")
    )
    signed_off = tables.BooleanColumn(
        verbose_name=_("Summary signed off"), accessor="summary_signed_off_at", orderable=False, attrs=WIDE
    )

    class Meta:
        model = Event
        fields = ["held_on", "title", "event_type", "series", "venue", "campaign", "attendance", "signed_off"]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "event-table"}
        empty_text = _("No event matches.")
