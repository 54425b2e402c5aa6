from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Lawyer, LegalConsultation, LegalStation


@admin.register(LegalStation)
class LegalStationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "host_kind", "district", "status"]
    list_filter = ["host_kind", "status", "district"]
    readonly_fields = ["status"]
    raw_id_fields = ["host_chamber", "host_enterprise"]
    filter_horizontal = ["lawyers"]


@admin.register(Lawyer)
class LawyerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "law_firm"]


@admin.register(LegalConsultation)
class LegalConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["date", "enterprise_name", "kind", "topic", "channel", "station"]
    list_filter = ["kind", "topic", "channel"]
    date_hierarchy = "date"
    raw_id_fields = ["enterprise", "request"]
