"""招聘会统计: the job fairs' ledger, one row per fair with its five numbers (``federation.ledgers``)."""

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from federation.ledgers import Column, Ledger

from .choices import RegistrationStatus
from .filters import JobFairFilterSet
from .models import JobFair, JobPosition

APPROVED = Q(registrations__status=RegistrationStatus.APPROVED)


def with_figures(queryset):
    """Each fair's approved enterprises, positions, openings, intentions and hires."""
    positions = (
        JobPosition.objects.filter(registration__fair=OuterRef("pk"), registration__status=RegistrationStatus.APPROVED)
        .order_by()
        .values("registration__fair")
    )
    return queryset.annotate(
        n_enterprises=Count("registrations", filter=APPROVED),
        n_intentions=Coalesce(Sum("registrations__intentions", filter=APPROVED), 0),
        n_hires=Coalesce(Sum("registrations__hires", filter=APPROVED), 0),
        n_positions=Coalesce(Subquery(positions.annotate(n=Count("pk")).values("n")), 0),
        n_openings=Coalesce(Subquery(positions.annotate(n=Sum("headcount")).values("n")), 0),
    )


class JobFairLedger(Ledger):
    key = "services.jobfairs"
    title = _("Job fair statistics")
    permission = "services.view_jobfair"
    date_field = "held_on"
    district_field = ""  # a job fair has no district: a district's ledger lists every fair
    ordering = ("-held_on", "-id")
    filterset_class = JobFairFilterSet
    columns = (
        Column(_("Held on"), "held_on"),
        Column(_("Job fair"), "title"),
        Column(_("Venue"), "venue"),
        Column(_("Organiser"), "organiser"),
        Column(_("Campaign"), "campaign.name"),
        Column(_("Number of booths"), "booths"),
        Column(_("Status of the job fair"), "get_status_display"),
        Column(_("Enterprises at the fair"), "n_enterprises"),
        Column(_("Positions"), "n_positions"),
        Column(_("Openings"), "n_openings"),
        Column(_("Hiring intentions"), "n_intentions"),
        Column(_("Hires confirmed"), "n_hires"),
    )

    def get_queryset(self):
        return with_figures(JobFair.objects.select_related("campaign"))


JOBFAIR_LEDGER = JobFairLedger()
