from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Policy, PolicyOutreach


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    """Read-mostly: the status changes only through ``services.policies.operations``."""

    list_display = ["title", "document_number", "level", "category", "status", "issued_on", "view_count"]
    list_filter = ["status", "level", "category"]
    search_fields = ["title", "document_number"]
    readonly_fields = ["status", "first_published_on", "published_at", "view_count", "version"]
    filter_horizontal = ["industry_sections", "districts"]


@admin.register(PolicyOutreach)
class PolicyOutreachAdmin(SimpleHistoryAdmin):
    list_display = ["policy", "enterprise", "informed_on", "channel", "campaign", "by"]
    list_filter = ["channel", "campaign"]
    raw_id_fields = ["policy", "enterprise"]
