from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualInspection, CandidateRules, Chamber, FourGoodRating, KeyArea, Membership


@admin.register(Chamber)
class ChamberAdmin(SimpleHistoryAdmin):
    """Chambers for the administrator; the status changes on the chamber's page (``chambers.operations``)."""

    list_display = ["name", "chamber_type", "district", "status"]
    list_filter = ["chamber_type", "status", "district"]
    search_fields = ["name", "short_name", "uscc"]
    readonly_fields = ["status", "status_changed_on"]
    filter_horizontal = ["secretaries"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "chamber", "role", "started_on", "ended_on"]
    list_filter = ["role"]
    raw_id_fields = ["enterprise", "chamber"]
    search_fields = ["enterprise__name", "chamber__name"]


admin.site.register(AnnualInspection, SimpleHistoryAdmin)
admin.site.register(FourGoodRating, SimpleHistoryAdmin)
admin.site.register(KeyArea, SimpleHistoryAdmin)
admin.site.register(CandidateRules, SimpleHistoryAdmin)
