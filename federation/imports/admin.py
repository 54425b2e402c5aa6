from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports are records of what happened: read them here, run them from the import pages."""

    list_display = [
        "original_name",
        "spec",
        "status",
        "rows_total",
        "created_count",
        "updated_count",
        "invalid_count",
        "created_by",
        "created_at",
        "applied_at",
    ]
    list_filter = ["spec", "status"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
