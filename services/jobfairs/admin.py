"""Job fairs in Django's admin (administrators' corrections; staff use the portal's pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import JobFair, JobPosition, JobRegistration


class JobPositionInline(admin.TabularInline):
    model = JobPosition
    extra = 0


@admin.register(JobFair)
class JobFairAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "venue", "booths", "status"]
    list_filter = ["status"]
    search_fields = ["title", "venue"]
    readonly_fields = ["status"]


@admin.register(JobRegistration)
class JobRegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["fair", "enterprise_name", "uscc", "status", "intentions", "hires"]
    list_filter = ["status", "fair"]
    search_fields = ["enterprise_name", "uscc", "code"]
    readonly_fields = ["status", "code", "enterprise"]
    inlines = [JobPositionInline]
