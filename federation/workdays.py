"""Working-day arithmetic on the State Council holiday calendar (DESIGN §5).

A day is a working day when it is Monday–Friday and not a listed day off, or when it is a
listed make-up working day (调休上班). Deadlines of enterprise requests are counted with these.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from .models import CalendarDay


class WorkCalendar:
    """A snapshot of the calendar's exceptions; cheap to build, so build one per operation."""

    def __init__(self, exceptions: dict[date, str] | None = None):
        if exceptions is None:
            exceptions = dict(CalendarDay.objects.values_list("date", "kind"))
        self.exceptions = exceptions

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind == CalendarDay.Kind.WORKDAY:
            return True
        if kind == CalendarDay.Kind.HOLIDAY:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


# --- Next year's calendar: noticing it is missing, and entering a whole year at once ---

BULK_CHANGE_REASON = "bulk calendar entry"
MAX_RANGE_DAYS = 15  # the longest State Council holiday (Spring Festival, National Day) is 8–9 days
WARN_FROM_MONTH = 11  # the State Council usually publishes next year's arrangement in November

HOLIDAY_WORDS = {"休", "休息", "放假", "休假", "假", "holiday"}
WORKDAY_WORDS = {"班", "上班", "补班", "调休上班", "workday"}
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_DATE_RE = re.compile(rf"^{_DATE}$")
_RANGE_RE = re.compile(
    rf"^{_DATE}\s*(?:至|到|~|～|—|－－)\s*(?:(?:(\d{{4}})\s*[-/.年]\s*)?(\d{{1,2}})\s*[-/.月]\s*)?(\d{{1,2}})\s*日?$"
)
_SEPARATORS = re.compile(r"[\s,，、;；\u3000]+")


