from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest


@admin.register(CategoryDeadline)
class CategoryDeadlineAdmin(SimpleHistoryAdmin):
    """Time limits per category: the one part of requests an administrator edits here."""

    list_display = ["category", "accept_days", "resolve_days"]


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "actor", "public", "text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ["original_name", "kind", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    """Read-only here: statuses change only through the service functions (the request page)."""

    list_display = ["code", "title", "enterprise_name", "category", "status", "assignee", "received_at"]
    list_filter = ["status", "category", "source", "district"]
    search_fields = ["code", "title", "enterprise_name", "uscc"]
    inlines = [RequestEventInline, AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
