"""Filter sets of the fair list (also of the 招聘会统计) and of the registrations the figures open."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from services.campaigns.models import Campaign

from .choices import FairStatus, RegistrationStatus
from .models import JobFair, JobRegistration

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class JobFairFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title or venue"), "type": "search"}),
    )
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held from"), **DATE)
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Held until"), **DATE)
    status = django_filters.ChoiceFilter(choices=FairStatus.choices, label=_("Status of the job fair"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))

    class Meta:
        model = JobFair
        fields = ["q", "held_from", "held_to", "status", "campaign"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(venue__icontains=value))


class JobRegistrationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Enterprise name or code"), "type": "search"}),
    )
    fair = django_filters.ModelChoiceFilter(queryset=JobFair.objects.all(), label=_("Job fair"))
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Status of the registration"))
    fair_status = django_filters.ChoiceFilter(
        field_name="fair__status", choices=FairStatus.choices, label=_("Status of the job fair")
    )
    held_from = django_filters.DateFilter(field_name="fair__held_on", lookup_expr="gte", label=_("Held from"), **DATE)
    held_to = django_filters.DateFilter(field_name="fair__held_on", lookup_expr="lte", label=_("Held until"), **DATE)

    class Meta:
        model = JobRegistration
        fields = ["q", "fair", "status", "fair_status", "held_from", "held_to"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(enterprise_name__icontains=value) | Q(uscc__icontains=value.upper()))
