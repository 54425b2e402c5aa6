"""Figures of campaigns for a period: the campaigns running in it, and of those the ones with a goal
behind pace today (campaigns have no district: the figures are the same for every district)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure

from .filters import active_between, behind_pace_ids
from .models import Campaign


def figures(start, end, district=None) -> list[Figure]:
    running = active_between(Campaign.objects.all(), start, end)
    query = {"active_from": start.isoformat(), "active_to": end.isoformat()}
    unit = pgettext("unit", "campaigns")
    return [
        Figure(
            "campaigns.active", _("Campaigns running"), running.count(), unit, list_url("services:campaign_list", query)
        ),
        Figure(
            "campaigns.behind_pace",
            _("Campaigns with a goal behind pace"),
            len(behind_pace_ids(running.prefetch_related("goals"), timezone.localdate())),
            unit,
            list_url("services:campaign_list", query, pace="behind"),
        ),
    ]
