"""Tables of the services app."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from federation import masking

from .choices import Light
from .models import ServiceRequest


class ServiceRequestTable(tables.Table):
    light = tables.Column(verbose_name=_("Light"), accessor="due", orderable=False, empty_values=())
    code = tables.Column(linkify=True)
    received_at = tables.DateTimeColumn(format="Y-m-d H:i")
    title = tables.Column(linkify=True)
    assignee = tables.Column(empty_values=(None,))
    due = tables.DateColumn(verbose_name=_("Due"), format="Y-m-d")
    phone = tables.Column()

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
            "source",
            "status",
            "assignee",
            "due",
            "phone",
        ]
        order_by = "-received_at"
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "request-table"}

    def __init__(self, *args, thresholds=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thresholds = thresholds
        self.show_personal = masking.can_see_personal_data(user)

    def render_light(self, record):
        light = self.thresholds.light(record.due) if self.thresholds else ""
        if not light:
            return "—"
        return format_html('<span class="light light-{}" title="{}"></span>', light, Light(light).label)

    def render_assignee(self, value):
        return value.get_full_name() or value.username

    def render_phone(self, value):
        return value if self.show_personal else masking.mask_phone(value)
