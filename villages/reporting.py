"""Which quarterly progress reports are due, and the reporting rate (on time / due).

A report is *due* for every quarter a project runs in (some day of the quarter between its start and
end) while its pairing was not yet completed or terminated, once the quarter's reporting window
(``quarters.REPORT_WINDOW_DAYS`` days after its end) is over. It is *on time* when it was filed by the
window's last day. The rate of a period counts the reports whose window ended in the period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from . import quarters
from .models import PairingProject, ProgressReport


@dataclass(frozen=True)
class Slot:
    """One report a project owes for one quarter, and what was filed (if anything)."""

    project: PairingProject
    year: int
    quarter: int
    report: ProgressReport | None

    @property
    def due_on(self) -> datetime.date:
        return quarters.due_date(self.year, self.quarter)

    @property
    def quarter_label(self) -> str:
        return quarters.label(self.year, self.quarter)

    @property
    def on_time(self) -> bool:
        return self.report is not None and self.report.filed_on <= self.due_on

    @property
    def pk(self):  # for tables that link rows
        return f"{self.project.pk}-{self.year}-{self.quarter}"


def _owes(project, year, quarter) -> bool:
    closed = project.pairing.closed_on
    return project.runs_in(year, quarter) and (closed is None or closed >= quarters.first_day(year, quarter))


def _projects(start_limit, end_limit, district=None, enterprise=None):
    rows = PairingProject.objects.select_related("pairing", "village__township").filter(start_date__lte=end_limit)
    rows = rows.filter(Q(end_date__isnull=True) | Q(end_date__gte=start_limit))
    if district:
        rows = rows.filter(village__township__parent=getattr(district, "pk", district))
    if enterprise:
        rows = rows.filter(pairing__enterprises=getattr(enterprise, "pk", enterprise))
    return rows.order_by("pk")


def slots(start, end, district=None, enterprise=None, today=None) -> list[Slot]:
    """The reports due in the period (window ended between ``start`` and ``end``, and by today)."""
    today = today or timezone.localdate()
    end = min(end, today)
    wanted = [(y, q) for y, q in quarters.due_between(start, end) if quarters.due_date(y, q) <= end]
    if not wanted:
        return []
    first = quarters.first_day(*wanted[0])
    last = quarters.last_day(*wanted[-1])
    projects = {p.pk: p for p in _projects(first, last, district, enterprise)}
    reports = {}
    for r in ProgressReport.objects.filter(project__in=list(projects), period_end__gte=first, period_end__lte=last):
        r.project = projects[r.project_id]  # what a row shows of its report needs no query of its own
        reports[(r.project_id, r.year, r.quarter)] = r
    return [Slot(p, y, q, reports.get((p.pk, y, q))) for y, q in wanted for p in projects.values() if _owes(p, y, q)]


def waiting(today=None) -> list[Slot]:
    """Reports of the quarter just ended whose window is still open and that nobody has filed: the
    workbench's list, soonest due first."""
    today = today or timezone.localdate()
    year, quarter = quarters.of(today)
    year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    if not quarters.last_day(year, quarter) < today <= quarters.due_date(year, quarter):
        return []
    first, last = quarters.first_day(year, quarter), quarters.last_day(year, quarter)
    projects = _projects(first, last).exclude(reports__year=year, reports__quarter=quarter)
    return [Slot(p, year, quarter, None) for p in projects if _owes(p, year, quarter)]


def rate(found: list[Slot]) -> tuple[int, int]:
    """(on time, due) of a list of slots."""
    return sum(1 for s in found if s.on_time), len(found)
