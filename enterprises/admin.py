"""The enterprise register in the Django admin, configured as a competent team would use it: the
filters staff need, related names joined, a name search plus exact code and person lookups."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise


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
