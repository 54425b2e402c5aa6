"""The chamber list's filters behind the figures (``chambers.metrics``): a mixin the list's filter set
inherits, so each figure's link opens exactly the chambers it counts.

Kept apart from the list's own facets (type, status, district) so the two grow without clashing."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .choices import EventKind, InspectionResult, KeyAreaKind, Status
from .models import AnnualInspection, ChamberEvent, FourGoodRating, KeyArea

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
# Left 僵尸 (清理整顿): deregistered, or restored to 正常.
DEALT = {"deregistered": Status.DEREGISTERED, "restored": Status.ACTIVE}
PASSING = [InspectionResult.PASSED, InspectionResult.BASIC]


class ChamberFigureFilters(django_filters.FilterSet):
    """Period filters of the figures: dealt with (left dormant), registered, inspected, rating in force."""

    dealt_from = django_filters.DateFilter(method="noop", label=_("Left dormant from"), **DATE)
    dealt_to = django_filters.DateFilter(method="noop", label=_("Left dormant until"), **DATE)
    dealt_as = django_filters.ChoiceFilter(
        method="noop",
        label=_("Left dormant by"),
        choices=[("deregistered", _("Deregistered")), ("restored", _("Restored to active"))],
    )
    registered_from = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="gte", label=_("Registered from"), **DATE
    )
    registered_to = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="lte", label=_("Registered until"), **DATE
    )
    inspected_from = django_filters.DateFilter(method="noop", label=_("Inspected from"), **DATE)
    inspected_to = django_filters.DateFilter(method="noop", label=_("Inspected until"), **DATE)
    inspection_passed = django_filters.BooleanFilter(method="noop", label=_("Inspection passed"))
    rating_in_force_on = django_filters.DateFilter(method="rating_in_force", label=_("Rating in force on"), **DATE)
    covers_kind = django_filters.ChoiceFilter(
        method="covering", choices=KeyAreaKind.choices, label=_("Covers a key area of the kind")
    )

    def noop(self, queryset, name, value):
        return queryset  # read together in ``filter_queryset``: a range is one condition, not two

    def covering(self, queryset, name, value):
        return queryset.filter(Exists(KeyArea.objects.filter(kind=value, chambers=OuterRef("pk"))))

    def rating_in_force(self, queryset, name, value):
        ratings = FourGoodRating.objects.filter(
            chamber=OuterRef("pk"), rated_on__lte=value, valid_until__gte=value
        ).exclude(level="")
        return queryset.filter(Exists(ratings))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("dealt_from") or data.get("dealt_to") or data.get("dealt_as"):
            to = [DEALT[data["dealt_as"]]] if data.get("dealt_as") else list(DEALT.values())
            queryset = queryset.filter(
                Exists(_in_range(dealt_events(), "occurred_on", data).filter(chamber=OuterRef("pk"), to_status__in=to))
            )
        if data.get("inspected_from") or data.get("inspected_to") or data.get("inspection_passed") is not None:
            inspections = _in_range(AnnualInspection.objects.all(), "inspected_on", data, "inspected")
            if data.get("inspection_passed") is not None:
                passing = Q(result__in=PASSING)
                inspections = inspections.filter(passing if data["inspection_passed"] else ~passing)
            queryset = queryset.filter(Exists(inspections.filter(chamber=OuterRef("pk"))))
        return queryset


def dealt_events():
    """The status changes that took a chamber out of 僵尸."""
    return ChamberEvent.objects.filter(
        kind=EventKind.STATUS, from_status=Status.DORMANT, to_status__in=list(DEALT.values())
    )


def _in_range(queryset, field, data, prefix="dealt"):
    if data.get(f"{prefix}_from"):
        queryset = queryset.filter(**{f"{field}__gte": data[f"{prefix}_from"]})
    if data.get(f"{prefix}_to"):
        queryset = queryset.filter(**{f"{field}__lte": data[f"{prefix}_to"]})
    return queryset
