"""Tables of the services app."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .choices import Light
from .models import ServiceRequest

NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}


class ServiceRequestTable(tables.Table):
    light = tables.Column(verbose_name=_("Light"), accessor="due", orderable=False, empty_values=())
    code = tables.Column(linkify=True)
    received_at = tables.DateTimeColumn(format="Y-m-d", attrs=NOWRAP)
    title = tables.Column(linkify=True, attrs={"td": {"style": "min-width: 10rem"}})
    enterprise_name = tables.Column(attrs={"td": {"style": "min-width: 7rem"}})
    assignee = tables.Column(empty_values=(None,), attrs=NOWRAP)
    due = tables.DateColumn(verbose_name=_("Due"), format="Y-m-d", attrs=NOWRAP)
    category = tables.Column(attrs=NOWRAP)
    district = tables.Column(attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)

    class Meta:
        model = ServiceRequest
        fields = [
            "light",
            "code",
            "received_at",
            "enterprise_name",
            "title",
            "category",
            "district",
            "status",
            "assignee",
            "due",
        ]
        order_by = "-received_at"
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "request-table"}

    def __init__(self, *args, thresholds=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thresholds = thresholds

    def render_light(self, record):
        light = self.thresholds.light(record.due) if self.thresholds else ""
        if not light:
            return "—"
        return format_html('<span class="light light-{}" title="{}"></span>', light, Light(light).label)

    def render_assignee(self, value):
        return value.get_full_name() or value.username
