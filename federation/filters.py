"""Filter sets of the core."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """A yes/no filter whose empty choice reads like every other select's (全部, see
    ``FILTERS_EMPTY_CHOICE_LABEL``), instead of django-filter's "Unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class CalendarDayFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date__year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=CalendarDay.Kind.choices, label=_("Kind"))

    class Meta:
        model = CalendarDay
        fields = ["year", "kind"]