def missing_calendar_year(today: date | None = None) -> int | None:
    """Next year, from 1 November, while the calendar holds no day of it; otherwise None."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if today.month < WARN_FROM_MONTH:
        return None
    year = today.year + 1
    return None if CalendarDay.objects.filter(date__year=year).exists() else year


@dataclass(frozen=True)
class CalendarLine:
    """One day read from a pasted list or a CSV file, with the line it came from."""

    line: int
    date: date
    kind: str
    name: str
    source: str = ""

    @property
    def kind_label(self):
        return CalendarDay.Kind(self.kind).label


@dataclass(frozen=True)
class CalendarProblem:
    """A line that cannot be entered, and why (shown to the person in the preview)."""

    line: int
    text: str
    message: str


@dataclass
class CalendarPlan:
    """What entering a list would do: days added, days changed (with their current entry), days
    already there as given, and the lines that are wrong. Nothing is written while any line is wrong."""

    additions: list[CalendarLine] = field(default_factory=list)
    changes: list[tuple[CalendarDay, CalendarLine]] = field(default_factory=list)
    unchanged: list[CalendarLine] = field(default_factory=list)
    problems: list[CalendarProblem] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return not self.problems and bool(self.additions or self.changes)

    @property
    def years(self) -> list[int]:
        return sorted({e.date.year for e in self.additions} | {e.date.year for _, e in self.changes})


def _parse_date(text: str) -> date | None:
    match = _DATE_RE.match(text.strip())
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _kind_of(word: str) -> str | None:
    word = word.strip().lower()
    if word in HOLIDAY_WORDS:
        return CalendarDay.Kind.HOLIDAY
    if word in WORKDAY_WORDS:
        return CalendarDay.Kind.WORKDAY
    return None


def _days_of(first: str, line_no: int, raw: str) -> tuple[list[date], CalendarProblem | None]:
    """The date or the range of dates a line starts with."""
    single = _parse_date(first)
    if single:
        return [single], None
    match = _RANGE_RE.match(first)
    if not match:
        return [], CalendarProblem(
            line_no,
            raw,
            _("Cannot read the date “%(text)s”: write 2027-01-01, or a range 2027-02-10至2027-02-16.")
            % {"text": first},
        )
    y1, m1, d1, y2, m2, d2 = match.groups()
    try:
        start = date(int(y1), int(m1), int(d1))
        end = date(int(y2 or y1), int(m2 or m1), int(d2))
    except ValueError:
        return [], CalendarProblem(line_no, raw, _("“%(text)s” is not a date that exists.") % {"text": first})
    if end < start:
        return [], CalendarProblem(line_no, raw, _("The range “%(text)s” ends before it begins.") % {"text": first})
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        return [], CalendarProblem(
            line_no,
            raw,
            _("The range “%(text)s” is longer than %(n)d days; check the dates.")
            % {"text": first, "n": MAX_RANGE_DAYS},
        )
    return [start + timedelta(days=i) for i in range((end - start).days + 1)], None


def _checked(day: date, kind: str | None, name: str, line_no: int, raw: str, kind_text: str):
    if not 2000 <= day.year <= 2100:
        return CalendarProblem(line_no, raw, _("The year %(year)d is outside 2000–2100.") % {"year": day.year})
    if kind is None:
        return CalendarProblem(
            line_no,
            raw,
            _("Cannot tell whether “%(text)s” is a day off or a working day: write 休 or 上班.") % {"text": kind_text},
        )
    if not name:
        return CalendarProblem(line_no, raw, _("The holiday's name is missing (e.g. 春节)."))
    if len(name) > 50:
        return CalendarProblem(line_no, raw, _("The name is longer than 50 characters."))
    return None


def parse_calendar_text(text: str, source: str = "") -> tuple[list[CalendarLine], list[CalendarProblem]]:
    """Read a pasted list, one day or range per line: ``DATE[至DATE] NAME KIND``.

    ``2027-01-01 元旦 休``, ``2027-02-06 春节 上班``, ``2027-02-10至2027-02-16 春节 休`` (a range's end may
    be written short: ``2027-10-01至07``). KIND is 休/放假 (day off) or 上班/补班 (make-up working day).
    Fields are separated by spaces, tabs or commas; empty lines and lines starting with # are skipped.
    """
    entries, problems = [], []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = [p for p in _SEPARATORS.split(stripped) if p]
        # A range may have been written with spaces around its 至/~ sign: join it back.
        while len(parts) >= 3 and (
            parts[1] in {"至", "到", "~", "～", "—"} or parts[0][-1:] in {"至", "到", "~", "～"}
        ):
            if parts[1] in {"至", "到", "~", "～", "—"}:
                parts[0:3] = [parts[0] + parts[1] + parts[2]]
            else:
                parts[0:2] = [parts[0] + parts[1]]
        if len(parts) < 3:
            problems.append(CalendarProblem(line_no, raw, _("Each line needs a date, a name and 休 or 上班.")))
            continue
        days, problem = _days_of(parts[0], line_no, raw)
        if problem is None:
            kind, name = _kind_of(parts[-1]), "".join(parts[1:-1])
            problem = _checked(days[0], kind, name, line_no, raw, parts[-1])
        if problem:
            problems.append(problem)
            continue
        entries.extend(CalendarLine(line_no, day, kind, name, source) for day in days)
    return entries, problems


def parse_calendar_csv(content: str) -> tuple[list[CalendarLine], list[CalendarProblem]]:
    """Read a CSV in the layout of the bundled ``federation/data/holidays_cn.csv``:
    columns ``date,kind,name`` (``source`` and ``note`` optional), kind ``holiday`` or ``workday``."""
    reader = csv.DictReader(io.StringIO(content))
    missing = {"date", "kind", "name"} - set(reader.fieldnames or [])
    if missing:
        return [], [
            CalendarProblem(
                1, ",".join(reader.fieldnames or []), _("The first line must name the columns date,kind,name[,source].")
            )
        ]
    entries, problems = [], []
    for row in reader:
        line_no = reader.line_num
        raw = ",".join(str(v) for v in row.values() if v is not None)
        day = _parse_date(row.get("date") or "")
        if day is None:
            problems.append(
                CalendarProblem(line_no, raw, _("Cannot read the date “%(text)s”.") % {"text": row.get("date") or ""})
            )
            continue
        kind_text = row.get("kind") or ""
        name = (row.get("name") or "").strip()
        problem = _checked(day, _kind_of(kind_text), name, line_no, raw, kind_text)
        if problem:
            problems.append(problem)
            continue
        entries.append(CalendarLine(line_no, day, _kind_of(kind_text), name, (row.get("source") or "").strip()))
    return entries, problems


def decode_calendar_file(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without BOM) or GB18030 (Chinese Excel's CSV)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def plan_calendar(entries: list[CalendarLine], problems: list[CalendarProblem]) -> CalendarPlan:
    """Compare what was read with the calendar as it is (one query): what would be added or changed."""
    plan = CalendarPlan(problems=list(problems))
    first_line: dict[date, CalendarLine] = {}
    unique = []
    for entry in entries:
        earlier = first_line.get(entry.date)
        if earlier is None:
            first_line[entry.date] = entry
            unique.append(entry)
        elif (earlier.kind, earlier.name) != (entry.kind, entry.name):
            plan.problems.append(
                CalendarProblem(
                    entry.line,
                    str(entry.date),
                    _("%(date)s is also on line %(other)d, differently.") % {"date": entry.date, "other": earlier.line},
                )
            )
    existing = CalendarDay.objects.in_bulk([e.date for e in unique], field_name="date")
    for entry in unique:
        current = existing.get(entry.date)
        if current is None:
            plan.additions.append(entry)
        elif (current.kind, current.name) == (entry.kind, entry.name):
            plan.unchanged.append(entry)
        else:
            plan.changes.append((current, entry))
    plan.problems.sort(key=lambda p: p.line)
    return plan


def apply_calendar_plan(plan: CalendarPlan) -> int:
    """Write a plan's additions and changes, all or nothing, each with its history row (simple_history,
    by the signed-in user through the request middleware). Returns the number of days written."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    with transaction.atomic():
        for entry in plan.additions:
            day = CalendarDay(date=entry.date, kind=entry.kind, name=entry.name, source=entry.source)
            day._change_reason = BULK_CHANGE_REASON
            day.save()
        for current, entry in plan.changes:
            current.kind, current.name = entry.kind, entry.name
            current.source = entry.source or current.source
            current._change_reason = BULK_CHANGE_REASON
            current.save()
    return len(plan.additions) + len(plan.changes)


def day_bounds(start: date, end: date):
    """The instants from the start of local day ``start`` to the end of local day ``end``
    (``TIME_ZONE``), for range lookups that use an index or need no cast per row, where
    ``created_at__date`` casts every row's time to a local date."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.conf import settings

    tz = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(start, time.min, tzinfo=tz), datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
