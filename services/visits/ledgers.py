"""走访台账: the visit ledger's one definition (the list's export, the report centre, reports)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from federation.ledgers import Column, Ledger

from .filters import VisitFilterSet, visited_in
from .models import Visit


def _names(attr, label):
    def read(visit, context):
        return "、".join(label(o) for o in getattr(visit, attr).all())

    return read


def _uscc(visit, context):
    return "、".join(e.uscc or "" for e in visit.enterprises.all())


def _districts(visit, context):
    return "、".join(dict.fromkeys(str(e.district) for e in visit.enterprises.all() if e.district))


def _requests(visit, context):
    return "、".join(f"{r.code}（{r.get_status_display()}）" for r in visit.requests.all())


class VisitLedger(Ledger):
    """走访台账: one row per visit, its enterprises and staff joined, the requests it produced."""

    key = "services.visits"
    title = _("Visit ledger")
    permission = "services.view_visit"
    date_field = "date"
    # A visit belongs to the districts of its enterprises, not one: the list's district filter
    # (an enterprise of that district was visited) narrows it instead.
    district_field = ""
    ordering = ("-date", "-id")
    filterset_class = VisitFilterSet
    columns = (
        Column(_("Visit date"), "date"),
        Column(_("Form of visit"), "get_form_display"),
        Column(pgettext_lazy("visit", "Enterprises visited"), _names("enterprises", lambda e: e.name)),
        Column(_("Unified social credit code"), _uscc),
        Column(_("District / county"), _districts),
        Column(_("Staff who went"), _names("staff", lambda u: u.get_full_name() or u.username)),
        Column(_("Campaign"), "campaign.name"),
        Column(_("Place"), "place"),
        Column(_("Summary of the visit"), "summary"),
        Column(pgettext_lazy("visit", "Problems raised"), "problems"),
        Column(_("Requests raised"), _requests),
        Column(_("Follow up by"), "follow_up_on"),
        Column(_("Followed up on"), "followed_up_on"),
    )

    def queryset(self, user, filters=None, start=None, end=None, district=None):
        queryset = super().queryset(user, filters, start, end)
        return queryset.filter(visited_in(getattr(district, "pk", district))) if district else queryset

    def get_queryset(self):
        return Visit.objects.select_related("campaign").prefetch_related("enterprises__district", "staff", "requests")


VISIT_LEDGER = VisitLedger()
