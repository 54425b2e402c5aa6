"""Tables of the core."""

import django_tables2 as tables

from .models import CalendarDay


class CalendarDayTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d (D)", linkify=True)

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]
        order_by = "-date"
