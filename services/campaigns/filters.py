"""Filters of the campaign list; the campaign figures' lists use the same ones."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput

from .models import Campaign

PACE_CHOICES = [("behind", _("A goal behind pace")), ("on_pace", _("Every goal on pace"))]


def active_between(queryset, start=None, end=None):
    """Campaigns running on any day from ``start`` to ``end``."""
    if start:
        queryset = queryset.filter(ends_on__gte=start)
    if end:
        queryset = queryset.filter(starts_on__lte=end)
    return queryset


def behind_pace_ids(queryset, today=None):
    from .progress import behind_pace

    today = today or timezone.localdate()
    return [c.pk for c in queryset if behind_pace(c, today)]


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name contains"))
    active_from = django_filters.DateFilter(method="filter_active", label=_("Running from"), widget=DateInput)
    active_to = django_filters.DateFilter(method="filter_active", label=_("Running to"), widget=DateInput)
    pace = django_filters.ChoiceFilter(choices=PACE_CHOICES, method="filter_pace", label=_("Pace"))

    class Meta:
        model = Campaign
        fields = ["q", "active_from", "active_to", "pace"]

    def filter_active(self, queryset, name, value):
        if name == "active_from":
            return active_between(queryset, start=value)
        return active_between(queryset, end=value)

    def filter_pace(self, queryset, name, value):
        if not value:
            return queryset
        behind = behind_pace_ids(queryset)
        return queryset.filter(pk__in=behind) if value == "behind" else queryset.exclude(pk__in=behind)
