"""Filter sets of the core."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay


class CalendarDayFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date__year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=CalendarDay.Kind.choices, label=_("Kind"))

    class Meta:
        model = CalendarDay
        fields = ["year", "kind"]
