"""Table of the chamber list (also its XLSX export: the columns as shown)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Chamber, Membership

WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class ChamberTable(tables.Table):
    name = tables.Column(linkify=True, order_by=("name", "id"), attrs={"td": {"class": "text-wrap"}})
    short_name = tables.Column(orderable=False, attrs=WIDE)
    uscc = tables.Column(order_by=("uscc",), attrs=WIDE)
    chamber_type = tables.Column(orderable=False)
    district = tables.Column(orderable=False, attrs=WIDE)
    office_phone = tables.Column(orderable=False, attrs=WIDE)
    member_count = tables.Column(verbose_name=_("Members"), order_by=("member_count", "id"))
    status = tables.Column(orderable=False)

    class Meta:
        model = Chamber
        fields = ["name", "short_name", "uscc", "chamber_type", "district", "office_phone", "member_count", "status"]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "chamber-table"}
        empty_text = _("No chamber matches.")
        template_name = "chambers/includes/chamber_table.html"


class MembershipTable(tables.Table):
    enterprise = tables.Column(linkify=True, order_by=("enterprise__name", "id"), attrs={"td": {"class": "text-wrap"}})
    chamber = tables.Column(linkify=True, order_by=("chamber__name", "id"), attrs={"td": {"class": "text-wrap"}})
    role = tables.Column(verbose_name=_("Role in the chamber"), orderable=False)
    started_on = tables.DateColumn(format="Y-m-d", attrs=WIDE)
    ended_on = tables.DateColumn(format="Y-m-d", attrs=WIDE)

    class Meta:
        model = Membership
        fields = ["enterprise", "chamber", "role", "started_on", "ended_on"]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "membership-table"}
        empty_text = _("No membership matches.")
