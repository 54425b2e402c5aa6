"""Figures of the job fairs (``jobfairs.*``) over a period: the fairs held in it and, over their
approved registrations, enterprises, positions, openings (sum of headcounts), hiring intentions and
hires confirmed. The two counts link to lists of that length; the sums (typed as Decimal, not row
counts) link to the registrations they add up. Fairs are city-wide: a district gets none."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure

from .choices import FairStatus, RegistrationStatus
from .models import JobFair, JobPosition, JobRegistration


def figures(start, end, district=None) -> list[Figure]:
    if district is not None:
        return []
    period = {"held_from": start.isoformat(), "held_to": end.isoformat()}
    fairs = JobFair.objects.filter(status=FairStatus.HELD, held_on__gte=start, held_on__lte=end)
    regs = JobRegistration.objects.filter(
        fair__status=FairStatus.HELD,
        fair__held_on__gte=start,
        fair__held_on__lte=end,
        status=RegistrationStatus.APPROVED,
    )
    n = regs.aggregate(enterprises=Count("pk"), intentions=Sum("intentions"), hires=Sum("hires"))
    p = JobPosition.objects.filter(registration__in=regs).aggregate(positions=Count("pk"), openings=Sum("headcount"))
    fair_url = list_url("services:jobfair_list", {"status": FairStatus.HELD, **period})
    reg_url = list_url(
        "services:jobregistration_list",
        {"status": RegistrationStatus.APPROVED, "fair_status": FairStatus.HELD, **period},
    )
    dec = lambda v: Decimal(v or 0)  # noqa: E731
    return [
        Figure("jobfairs.fairs", _("Job fairs held"), fairs.count(), pgettext("unit", "job fairs"), fair_url),
        Figure(
            "jobfairs.enterprises",
            _("Job fairs: enterprises"),
            n["enterprises"],
            pgettext("unit", "enterprises"),
            reg_url,
        ),
        Figure(
            "jobfairs.positions", _("Job fairs: positions"), dec(p["positions"]), pgettext("unit", "positions"), reg_url
        ),
        Figure("jobfairs.openings", _("Job fairs: openings"), dec(p["openings"]), pgettext("unit", "people"), reg_url),
        Figure(
            "jobfairs.intentions",
            _("Job fairs: hiring intentions"),
            dec(n["intentions"]),
            pgettext("unit", "people"),
            reg_url,
        ),
        Figure("jobfairs.hires", _("Job fairs: hires confirmed"), dec(n["hires"]), pgettext("unit", "people"), reg_url),
    ]
