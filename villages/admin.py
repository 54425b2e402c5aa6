from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualTarget, Pairing, PairingProject, ProgressReport, Village


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "is_key", "households"]
    list_filter = ["is_key"]
    search_fields = ["name", "township__name"]


@admin.register(Pairing)
class PairingAdmin(SimpleHistoryAdmin):
    """Status changes go through ``villages.operations`` (the pairing page's buttons), not the admin."""

    list_display = ["__str__", "batch", "form", "status", "started_on"]
    list_filter = ["status", "form", "batch"]
    readonly_fields = ["status", "closed_on"]
    filter_horizontal = ["villages", "chambers"]
    raw_id_fields = ["enterprises"]


@admin.register(PairingProject)
class PairingProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "village", "project_type", "status", "start_date"]
    list_filter = ["project_type", "status", "is_typical"]
    raw_id_fields = ["pairing", "village"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["project", "year", "quarter", "filed_on"]
    raw_id_fields = ["project"]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "measure", "target"]
