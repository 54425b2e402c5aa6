from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, CampaignGoal


class GoalInline(admin.TabularInline):
    model = CampaignGoal
    extra = 0
    raw_id_fields = ["staff"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["name", "starts_on", "ends_on", "lead"]
    search_fields = ["name"]
    date_hierarchy = "starts_on"
    inlines = [GoalInline]
