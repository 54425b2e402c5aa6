"""Filters of the legal service pages; the figures (``services.legal.metrics``) link to these lists.
A consultation's district is its station's (a consultation by phone without a station has none)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput
from federation.models import Division

from ..followups import FollowUpFilter
from .choices import Channel, ConsultationKind, HostKind, StationStatus, Topic
from .models import Lawyer, LegalConsultation, LegalStation


def _counties():
    return Division.objects.counties()


class LegalStationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Station or host name"))
    status = django_filters.ChoiceFilter(choices=StationStatus.choices, label=_("station status"))
    host_kind = django_filters.ChoiceFilter(choices=HostKind.choices, label=_("host kind"))
    district = django_filters.ModelChoiceFilter(queryset=_counties(), label=_("District / county"))

    class Meta:
        model = LegalStation
        fields = ["q", "status", "host_kind", "district"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(host_name__icontains=value)
            | Q(host_chamber__name__icontains=value)
            | Q(host_enterprise__name__icontains=value)
        )


class LawyerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Name or law firm"))
    specialty = django_filters.ChoiceFilter(choices=Topic.choices, method="filter_specialty", label=_("specialties"))
    district = django_filters.ModelChoiceFilter(
        queryset=_counties(), method="filter_district", label=_("Serving a station in")
    )

    class Meta:
        model = Lawyer
        fields = ["q", "specialty", "district"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(law_firm__icontains=value)) if value else queryset

    def filter_specialty(self, queryset, name, value):
        return queryset.filter(specialties__contains=f",{value},") if value else queryset

    def filter_district(self, queryset, name, value):
        if not value:
            return queryset
        links = LegalStation.lawyers.through.objects.filter(lawyer=OuterRef("pk"), legalstation__district=value)
        return queryset.filter(Exists(links))


class LegalConsultationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Enterprise name"))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Consulted from"), widget=DateInput
    )
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Consulted to"), widget=DateInput)
    topic = django_filters.ChoiceFilter(choices=Topic.choices, label=_("legal topic"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("consultation channel"))
    station = django_filters.ModelChoiceFilter(queryset=LegalStation.objects.all(), label=_("station"))
    kind = django_filters.ChoiceFilter(choices=ConsultationKind.choices, label=_("consultation kind"))
    district = django_filters.ModelChoiceFilter(
        queryset=_counties(), field_name="station__district", label=_("District / county")
    )
    follow_up = FollowUpFilter()
    recorded_by = django_filters.NumberFilter(field_name="created_by", widget=forms.HiddenInput)

    class Meta:
        model = LegalConsultation
        fields = ["q", "date_from", "date_to", "topic", "channel", "station", "kind", "district", "follow_up"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(enterprise_name__icontains=value) if value else queryset


class ServedEnterpriseFilterSet(django_filters.FilterSet):
    """The enterprises served in a period (each once): the list behind ``legal.enterprises``."""

    date_from = django_filters.DateFilter(method="filter_period", label=_("Consulted from"), widget=DateInput)
    date_to = django_filters.DateFilter(method="filter_period", label=_("Consulted to"), widget=DateInput)
    district = django_filters.ModelChoiceFilter(queryset=_counties(), label=_("District / county"))

    class Meta:
        model = LegalConsultation.enterprise.field.related_model
        fields = ["date_from", "date_to", "district"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        served = served_q(data.get("date_from"), data.get("date_to"), data.get("district"))
        return queryset.filter(served)

    def filter_period(self, queryset, name, value):
        return queryset  # both dates are applied together in filter_queryset


def served_q(start=None, end=None, district=None):
    """An enterprise with a consultation in the period (at a station of ``district`` when given)."""
    rows = LegalConsultation.objects.filter(enterprise=OuterRef("pk"))
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    if district:
        rows = rows.filter(station__district=district)
    return Exists(rows)
