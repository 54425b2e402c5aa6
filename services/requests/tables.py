"""Tables of the services app."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
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
        template_name = "services/requests/includes/request_table.html"

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

    def rows_html(self):
        """The page's rows written out in one pass, the cells as ``render_*`` and the columns'
        attributes give them: django-tables2's template drew them cell by cell (240 ms of CPU for 50
        rows, most of the inbox's time). Keep the cells in ``Meta.fields`` order."""
        label = {column.name: escape(str(column.header)) for column in self.columns}
        none = "—"

        def cells(r):
            assignee = (r.assignee.get_full_name() or r.assignee.username) if r.assignee_id else none
            return (
                self.render_due(r.due) if r.due else none,
                r.get_absolute_url(),
                r.code,
                timezone.localtime(r.received_at).strftime("%Y-%m-%d") if r.received_at else none,
                self.render_enterprise_name(r.enterprise_name) if r.enterprise_name else none,
                self.render_title(r, r.title) if r.title else none,
                r.get_category_display() or none,
                r.district.name if r.district_id else none,
                r.get_status_display(),
                assignee,
            )

        row = (
            "<tr>"
            f'<td class="text-nowrap" data-label="{label["due"]}">{{}}</td>'
            f'<td class="text-nowrap" data-label="{label["code"]}"><a href="{{}}">{{}}</a></td>'
            f'<td class="text-nowrap" data-label="{label["received_at"]}">{{}}</td>'
            f'<td class="cell-clip" data-label="{label["enterprise_name"]}">{{}}</td>'
            f'<td class="cell-title-wrap" data-label="{label["title"]}">{{}}</td>'
            f'<td class="text-nowrap" data-label="{label["category"]}">{{}}</td>'
            f'<td class="text-nowrap" data-label="{label["district"]}">{{}}</td>'
            f'<td class="text-nowrap" data-label="{label["status"]}">{{}}</td>'
            f'<td class="text-nowrap" data-label="{label["assignee"]}">{{}}</td>'
            "</tr>"
        )
        return format_html_join("\n", row, (cells(bound.record) for bound in self.paginated_rows))
