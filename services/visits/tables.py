"""The visit list's table (a card per row below 576 px, like the request inbox)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..requests.tables import cell
from .models import Visit

NOWRAP = cell()


class VisitTable(tables.Table):
    date = tables.Column(attrs=NOWRAP)
    form = tables.Column(attrs=NOWRAP)
    enterprises = tables.Column(
        verbose_name=pgettext_lazy("visit", "Enterprises visited"), orderable=False, attrs=cell("cell-clip", "")
    )
    staff = tables.Column(verbose_name=_("Staff who went"), orderable=False, attrs=NOWRAP)
    campaign = tables.Column(attrs=cell("cell-clip", ""))
    requests = tables.Column(verbose_name=_("Requests raised"), orderable=False, empty_values=(), attrs=NOWRAP)
    follow_up_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)

    class Meta:
        model = Visit
        fields = ["date", "form", "enterprises", "staff", "campaign", "requests", "follow_up_on"]
        order_by = "-date"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "visit-table"}

    def render_enterprises(self, record):
        # One line on a desktop (CSS ellipsis); every name on hover and for screen readers.
        names = self.value_enterprises(record)
        return format_html('<span title="{}">{}</span>', names, names)

    def render_campaign(self, value):
        return format_html('<span title="{}">{}</span>', value, value)

    def render_staff(self, record):
        return "、".join(u.get_full_name() or u.username for u in record.staff.all())

    def render_requests(self, record):
        return len(record.requests.all())

    def value_enterprises(self, record):
        return "、".join(e.name for e in record.enterprises.all())

    def render_date(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), f"{value:%Y-%m-%d}")

    def value_date(self, value):
        return value


class VisitedEnterpriseTable(tables.Table):
    """The enterprises visited (each once), with their number of visits and the latest."""

    name = tables.Column(verbose_name=_("Enterprise"), linkify=True, attrs=cell("cell-clip", ""))
    uscc = tables.Column(verbose_name=_("Unified social credit code"), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("District / county"), attrs=NOWRAP)
    visit_count = tables.Column(verbose_name=_("Visits (all)"), attrs=NOWRAP)
    last_visit = tables.DateColumn(verbose_name=_("Latest visit"), format="Y-m-d", attrs=NOWRAP)

    class Meta:
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "visited-table"}
