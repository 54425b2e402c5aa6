"""Filters of the policy pages: the public list, the staff list, a policy's enterprises and the
outreach records. The figures (``services.policies.metrics``) link to these lists."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.choices import Scale
from enterprises.models import Enterprise
from enterprises.search import search_enterprises
from federation.filters import YesNoWidget
from federation.forms import DateInput
from federation.models import Division

from ..campaigns.models import Campaign
from .choices import Category, Channel, Level, Status, Validity
from .models import Policy, PolicyOutreach


def _search_policies(queryset, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(Q(title__icontains=value) | Q(document_number__icontains=value))


class PublicPolicyFilterSet(django_filters.FilterSet):
    """The public list: title or document number, level, category, in force or expired."""

    q = django_filters.CharFilter(method="filter_q", label=_("Title or document number"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Policy level"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Policy category"))
    validity = django_filters.ChoiceFilter(choices=Validity.choices, method="filter_validity", label=_("Validity"))

    class Meta:
        model = Policy
        fields = ["q", "level", "category", "validity"]

    def filter_q(self, queryset, name, value):
        return _search_policies(queryset, value)

    def filter_validity(self, queryset, name, value):
        today = timezone.localdate()
        if value == Validity.CURRENT:
            return queryset & Policy.objects.in_force(today)
        if value == Validity.EXPIRED:
            return queryset.filter(valid_until__lt=today)
        return queryset


def applies_to_district_q(district) -> Q:
    """Policies for a district: those naming it, and those naming no district (any)."""
    pk = getattr(district, "pk", district)
    named = Policy.districts.through.objects.filter(policy_id=OuterRef("pk"))
    return ~Q(Exists(named)) | Q(Exists(named.filter(division_id=pk)))


class PolicyFilterSet(django_filters.FilterSet):
    """The staff list; ``published_from``/``published_to``/``district``/``viewed`` are what the figures
    count (first published in a period, for a district, viewed at least once)."""

    q = django_filters.CharFilter(method="filter_q", label=_("Title or document number"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Policy level"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Policy category"))
    district = django_filters.ModelChoiceFilter(
        queryset=Division.objects.counties(), method="filter_district", label=_("Applies to district")
    )
    published_from = django_filters.DateFilter(
        field_name="first_published_on", lookup_expr="gte", label=_("First published from"), widget=DateInput
    )
    published_to = django_filters.DateFilter(
        field_name="first_published_on", lookup_expr="lte", label=_("First published to"), widget=DateInput
    )
    viewed = django_filters.BooleanFilter(method="filter_viewed", label=_("Viewed"), widget=YesNoWidget)

    class Meta:
        model = Policy
        fields = ["q", "status", "level", "category", "district", "published_from", "published_to", "viewed"]

    def filter_q(self, queryset, name, value):
        return _search_policies(queryset, value)

    def filter_district(self, queryset, name, value):
        return queryset.filter(applies_to_district_q(value)) if value else queryset

    def filter_viewed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(view_count__gt=0) if value else queryset.filter(view_count=0)


class TargetFilterSet(django_filters.FilterSet):
    """A policy's enterprises: search, district, scale, told or not yet."""

    q = django_filters.CharFilter(method="filter_q", label=_("Name or credit code"))
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.counties(), label=_("District / county"))
    scale = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Scale"))
    informed = django_filters.BooleanFilter(method="filter_informed", label=_("Informed"), widget=YesNoWidget)

    class Meta:
        model = Enterprise
        fields = ["q", "district", "scale", "informed"]

    def __init__(self, *args, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy

    def filter_q(self, queryset, name, value):
        return search_enterprises(queryset, value)

    def filter_informed(self, queryset, name, value):
        if value is None or self.policy is None:
            return queryset
        told = Exists(PolicyOutreach.objects.filter(policy=self.policy, enterprise=OuterRef("pk")))
        return queryset.filter(told) if value else queryset.exclude(told)


class OutreachFilterSet(django_filters.FilterSet):
    """Outreach records (政策推送记录); ``informed_from``/``informed_to``/``district`` are what the
    reach figure counts."""

    policy = django_filters.ModelChoiceFilter(queryset=Policy.objects.all(), label=_("Policy"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    district = django_filters.ModelChoiceFilter(
        field_name="enterprise__district", queryset=Division.objects.counties(), label=_("District / county")
    )
    informed_from = django_filters.DateFilter(
        field_name="informed_on", lookup_expr="gte", label=_("Informed from"), widget=DateInput
    )
    informed_to = django_filters.DateFilter(
        field_name="informed_on", lookup_expr="lte", label=_("Informed to"), widget=DateInput
    )

    class Meta:
        model = PolicyOutreach
        fields = ["policy", "campaign", "channel", "district", "informed_from", "informed_to"]
