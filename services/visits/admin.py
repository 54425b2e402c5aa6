from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Visit, VisitPhoto


class PhotoInline(admin.TabularInline):
    model = VisitPhoto
    extra = 0
    can_delete = False
    fields = ["original_name", "kind", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["date", "form", "campaign", "follow_up_on", "followed_up_on"]
    list_filter = ["form", "campaign"]
    date_hierarchy = "date"
    raw_id_fields = ["enterprises"]
    filter_horizontal = ["staff"]
    inlines = [PhotoInline]
