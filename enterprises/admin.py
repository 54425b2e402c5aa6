"""The enterprise register in the Django admin, configured as a competent team would use it: the
filters staff need, related names joined, a name search plus exact code and person lookups."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise, EnterpriseImport


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "uscc", "entity_type", "district", "cluster", "scale", "registry_status", "is_member"]
    list_filter = [
        "registry_status",
        "entity_type",
        "district",
        "industry_section",
        "cluster",
        "scale",
        "is_member",
        "member_level",
    ]
    search_fields = ["name", "^uscc", "=legal_representative"]
    list_select_related = ["district"]
    list_per_page = 25
    ordering = ["-id"]
    raw_id_fields = ["industry_division"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(EnterpriseImport)
class EnterpriseImportAdmin(admin.ModelAdmin):
    """Imports are records of what happened: read them here, run them from the import page."""

    list_display = [
        "original_name",
        "status",
        "rows_total",
        "created_count",
        "updated_count",
        "invalid_count",
        "created_by",
        "created_at",
        "applied_at",
    ]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
