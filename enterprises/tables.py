"""Table of the enterprise list. Personal data is always masked here (DESIGN §7); the detail page
shows it whole to roles holding ``federation.view_personal_data``."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from federation.masking import mask_name, mask_phone
from federation.templatetags.portal import money

from .models import Enterprise

WIDE = {"th": {"class": "d-none d-md-table-cell"}}  # columns hidden on a phone (rows: same class)
WIDEST = {"th": {"class": "d-none d-xxl-table-cell"}}  # shown on wide screens only


class EnterpriseTable(tables.Table):
    name = tables.Column(linkify=True, order_by=("name", "id"), attrs={"td": {"class": "text-wrap"}})
    uscc = tables.Column(order_by=("uscc",), attrs=WIDE)
    entity_type = tables.Column(orderable=False, attrs=WIDEST)
    district = tables.Column(orderable=False)
    cluster = tables.Column(orderable=False, attrs=WIDEST)
    scale = tables.Column(orderable=False, attrs=WIDE)
    legal_representative = tables.Column(orderable=False, attrs=WIDE)
    contact_phone = tables.Column(orderable=False, attrs=WIDE)
    registered_capital = tables.Column(
        verbose_name=_("Registered capital"), order_by=("registered_capital", "id"), attrs=WIDE
    )
    founded_on = tables.DateColumn(format="Y-m-d", order_by=("founded_on", "id"), attrs=WIDEST)
    registry_status = tables.Column(orderable=False)
    is_member = tables.BooleanColumn(orderable=False, verbose_name=_("Member"), attrs=WIDE)

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "entity_type",
            "district",
            "cluster",
            "scale",
            "legal_representative",
            "contact_phone",
            "registered_capital",
            "founded_on",
            "registry_status",
            "is_member",
        ]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "enterprise-table"}
        # Rows written out in the template for speed; the columns above define headers and sorting.
        template_name = "enterprises/includes/enterprise_table.html"
        empty_text = _("No enterprise matches.")

    def render_legal_representative(self, value):
        return mask_name(value)

    def render_contact_phone(self, value):
        return mask_phone(value)

    def render_registered_capital(self, value):
        return money(value)
