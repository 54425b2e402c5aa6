"""Filter set of the enterprise list: the search box (``q``) and one filter per facet."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from federation.filters import YesNoWidget
from federation.forms import DateInput
from federation.models import Division, Industry

from .choices import Cluster, EntityType, RegistryStatus, Scale
from .models import Enterprise
from .search import search_enterprises


class EnterpriseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, USCC or legal representative"), "type": "search"}),
    )
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District"))
    industry_section = django_filters.ModelChoiceFilter(
        queryset=Industry.objects.filter(level=Industry.Level.SECTION), label=_("Industry section")
    )
    cluster = django_filters.ChoiceFilter(choices=Cluster.choices, label=_("Key industry cluster"))
    entity_type = django_filters.ChoiceFilter(choices=EntityType.choices, label=_("Entity type"))
    scale = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Scale"))
    is_member = django_filters.BooleanFilter(label=_("Federation member"), widget=YesNoWidget)
    registry_status = django_filters.ChoiceFilter(choices=RegistryStatus.choices, label=_("Registry status"))
    # Records added in a period: the list behind the "new records" figure (enterprises.metrics).
    created_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Added from"), widget=DateInput
    )
    created_to = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Added to"), widget=DateInput
    )

    class Meta:
        model = Enterprise
        fields = [
            "q",
            "district",
            "industry_section",
            "cluster",
            "entity_type",
            "scale",
            "is_member",
            "registry_status",
            "created_from",
            "created_to",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bootstrap widgets, rendered by hand in the list template (crispy's per-field
        # templates cost several milliseconds per page on a list that must answer in 60 ms).
        for field in self.form.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def search(self, queryset, name, value):
        return search_enterprises(queryset, value)
