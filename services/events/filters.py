"""Filter set of the event list (also of the 活动台账 and of the figures' links)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chambers.models import Chamber
from federation.models import Division
from services.campaigns.models import Campaign

from .choices import EventType
from .models import Event, EventSeries

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, venue or speaker"), "type": "search"}),
    )
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held from"), **DATE)
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Held until"), **DATE)
    event_type = django_filters.ChoiceFilter(choices=EventType.choices, label=_("Type of event"))
    series = django_filters.ModelChoiceFilter(queryset=EventSeries.objects.all(), label=_("Event series"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    chamber = django_filters.ModelChoiceFilter(
        field_name="chambers", queryset=Chamber.objects.order_by("name"), label=_("Participating chamber")
    )
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District"))

    class Meta:
        model = Event
        fields = ["q", "held_from", "held_to", "event_type", "series", "campaign", "chamber", "district"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(venue__icontains=value) | Q(speakers__icontains=value))
