"""Filters of the staff inbox."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.filters import YesNoWidget
from federation.forms import DateInput
from federation.models import Division

from . import lights, metrics
from .choices import OPEN, Category, Light, Source, Status
from .forms import StaffChoiceField, staff_members
from .models import ServiceRequest

RESPONSE_CHOICES = [
    ("on_time", _("Responded on time")),
    ("late", _("Responded late or still awaiting past the date")),
    ("counted", _("Counted in the response rate")),
]
RESOLUTION_CHOICES = [
    ("resolved", _("Resolved")),
    ("on_time", _("Resolved on time")),
    ("late", _("Resolved late or open past the date")),
    ("overdue", _("Open past the resolve-by date")),
    ("counted", _("Counted in the on-time resolution rate")),
]
RATED_CHOICES = [("any", _("Rated")), ("satisfied", _("Satisfied or fairly satisfied"))]


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
    from_visit = django_filters.BooleanFilter(
        field_name="visit", lookup_expr="isnull", exclude=True, label=_("Raised on a visit"), widget=YesNoWidget
    )
    # The groups the request figures count (services.metrics), so every figure links to its list.
    received_from = django_filters.DateFilter(method="filter_received", label=_("Received from"), widget=DateInput)
    received_to = django_filters.DateFilter(method="filter_received", label=_("Received to"), widget=DateInput)
    accepted = django_filters.BooleanFilter(
        field_name="accepted_at", lookup_expr="isnull", exclude=True, label=_("Accepted"), widget=YesNoWidget
    )
    response = django_filters.ChoiceFilter(
        choices=RESPONSE_CHOICES, method="filter_response", label=_("Response (by the accept-by date)")
    )
    resolution = django_filters.ChoiceFilter(
        choices=RESOLUTION_CHOICES, method="filter_resolution", label=_("Resolution (by the resolve-by date)")
    )
    rated = django_filters.ChoiceFilter(choices=RATED_CHOICES, method="filter_rated", label=_("Rating"))

    class Meta:
        model = ServiceRequest
        fields = [
            "q",
            "status",
            "category",
            "district",
            "assignee",
            "source",
            "overdue",
            "light",
            "escalated",
            "from_visit",
            "received_from",
            "received_to",
            "accepted",
            "response",
            "resolution",
            "rated",
        ]

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

    def filter_received(self, queryset, name, value):
        # The same local-day bounds as the figures' cohort (services.requests.metrics.cohort).
        if not value:
            return queryset
        begin, finish = metrics.day_bounds(value, value)
        return (
            queryset.filter(received_at__gte=begin)
            if name == "received_from"
            else queryset.filter(received_at__lt=finish)
        )

    def filter_response(self, queryset, name, value):
        today = self.thresholds.today
        groups = {
            "on_time": metrics.responded_on_time_q(),
            "late": metrics.responded_late_q(today),
            "counted": metrics.responded_on_time_q() | metrics.responded_late_q(today),
        }
        return queryset.filter(groups[value]) if value in groups else queryset

    def filter_resolution(self, queryset, name, value):
        today = self.thresholds.today
        groups = {
            "resolved": metrics.resolved_q(),
            "on_time": metrics.resolved_on_time_q(),
            "late": metrics.resolved_late_q(today),
            "overdue": metrics.overdue_open_q(today),
            "counted": metrics.resolved_q() | metrics.overdue_open_q(today),
        }
        return queryset.filter(groups[value]) if value in groups else queryset

    def filter_rated(self, queryset, name, value):
        if value == "satisfied":
            return queryset.filter(metrics.satisfied_q())
        return queryset.exclude(rating="") if value == "any" else queryset
