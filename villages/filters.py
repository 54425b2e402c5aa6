"""Filters of the programme's lists. Each list of the overview's figures narrows its rows by a scope
(period, district, township, start year) through ``villages.programme``, so a figure and its list
count the same rows."""

import django_filters
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput
from federation.models import Division

from . import programme
from .choices import PairingForm, PairingStatus, ProjectStatus, ProjectType
from .models import Pairing, PairingProject, Village


def _counties():
    return Division.objects.counties()


def _townships():
    return Division.objects.townships()


YES_NO = [("1", _("Yes")), ("0", _("No"))]


class ScopeFilterSet(django_filters.FilterSet):
    """The scope filters every figure list shares; ``scope_rows(scope)`` gives the scope's rows and
    ``scoped()`` says whether the request asks for them."""

    date_from = django_filters.DateFilter(method="keep", label=_("Period from"), widget=DateInput)
    date_to = django_filters.DateFilter(method="keep", label=_("Period to"), widget=DateInput)
    district = django_filters.ModelChoiceFilter(queryset=_counties(), method="keep", label=_("District / county"))
    township = django_filters.ModelChoiceFilter(queryset=_townships(), method="keep", label=_("township"))
    year = django_filters.NumberFilter(method="keep", label=_("start year"))

    def keep(self, queryset, name, value):
        return queryset  # applied together, as one scope, in filter_queryset

    def scope(self):
        data = self.form.cleaned_data
        return programme.Scope.of(
            data.get("date_from"), data.get("date_to"), data.get("district"), data.get("township"), data.get("year")
        )

    def scoped(self) -> bool:
        return True

    def scope_rows(self, scope):
        raise NotImplementedError

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.scoped():
            queryset = queryset.filter(pk__in=self.scope_rows(self.scope()).values("pk"))
        return queryset


class VillageFilterSet(ScopeFilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Village name"))
    is_key = django_filters.BooleanFilter(label=_("key village"))
    paired = django_filters.ChoiceFilter(choices=YES_NO, method="filter_paired", label=_("Paired in the period"))

    class Meta:
        model = Village
        fields = ["q", "district", "township", "is_key", "paired", "date_from", "date_to", "year"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset

    def filter_paired(self, queryset, name, value):
        if value == "0":
            return queryset.exclude(pk__in=programme.villages(self.scope()).values("pk"))
        return queryset

    def scoped(self):
        return self.form.cleaned_data.get("paired") == "1"

    def scope_rows(self, scope):
        return programme.villages(scope)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        if data.get("district"):
            queryset = queryset.filter(township__parent=data["district"])
        if data.get("township"):
            queryset = queryset.filter(township=data["township"])
        return super().filter_queryset(queryset)


class TownshipFilterSet(ScopeFilterSet):
    paired = django_filters.ChoiceFilter(choices=YES_NO, method="keep", label=_("Paired in the period"))

    class Meta:
        model = Division
        fields = ["district", "paired", "date_from", "date_to", "year"]

    def scoped(self):
        return self.form.cleaned_data.get("paired") == "1"

    def scope_rows(self, scope):
        return programme.townships(scope)

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("district"):
            queryset = queryset.filter(parent=self.form.cleaned_data["district"])
        return super().filter_queryset(queryset)


class PairedEnterpriseFilterSet(ScopeFilterSet):
    """The enterprises of the scope's pairings, each once (the list behind villages.enterprises)."""

    class Meta:
        model = programme.Pairing.enterprises.field.related_model
        fields = ["date_from", "date_to", "district", "township", "year"]

    def scope_rows(self, scope):
        return programme.enterprises(scope)


class PairingFilterSet(ScopeFilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Enterprise, chamber or village"))
    status = django_filters.ChoiceFilter(choices=PairingStatus.choices, label=_("pairing status"))
    form = django_filters.ChoiceFilter(choices=PairingForm.choices, label=_("pairing form"))
    batch = django_filters.CharFilter(label=_("batch"))
    started_from = django_filters.DateFilter(
        field_name="started_on", lookup_expr="gte", label=_("Paired from"), widget=DateInput
    )
    started_to = django_filters.DateFilter(
        field_name="started_on", lookup_expr="lte", label=_("Paired to"), widget=DateInput
    )
    enterprise = django_filters.NumberFilter(field_name="enterprises", label=_("enterprise"))

    class Meta:
        model = Pairing
        fields = ["q", "status", "form", "batch", "district", "township", "year", "date_from", "date_to"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset

    def scope_rows(self, scope):
        return programme.pairings(scope)


class PairingProjectFilterSet(ScopeFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("project name"))
    project_type = django_filters.ChoiceFilter(choices=ProjectType.choices, label=_("project type"))
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("project status"))
    is_typical = django_filters.BooleanFilter(label=_("typical project"))

    class Meta:
        model = PairingProject
        fields = ["q", "project_type", "status", "is_typical", "district", "township", "year", "date_from", "date_to"]

    def scope_rows(self, scope):
        return programme.projects(scope)
