"""Figures of policies for a period and district (the dashboard and the reports call these):

* 发布政策 ``policies.published``: policies first published in the period (for a district: those
  naming it or no district);
* 被浏览政策 ``policies.viewed``: of those, the ones viewed on the public site at least once;
* 政策推送 ``policies.informed``: enterprises told of a policy in the period (one per enterprise and
  policy; for a district: the enterprises in it).

Each count links to the list whose count it is (the staff policy list, the outreach records).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure

from .filters import applies_to_district_q
from .models import Policy, PolicyOutreach


def figures(start, end, district=None) -> list[Figure]:
    pk = getattr(district, "pk", district)
    policies = Policy.objects.filter(first_published_on__gte=start, first_published_on__lte=end)
    if pk:
        policies = policies.filter(applies_to_district_q(pk))
    counts = policies.aggregate(published=Count("pk"), viewed=Count("pk", filter=Q(view_count__gt=0)))
    outreach = PolicyOutreach.objects.filter(informed_on__gte=start, informed_on__lte=end)
    if pk:
        outreach = outreach.filter(enterprise__district=pk)
    period = {"published_from": start.isoformat(), "published_to": end.isoformat(), "district": pk}
    unit = pgettext("unit", "policies")
    return [
        Figure(
            "policies.published",
            _("Policies published"),
            counts["published"],
            unit,
            list_url("services:policy_list", **period),
        ),
        Figure(
            "policies.viewed",
            _("Published policies viewed"),
            counts["viewed"],
            unit,
            list_url("services:policy_list", **period, viewed="true"),
        ),
        Figure(
            "policies.informed",
            _("Enterprises informed of policies"),
            outreach.count(),
            pgettext("unit", "enterprise-times"),
            list_url(
                "services:policyoutreach_list",
                informed_from=start.isoformat(),
                informed_to=end.isoformat(),
                district=pk,
            ),
        ),
    ]
