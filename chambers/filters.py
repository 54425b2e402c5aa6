"""Filter set of the chamber list: the search box (``q``: name, short name or code) and the facets."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.models import Division
from federation.validators import normalize_uscc

from .choices import ChamberType, MemberRole, Status
from .figure_filters import ChamberFigureFilters
from .models import Chamber, Membership


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


def chambers_for(request):
    """The chambers a filter offers: those the person may reach (a secretary's own), so a choice list
    never names the chambers a secretary may not see."""
    chambers = Chamber.objects.only("pk", "name")
    return chambers.restrict(request.user) if request is not None else chambers.none()


class MembershipFilterSet(django_filters.FilterSet):
    """The members' list: search by enterprise or chamber, the chamber's facets, the role, and the
    memberships in force on a date (``current_on``: what the members figure counts)."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Enterprise or chamber"), "type": "search"}),
    )
    chamber = django_filters.ModelChoiceFilter(queryset=chambers_for, label=_("Chamber"))
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Role in the chamber"))
    district = django_filters.ModelChoiceFilter(
        field_name="chamber__district", queryset=Division.objects.counties(), label=_("District")
    )
    chamber_status = django_filters.ChoiceFilter(
        field_name="chamber__status", choices=Status.choices, label=_("Chamber status")
    )
    current_on = django_filters.DateFilter(
        method="in_force", label=_("In force on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Membership
        fields = ["q", "chamber", "role", "district", "chamber_status", "current_on"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(chamber__name__icontains=value))

    def in_force(self, queryset, name, value):
        return queryset.current(value)
