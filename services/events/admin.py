"""The events in Django's admin (administrators' corrections; staff use the portal's pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, EventAttendance, EventFile, EventSeries


class EventFileInline(admin.TabularInline):
    model = EventFile
    extra = 0
    fields = ["original_name", "kind", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


class EventAttendanceInline(admin.TabularInline):
    model = EventAttendance
    extra = 0
    fields = ["enterprise_name", "uscc", "enterprise", "contact_person", "phone", "source", "signed_in_at"]
    readonly_fields = fields


@admin.register(EventSeries)
class EventSeriesAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "event_type", "series", "issue", "venue"]
    list_filter = ["event_type", "series"]
    search_fields = ["title", "venue", "speakers"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["chambers"]
    readonly_fields = ["summary_signed_off_at", "summary_signed_off_by"]
    inlines = [EventFileInline, EventAttendanceInline]
