"""The chambers app's ledger (商会统计表): one row per chamber with what the registry counts — type,
status, members, the last inspection, the rating in force, the next election. One definition for the
report centre and the monthly report's appendix (``federation.ledgers``)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.ledgers import Column, Ledger

from .models import AnnualInspection, Chamber, FourGoodRating, Membership


def _inspection(chamber, context):
    if not chamber.last_inspection_year:
        return ""
    label = dict(AnnualInspection._meta.get_field("result").choices).get(chamber.last_inspection_result, "")
    return f"{chamber.last_inspection_year} {label}"


def _rating(chamber, context):
    return dict(FourGoodRating._meta.get_field("level").choices).get(chamber.rating_level or "", "")


class ChamberLedger(Ledger):
    """商会统计表: the columns a federation reports upward; every figure computed in the one query."""

    key = "chambers.chambers"
    title = _("Chamber statistics")
    permission = "chambers.view_chamber"
    date_field = "registered_on"
    ordering = ("name",)
    columns = (
        Column(_("Name"), "name"),
        Column(_("Unified social credit code"), "uscc"),
        Column(_("Type"), "get_chamber_type_display"),
        Column(_("District / county"), "district.name"),
        Column(_("Status"), "get_status_display"),
        Column(_("Registered on"), "registered_on"),
        Column(_("Current members"), "active_members"),
        Column(_("Last annual inspection"), _inspection),
        Column(_("Four-Good rating in force"), _rating),
        Column(_("Next election due"), "next_election_due"),
        Column(_("Secretary-general"), "secretary_general"),
        Column(_("Office phone"), "office_phone"),
    )

    def get_queryset(self):
        today = timezone.localdate()
        chamber = OuterRef("pk")
        inspections = AnnualInspection.objects.filter(chamber=chamber).order_by("-year")
        ratings = (
            FourGoodRating.objects.filter(chamber=chamber, rated_on__lte=today, valid_until__gte=today)
            .exclude(level="")
            .order_by("-rated_on")
        )
        members = (
            Membership.objects.current(today)
            .filter(chamber=chamber)
            .order_by()
            .values("chamber")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return Chamber.objects.select_related("district").annotate(
            active_members=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            last_inspection_year=Subquery(inspections.values("year")[:1]),
            last_inspection_result=Subquery(inspections.values("result")[:1]),
            rating_level=Subquery(ratings.values("level")[:1]),
        )

    def restrict(self, queryset, user):
        return queryset.restrict(user)  # a chamber secretary gets their own chamber's row only


CHAMBER_LEDGER = ChamberLedger()
