"""The programme's arithmetic (百企兴百村): which pairings, enterprises, villages and projects a scope
covers, and their sums — the one place the overview, the figures, the lists behind them and the
targets count from, so none of them disagree.

A scope is a period (``start``–``end``, either open), optionally a district, a township and a
pairing start year. Decisions:

* A pairing is *in* a period when it started by the period's end (its agreement date, else 1 January
  of its start year) and was not completed or terminated before the period's start.
* Geography is the village's: in a district (township) scope only the villages there count, the
  enterprises and chambers of pairings with a village there, and the projects in a village there.
* Each is counted once: an enterprise in several pairings once, a village paired twice once; a
  project's money once, whatever the number of its pairing's partners or villages.
* A project's money and jobs are *cumulative to the period's end*: the latest progress report of a
  quarter ending by then, else — before any report — the project's own actual figures (what was
  entered or imported from the old ledger). Projects count when they started by the period's end.
* New pairings are those that started in the period (whatever their status now).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Pairing, PairingProject, ProgressReport, Village

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Scope:
    start: datetime.date | None = None
    end: datetime.date | None = None
    district: int | None = None  # a Division pk
    township: int | None = None
    year: int | None = None  # the pairings' start year

    @classmethod
    def of(cls, start=None, end=None, district=None, township=None, year=None):
        return cls(
            start, end, getattr(district, "pk", district) or None, getattr(township, "pk", township) or None, year
        )

    def village_q(self, prefix="") -> Q:
        """The villages of the scope's place."""
        q = Q()
        if self.district:
            q &= Q(**{f"{prefix}township__parent": self.district})
        if self.township:
            q &= Q(**{f"{prefix}township": self.township})
        return q

    @property
    def has_place(self) -> bool:
        return bool(self.district or self.township)


def pairings_in_period(scope: Scope):
    """Pairings in the scope's period and start year, wherever their villages are."""
    rows = Pairing.objects.all()
    if scope.end:
        rows = rows.filter(started_on__lte=scope.end)
    if scope.start:
        rows = rows.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
    if scope.year:
        rows = rows.filter(start_year=scope.year)
    return rows


def _links(scope: Scope):
    """Pairing–village links of the scope: pairings in the period, villages in the place."""
    links = Pairing.villages.through.objects.filter(pairing__in=pairings_in_period(scope))
    return links.filter(scope.village_q("village__")) if scope.has_place else links


def pairings(scope: Scope):
    """Pairings of the scope (with a village in its place)."""
    rows = pairings_in_period(scope)
    if scope.has_place:
        rows = rows.filter(Exists(_links(scope).filter(pairing=OuterRef("pk"))))
    return rows


def new_pairings(scope: Scope):
    rows = Pairing.objects.all()
    if scope.start:
        rows = rows.filter(started_on__gte=scope.start)
    if scope.end:
        rows = rows.filter(started_on__lte=scope.end)
    if scope.year:
        rows = rows.filter(start_year=scope.year)
    if scope.has_place:
        links = Pairing.villages.through.objects.filter(scope.village_q("village__"))
        rows = rows.filter(Exists(links.filter(pairing=OuterRef("pk"))))
    return rows


def villages(scope: Scope, key_only=False):
    """Villages paired in the scope, each once."""
    rows = Village.objects.filter(Exists(_links(scope).filter(village=OuterRef("pk"))))
    return rows.filter(is_key=True) if key_only else rows


def townships(scope: Scope):
    """Townships with a village paired in the scope."""
    from federation.models import Division

    return Division.objects.filter(Exists(villages(scope).filter(township=OuterRef("pk"))))


def enterprises(scope: Scope):
    """Enterprises in a pairing of the scope, each once."""
    from enterprises.models import Enterprise

    through = Pairing.enterprises.through.objects.filter(pairing__in=pairings(scope))
    return Enterprise.objects.filter(Exists(through.filter(enterprise=OuterRef("pk"))))


def chambers(scope: Scope):
    from chambers.models import Chamber

    through = Pairing.chambers.through.objects.filter(pairing__in=pairings(scope))
    return Chamber.objects.filter(Exists(through.filter(chamber=OuterRef("pk"))))


def projects(scope: Scope):
    """Projects of the scope: of a pairing in the period, in a village of the place, started by the end."""
    rows = PairingProject.objects.filter(pairing__in=pairings_in_period(scope))
    if scope.end:
        rows = rows.filter(start_date__lte=scope.end)
    return rows.filter(scope.village_q("village__")) if scope.has_place else rows


def with_figures(rows, end: datetime.date | None):
    """Projects annotated ``investment``, ``jobs_to_date`` and ``income`` cumulative to ``end``."""
    latest = ProgressReport.objects.filter(project=OuterRef("pk"))
    if end:
        latest = latest.filter(period_end__lte=end)
    latest = latest.order_by("-period_end")

    def last(field, fallback):
        return Coalesce(Subquery(latest.values(field)[:1]), F(fallback))

    return rows.annotate(
        investment=last("cumulative_investment", "actual_investment"),
        jobs_to_date=last("cumulative_jobs", "jobs"),
        income=last("cumulative_income", "income_increase"),
    )


@dataclass(frozen=True)
class Totals:
    enterprises: int
    chambers: int
    townships: int
    villages: int
    key_villages_paired: int
    pairings: int
    new_pairings: int
    projects: int
    investment: Decimal
    jobs: int
    income_increase: Decimal


def money(scope: Scope) -> dict:
    """Investment, jobs and income increase of the scope's projects, each project once."""
    rows = with_figures(projects(scope), scope.end).values_list("investment", "jobs_to_date", "income")
    investment, jobs, income = ZERO, 0, ZERO
    for inv, job, inc in rows:
        investment += inv or ZERO
        jobs += job or 0
        income += inc or ZERO
    return {"investment": investment, "jobs": jobs, "income_increase": income}


def totals(scope: Scope) -> Totals:
    """Every number of the overview for one scope."""
    sums = money(scope)
    return Totals(
        enterprises=enterprises(scope).count(),
        chambers=chambers(scope).count(),
        townships=townships(scope).count(),
        villages=villages(scope).count(),
        key_villages_paired=villages(scope, key_only=True).count(),
        pairings=pairings(scope).count(),
        new_pairings=new_pairings(scope).count(),
        projects=projects(scope).count(),
        **sums,
    )


def measure_value(measure: str, scope: Scope):
    """The value of a target's measure over the scope: a flow (money, jobs) grows over the period —
    cumulative at its end minus cumulative the day before it starts; a count is the scope's."""
    from .choices import FLOW_MEASURES, Measure

    if measure in FLOW_MEASURES:
        key = {Measure.INVESTMENT: "investment", Measure.JOBS: "jobs", Measure.INCOME_INCREASE: "income_increase"}[
            measure
        ]
        at_end = money(Scope(None, scope.end, scope.district, scope.township))[key]
        before = (
            money(Scope(None, scope.start - datetime.timedelta(days=1), scope.district, scope.township))[key]
            if scope.start
            else 0
        )
        return at_end - before
    if measure == Measure.NEW_PAIRINGS:
        return new_pairings(scope).count()
    if measure == Measure.VILLAGES:
        return villages(scope).count()
    if measure == Measure.KEY_VILLAGES:
        return villages(scope, key_only=True).count()
    return enterprises(scope).count()
