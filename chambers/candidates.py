"""The dormant-chamber rules (清理整顿): which chambers look dormant and which rules each meets.

The figures the rules read are computed in one query over the chambers (a subquery each, no query
per chamber; the current members in one grouped query beside it) and judged in Python with the
thresholds of ``CandidateRules.current()``. A chamber with a "checked, not dormant" decision
still in force is listed apart ("checked, holds until …"); once it expires it is judged again."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateField, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.links import url_maker

from . import activity
from .choices import EventKind, InspectionResult, Status
from .models import AnnualInspection, CandidateRules, Chamber, ChamberEvent, DormancyCheck, Membership

# The rules, in the order the page shows them: key → label.
RULES = {
    "inactive": _("No recorded activity"),
    "inspection": _("Annual inspection missing or failed"),
    "election": _("Election overdue"),
    "unreachable": _("Unreachable"),
    "few_members": _("Too few active members"),
}


@dataclass
class ChamberFigures:
    """What the candidates page shows of a chamber and the figures its rules read (``annotate``): plain
    values, not a model instance (building 2,000 instances cost as much as the query that finds them)."""

    pk: int
    name: str
    status: str
    registered_on: datetime.date | None
    next_election_due: datetime.date | None
    district_name: str | None
    last_activity: datetime.date | None
    recent_failures: int
    good_inspections: int
    holds_until: datetime.date | None
    active_members: int = 0

    url: str = ""  # the chamber's page, and the "checked, not dormant" form's address
    check_url: str = ""

    @property
    def status_label(self):
        return Status(self.status).label


@dataclass
class Candidate:
    """A chamber and the rules it meets; ``holds_until`` is the date a "checked, not dormant" decision holds until."""

    chamber: ChamberFigures
    rules: list = field(default_factory=list)
    holds_until: datetime.date | None = None

    @property
    def labels(self):
        return [RULES[key] for key in self.rules]


NEVER = Value(datetime.date(1900, 1, 1), output_field=DateField())  # "no date": stands for NULL inside GREATEST


def months_before(on: datetime.date, months: int) -> datetime.date:
    """``on`` moved back by ``months`` calendar months (the last day of the month when it is shorter)."""
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    day = on.day
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


def _count(qs):
    """A correlated COUNT subquery of ``qs`` (already filtered on ``chamber=OuterRef('pk')``)."""
    return Coalesce(
        Subquery(qs.order_by().values("chamber").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


def _last(qs, field_name):
    return Subquery(
        qs.order_by().values("chamber").annotate(last=Max(field_name)).values("last")[:1], output_field=DateField()
    )


def current_members(queryset, on: datetime.date) -> dict[int, int]:
    """Current members per chamber of ``queryset``, in one grouped query: three times faster than a
    correlated count per chamber (13 ms against 40 ms for 2,000 chambers and 100,000 memberships), and
    faster than asking per chamber whether its N-th membership exists (the OR of the "current"
    condition makes PostgreSQL read all of a chamber's memberships either way)."""
    members = Membership.objects.current(on).filter(chamber__in=queryset.values("pk"))
    return dict(members.order_by().values_list("chamber").annotate(n=Count("pk")))


def annotate(queryset, rules: CandidateRules, on: datetime.date):
    """``queryset`` of chambers with the figures the rules read: ``last_activity`` (the newest activity
    recorded here or by a registered source (``chambers.activity``), or inspection, or the registration
    when none), ``recent_failures`` (failed contact attempts in the window),
    ``good_inspections`` (passed in the last N years), ``holds_until``."""
    chamber = OuterRef("pk")
    window_start = months_before(on, rules.inactive_months)
    first_year = on.year - rules.failed_inspection_years  # the inspection of year Y is held in Y + 1
    return queryset.annotate(
        # Each part through Coalesce: SQLite's (and MySQL's) GREATEST is NULL when any part is NULL,
        # which on the embedded default called every chamber without an activity row inactive.
        last_activity=Greatest(
            Coalesce(
                _last(ChamberEvent.objects.filter(chamber=chamber, kind=EventKind.ACTIVITY), "occurred_on"), NEVER
            ),
            Coalesce(_last(AnnualInspection.objects.filter(chamber=chamber), "inspected_on"), NEVER),
            # Events, legal consultations...: what the apps above chambers register.
            *(Coalesce(source, NEVER) for source in activity.newest(chamber)),
            # A chamber registered inside the window has had no time to be inactive.
            Coalesce("registered_on", NEVER),
        ),
        recent_failures=_count(
            ChamberEvent.objects.filter(
                chamber=chamber, kind=EventKind.CONTACT_FAILED, occurred_on__gte=window_start, occurred_on__lte=on
            )
        ),
        good_inspections=_count(
            AnnualInspection.objects.filter(chamber=chamber, year__gte=first_year, year__lt=on.year).exclude(
                result=InspectionResult.FAILED
            )
        ),
        holds_until=_last(DormancyCheck.objects.filter(chamber=chamber, expires_on__gte=on), "expires_on"),
    )


def rules_met(chamber, rules: CandidateRules, on: datetime.date) -> list[str]:
    """The keys of the rules an annotated chamber (``annotate``) meets on ``on``, in ``RULES`` order.

    Judged in Python on the fetched figures: the database computes each figure once, where filtering
    on them in SQL would compute every subquery again for the WHERE clause."""
    met = []
    if chamber.last_activity is None or chamber.last_activity < months_before(on, rules.inactive_months):
        met.append("inactive")
    years = rules.failed_inspection_years
    # A threshold of 0 turns the rule off; only years the chamber existed in count.
    existed = chamber.registered_on is None or chamber.registered_on < datetime.date(on.year - years, 1, 1)
    if years and chamber.good_inspections == 0 and existed:
        met.append("inspection")
    if chamber.next_election_due is not None and chamber.next_election_due < on:
        met.append("election")
    if rules.contact_failures and chamber.recent_failures >= rules.contact_failures:
        met.append("unreachable")
    if chamber.active_members < rules.min_active_members:
        met.append("few_members")
    return met


# The columns the page shows (in ``ChamberFigures``' order); the rest of a chamber is not fetched.
FIELDS = ("pk", "name", "status", "registered_on", "next_election_due", "district__name")
FIGURES = ("last_activity", "recent_failures", "good_inspections", "holds_until")


def candidates(queryset=None, *, rules=None, on=None) -> tuple[list[Candidate], list[Candidate]]:
    """The clean-up candidates and the chambers checked and held (each a list of ``Candidate``), in
    one query: chambers not deregistered that meet at least one rule. ``queryset`` narrows the chambers
    (e.g. a user's restriction); their current members in a second, grouped query."""
    on = on or timezone.localdate()
    rules = rules or CandidateRules.current()
    queryset = Chamber.objects.all() if queryset is None else queryset
    queryset = queryset.exclude(status=Status.DEREGISTERED)
    members = current_members(queryset, on)
    rows = annotate(queryset, rules, on).order_by("name").values_list(*FIELDS, *FIGURES)
    page_url, check_url = url_maker("chambers:chamber_detail"), url_maker("chambers:dormancycheck_add")
    open_, held = [], []
    for row in rows:
        chamber = ChamberFigures(*row)
        chamber.active_members = members.get(chamber.pk, 0)
        chamber.url, chamber.check_url = page_url(chamber.pk), check_url(chamber.pk)
        if chamber.last_activity == NEVER.value:
            chamber.last_activity = None
        met = rules_met(chamber, rules, on)
        if met:
            candidate = Candidate(chamber, met, chamber.holds_until)
            (held if candidate.holds_until else open_).append(candidate)
    return open_, held
