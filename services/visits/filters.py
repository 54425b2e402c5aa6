"""Filters of the visit list (走访台账); the figures' lists use the same ones."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from federation.forms import DateInput
from federation.models import Division

from ..campaigns.models import Campaign
from ..followups import FollowUpFilter
from ..requests.filters import StaffFilter
from ..requests.forms import staff_members
from .choices import VisitMode
from .models import Visit


def visited_in(district):
    """Visits to an enterprise of ``district`` (a visit to two of its enterprises counted once)."""
    return Exists(Visit.enterprises.through.objects.filter(visit=OuterRef("pk"), enterprise__district=district))


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Enterprise (name or credit code)"))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Visited from"), widget=DateInput
    )
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Visited to"), widget=DateInput)
    form = django_filters.ChoiceFilter(choices=VisitMode.choices, label=_("Form of visit"))
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(), label=pgettext_lazy("visits", "Campaign")
    )
    staff = StaffFilter(queryset=staff_members(), method="filter_staff", label=_("Staff who went"))
    district = django_filters.ModelChoiceFilter(
        queryset=Division.objects.counties(), method="filter_district", label=_("District / county")
    )
    follow_up = FollowUpFilter()

    class Meta:
        model = Visit
        fields = ["q", "date_from", "date_to", "form", "campaign", "staff", "district", "follow_up"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["staff"].queryset = staff_members()

    def filter_q(self, queryset, name, value):
        from enterprises.models import Enterprise
        from enterprises.search import search_enterprises

        value = value.strip()
        if not value:
            return queryset
        found = search_enterprises(Enterprise.objects.all(), value).values("pk")
        return queryset.filter(
            Exists(Visit.enterprises.through.objects.filter(visit=OuterRef("pk"), enterprise__in=found))
        )

    def filter_staff(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Visit.staff.through.objects.filter(visit=OuterRef("pk"), user=value)))

    def filter_district(self, queryset, name, value):
        return queryset.filter(visited_in(value)) if value else queryset


class VisitedEnterpriseFilterSet(django_filters.FilterSet):
    """The enterprises visited in a period, of a district: the list behind ``visits.enterprises``."""

    date_from = django_filters.DateFilter(method="filter_period", label=_("Visited from"), widget=DateInput)
    date_to = django_filters.DateFilter(method="filter_period", label=_("Visited to"), widget=DateInput)
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District / county"))

    class Meta:
        model = Visit.enterprises.field.related_model
        fields = ["date_from", "date_to", "district"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            links = Visit.enterprises.through.objects.filter(enterprise=OuterRef("pk"))
            if start:
                links = links.filter(visit__date__gte=start)
            if end:
                links = links.filter(visit__date__lte=end)
            queryset = queryset.filter(Exists(links))
        if data.get("district"):
            queryset = queryset.filter(district=data["district"])
        return queryset

    def filter_period(self, queryset, name, value):
        return queryset  # both dates are applied together in filter_queryset
