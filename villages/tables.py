"""Tables of the programme's lists (a card per row below 576 px)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from federation.tables import cell
from federation.templatetags.portal import money

from .models import Pairing, PairingProject, Village

NOWRAP = cell()
CLIP = cell("cell-clip", "")
ATTRS = "table table-sm table-hover align-middle table-cards"


class VillageTable(tables.Table):
    name = tables.Column(linkify=True, attrs=NOWRAP)
    township = tables.Column(linkify=lambda record: record.township and _township_url(record.township), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("District / county"), accessor="township__parent__name", attrs=NOWRAP)
    is_key = tables.BooleanColumn(attrs=NOWRAP)
    households = tables.Column(attrs=NOWRAP)

    class Meta:
        model = Village
        fields = ["name", "township", "district", "is_key", "households"]
        order_by = ("township", "name")
        attrs = {"class": ATTRS, "data-testid": "village-table"}

    def render_township(self, value):
        return value.name


def _township_url(township):
    from django.urls import reverse

    return reverse("villages:township_detail", args=[township.pk])


class TownshipTable(tables.Table):
    name = tables.Column(verbose_name=_("township"), linkify=lambda record: _township_url(record), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("District / county"), accessor="parent__name", attrs=NOWRAP)
    code = tables.Column(verbose_name=_("code"), attrs=NOWRAP)
    village_count = tables.Column(verbose_name=_("villages on record"), attrs=NOWRAP)

    class Meta:
        order_by = "code"
        attrs = {"class": ATTRS, "data-testid": "township-table"}


class PairedEnterpriseTable(tables.Table):
    name = tables.Column(verbose_name=_("enterprise"), linkify=True, attrs=CLIP)
    uscc = tables.Column(verbose_name=_("Unified social credit code"), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("District / county"), attrs=NOWRAP)
    pairing_count = tables.Column(verbose_name=_("pairings"), attrs=NOWRAP)

    class Meta:
        order_by = "name"
        attrs = {"class": ATTRS, "data-testid": "paired-enterprise-table"}


class PairingTable(tables.Table):
    name = tables.Column(linkify=True, attrs=CLIP)
    batch = tables.Column(attrs=NOWRAP)
    form = tables.Column(attrs=NOWRAP)
    started_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    project_count = tables.Column(verbose_name=_("projects"), attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)

    class Meta:
        model = Pairing
        fields = ["name", "batch", "form", "started_on", "project_count", "status"]
        order_by = "-started_on"
        attrs = {"class": ATTRS, "data-testid": "pairing-table"}


class PairingProjectTable(tables.Table):
    name = tables.Column(linkify=True, attrs=CLIP)
    village = tables.Column(attrs=NOWRAP)
    project_type = tables.Column(attrs=NOWRAP)
    investment = tables.Column(verbose_name=_("investment to date"), attrs=NOWRAP)
    jobs_to_date = tables.Column(verbose_name=_("jobs created"), attrs=NOWRAP)
    start_date = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)
    is_typical = tables.BooleanColumn(attrs=NOWRAP)

    class Meta:
        model = PairingProject
        fields = ["name", "village", "project_type", "investment", "jobs_to_date", "start_date", "status", "is_typical"]
        order_by = "-start_date"
        attrs = {"class": ATTRS, "data-testid": "project-table"}

    def render_investment(self, value):
        return money(value)

    def value_investment(self, value):
        return value


class SlotTable(tables.Table):
    """The reports due in a period, with what was filed."""

    project = tables.Column(verbose_name=_("pairing project"), linkify=True, orderable=False, attrs=CLIP)
    village = tables.Column(verbose_name=_("village"), accessor="project__village", orderable=False, attrs=NOWRAP)
    quarter = tables.Column(verbose_name=_("quarter"), accessor="quarter_label", orderable=False, attrs=NOWRAP)
    due_on = tables.DateColumn(verbose_name=_("due by"), format="Y-m-d", orderable=False, attrs=NOWRAP)
    filed = tables.Column(verbose_name=_("filed on"), empty_values=(), orderable=False, attrs=NOWRAP)

    class Meta:
        attrs = {"class": ATTRS, "data-testid": "slot-table"}

    def render_filed(self, record):
        if record.report is None:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("Not filed"))
        style = "text-bg-success" if record.on_time else "text-bg-warning"
        word = _("on time") if record.on_time else _("late")
        return format_html('{} <span class="badge {}">{}</span>', f"{record.report.filed_on:%Y-%m-%d}", style, word)
