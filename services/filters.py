"""Filters of the staff inbox."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.filters import YesNoWidget
from federation.models import Division

from . import lights
from .choices import OPEN, Category, Light, Source, Status
from .forms import StaffChoiceField, staff_members
from .models import ServiceRequest


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


class ServiceRequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District / county"))
    assignee = StaffFilter(queryset=get_user_model().objects.none(), label=_("Assignee"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"), widget=YesNoWidget)
    light = django_filters.ChoiceFilter(choices=Light.choices, method="filter_light", label=_("Traffic light"))
    escalated = django_filters.BooleanFilter(label=_("Raised to leadership"), widget=YesNoWidget)

    class Meta:
        model = ServiceRequest
        fields = ["q", "status", "category", "district", "assignee", "source", "overdue", "light", "escalated"]

    def __init__(self, *args, thresholds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thresholds = thresholds or lights.thresholds()
        self.filters["assignee"].queryset = staff_members()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__iexact=value.replace(" ", "")) | Q(title__icontains=value) | Q(enterprise_name__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = lights.light_q(Light.RED, self.thresholds)
        return queryset.filter(overdue) if value else queryset.exclude(overdue & Q(status__in=OPEN))

    def filter_light(self, queryset, name, value):
        return queryset.filter(lights.light_q(value, self.thresholds)) if value else queryset
