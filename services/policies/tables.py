"""Tables of the policy pages (below 576 px each row is a card, ``.table-cards``)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from federation import masking

from ..requests.tables import NOWRAP, cell
from .models import Policy, PolicyOutreach


class PolicyTable(tables.Table):
    title = tables.Column(linkify=True, attrs=cell("cell-title-wrap", ""))
    document_number = tables.Column(attrs=NOWRAP)
    issued_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    level = tables.Column(attrs=NOWRAP)
    category = tables.Column(attrs=NOWRAP)
    valid_until = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)
    view_count = tables.Column(attrs=NOWRAP)

    class Meta:
        model = Policy
        fields = ["title", "document_number", "issued_on", "level", "category", "valid_until", "status", "view_count"]
        order_by = "-issued_on"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "policy-table"}


class TargetTable(tables.Table):
    """A policy's enterprises, with a tick box for "mark informed" and the date they were told."""

    pick = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "th__input": {"aria-label": _("Tick every enterprise on this page"), "data-pick-all": "enterprise"},
            "td__input": {"form": "outreach-form", "name": "enterprise", "aria-label": _("Tick")},
        },
    )
    name = tables.Column(linkify=True, attrs=cell("cell-clip", ""))
    uscc = tables.Column(attrs=NOWRAP)
    district = tables.Column(attrs=NOWRAP)
    scale = tables.Column(attrs=NOWRAP)
    contact_person = tables.Column(attrs=NOWRAP)
    contact_phone = tables.Column(attrs=NOWRAP)
    informed_on = tables.DateColumn(verbose_name=_("Informed on"), format="Y-m-d", orderable=False, attrs=NOWRAP)

    class Meta:
        model = Enterprise
        fields = ["pick", "name", "uscc", "district", "scale", "contact_person", "contact_phone", "informed_on"]
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "target-table"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_personal = masking.can_see_personal_data(user) if user else False

    def render_contact_person(self, value):
        return value if self.show_personal else masking.mask_name(value)

    def render_contact_phone(self, value):
        return value if self.show_personal else masking.mask_phone(value)


class PolicyOutreachTable(tables.Table):
    informed_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    policy = tables.Column(linkify=True, attrs=cell("cell-clip", ""))
    enterprise = tables.Column(linkify=True, attrs=cell("cell-clip", ""))
    channel = tables.Column(attrs=NOWRAP)
    campaign = tables.Column(attrs=NOWRAP)
    by = tables.Column(attrs=NOWRAP)

    class Meta:
        model = PolicyOutreach
        fields = ["informed_on", "policy", "enterprise", "channel", "campaign", "by"]
        order_by = "-informed_on"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "outreach-table"}

    def render_by(self, value):
        return value.get_full_name() or value.username

    def render_policy(self, record, value):
        return format_html('<a href="{}">{}</a>', record.policy.get_absolute_url(), value)
