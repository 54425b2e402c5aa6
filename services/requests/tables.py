"""Tables of the services app."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from federation.tables import cell

from .choices import Light
from .models import ServiceRequest

NOWRAP = cell()


class ServiceRequestTable(tables.Table):
    """The staff inbox: the due date with its traffic light, the assignee, and a title on one line
    (the whole on hover). Below 576 px each row is a card (``.table-cards`` in portal.css)."""

    code = tables.Column(linkify=True, attrs=NOWRAP)
    received_at = tables.DateTimeColumn(format="Y-m-d", attrs=NOWRAP)
    title = tables.Column(attrs=cell("cell-title-wrap", ""))
    enterprise_name = tables.Column(attrs=cell("cell-clip", ""))
    assignee = tables.Column(empty_values=(None,), attrs=NOWRAP)
    due = tables.Column(verbose_name=_("Due"), attrs=NOWRAP)
    category = tables.Column(attrs=NOWRAP)
    district = tables.Column(attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)

    class Meta:
        model = ServiceRequest
        fields = [
            "due",
            "code",
            "received_at",
            "enterprise_name",
            "title",
            "category",
            "district",
            "status",
            "assignee",
        ]
        order_by = "-received_at"
        attrs = {
            "class": "table table-sm table-hover align-middle table-cards",
            "data-testid": "request-table",
        }

    def __init__(self, *args, thresholds=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thresholds = thresholds

    def render_due(self, value):
        light = self.thresholds.light(value) if self.thresholds else ""
        date = value.strftime("%Y-%m-%d")
        if not light:
            return date
        label = Light(light).label
        return format_html(
            '<span class="light light-{}" title="{}" aria-hidden="true"></span>'
            '<span class="visually-hidden">{}</span> {}',
            light,
            label,
            label,
            date,
        )

    def render_title(self, record, value):
        # One line on a desktop (CSS ellipsis); the whole title on hover and for screen readers.
        return format_html('<a class="cell-title" href="{}" title="{}">{}</a>', record.get_absolute_url(), value, value)

    def render_enterprise_name(self, value):
        return format_html('<span title="{}">{}</span>', value, value)

    def render_assignee(self, value):
        return value.get_full_name() or value.username
