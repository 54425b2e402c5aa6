"""Filter set of the chamber list: the search box (``q``: name, short name or code) and the facets."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.models import Division
from federation.validators import normalize_uscc

from .choices import ChamberType, Status
from .figure_filters import ChamberFigureFilters
from .models import Chamber


class ChamberFilterSet(ChamberFigureFilters):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, short name or USCC"), "type": "search"}),
    )
    chamber_type = django_filters.ChoiceFilter(choices=ChamberType.choices, label=_("Type"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District"))

    class Meta:
        model = Chamber
        fields = ["q", "chamber_type", "status", "district"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(uscc=normalize_uscc(value))
        )
