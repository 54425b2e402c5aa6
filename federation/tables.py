"""Tables of the core."""

import django_tables2 as tables

from .models import CalendarDay


def _label(**kwargs):
    """Each cell's column name, which the phone layout (below 576 px) shows beside the value."""
    return str(kwargs["bound_column"].header)


def cell(td_class="text-nowrap", th_class="text-nowrap"):
    """A column's attributes: its classes, and the label the phone's card layout shows."""
    return {"th": {"class": th_class}, "td": {"class": td_class, "data-label": _label}}


class CalendarDayTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d (D)", linkify=True)

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]
        order_by = "-date"
