"""The campaign list's table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ..requests.tables import cell
from .models import Campaign

NOWRAP = cell()


class CampaignTable(tables.Table):
    name = tables.Column(linkify=True, attrs=cell("cell-clip", ""))
    starts_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    ends_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    lead = tables.Column(attrs=NOWRAP)
    goals = tables.Column(verbose_name=_("Goals"), orderable=False, empty_values=(), attrs=NOWRAP)

    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on", "lead", "goals"]
        order_by = "-starts_on"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "campaign-table"}

    def render_lead(self, value):
        return value.get_full_name() or value.username

    def render_goals(self, record):
        return len(record.goals.all())
