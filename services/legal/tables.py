"""Tables of the legal service pages (a card per row below 576 px, like the request inbox)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from federation import masking

from ..requests.tables import cell
from .models import Lawyer, LegalConsultation, LegalStation

NOWRAP = cell()


class LegalStationTable(tables.Table):
    name = tables.Column(linkify=True, attrs=cell("cell-clip", ""))
    host = tables.Column(verbose_name=_("host"), accessor="host_display", orderable=False, attrs=cell("cell-clip", ""))
    district = tables.Column(attrs=NOWRAP)
    office_phone = tables.Column(attrs=NOWRAP)
    lawyer_count = tables.Column(verbose_name=_("lawyers"), orderable=False, empty_values=(), attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)

    class Meta:
        model = LegalStation
        fields = ["name", "host_kind", "host", "district", "office_phone", "lawyer_count", "status"]
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "station-table"}

    def render_lawyer_count(self, record):
        return len(record.lawyers.all())

    def render_district(self, value):
        return value.name


class LawyerTable(tables.Table):
    name = tables.Column(linkify=True, attrs=NOWRAP)
    law_firm = tables.Column(attrs=cell("cell-clip", ""))
    specialties = tables.Column(orderable=False, attrs=cell("cell-clip", ""))
    phone = tables.Column(orderable=False, attrs=NOWRAP)
    stations = tables.Column(verbose_name=_("stations"), orderable=False, empty_values=(), attrs=cell("cell-clip", ""))

    class Meta:
        model = Lawyer
        fields = ["name", "law_firm", "specialties", "phone", "stations"]
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "lawyer-table"}

    def __init__(self, *args, show_personal=False, **kwargs):
        self.show_personal = show_personal
        super().__init__(*args, **kwargs)

    def render_specialties(self, record):
        return record.get_specialties_display()

    def render_phone(self, value):
        return value if self.show_personal else masking.mask_phone(value)

    def render_stations(self, record):
        return "、".join(s.name for s in record.stations.all())


class LegalConsultationTable(tables.Table):
    date = tables.Column(attrs=NOWRAP)
    enterprise_name = tables.Column(attrs=cell("cell-clip", ""))
    kind = tables.Column(attrs=NOWRAP)
    topic = tables.Column(attrs=NOWRAP)
    channel = tables.Column(attrs=NOWRAP)
    station = tables.Column(attrs=cell("cell-clip", ""))
    lawyer = tables.Column(attrs=NOWRAP)
    follow_up_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)

    class Meta:
        model = LegalConsultation
        fields = ["date", "enterprise_name", "kind", "topic", "channel", "station", "lawyer", "follow_up_on"]
        order_by = "-date"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "consultation-table"}

    def render_date(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), f"{value:%Y-%m-%d}")

    def value_date(self, value):
        return value

    def render_lawyer(self, value):
        return value.name


class ServedEnterpriseTable(tables.Table):
    name = tables.Column(verbose_name=_("enterprise"), linkify=True, attrs=cell("cell-clip", ""))
    uscc = tables.Column(verbose_name=_("Unified social credit code"), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("District / county"), attrs=NOWRAP)
    consultation_count = tables.Column(verbose_name=_("legal consultations"), attrs=NOWRAP)

    class Meta:
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-cards", "data-testid": "served-table"}
