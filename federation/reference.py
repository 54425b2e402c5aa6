"""Loading the reference data (DESIGN §4) from federation/data/*.csv (sources: SOURCES.md there).

Called by the data migration (with the migration's historical models) and after every ``migrate``
or test-database flush when the tables are empty, so a flushed database gets its reference data back.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATA = Path(__file__).resolve().parent / "data"

DIVISION_COLUMNS = ["code", "name", "level", "parent_code", "note"]
LEVELS = ("city", "county", "township")
# The parent's level each level needs; a city's parent (the province) is not loaded.
PARENT_LEVEL = {"county": "city", "township": "county"}
# NBS codes: a city or county 6 digits, a township-level unit 9 (the 12-digit code's first 9).
CODE_RE = {"city": re.compile(r"^\d{4}00$"), "county": re.compile(r"^\d{6}$"), "township": re.compile(r"^\d{9}$")}
# The model's labels of the levels (Division.Level), for the messages.
LEVEL_LABELS = {
    "city": gettext_lazy("City"),
    "county": gettext_lazy("District / county"),
    "township": gettext_lazy("Township / subdistrict"),
}
NAME_MAX = 50
NOTE_MAX = 300


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class DivisionFileError(Exception):
    """A divisions file that cannot be loaded: every problem found, each with its line number."""

    def __init__(self, problems):
        self.problems = problems  # [(line, message)]; line 0: the file as a whole
        super().__init__("\n".join(self.lines()))

    def lines(self):
        return [
            _("Line %(line)s: %(reason)s") % {"line": line, "reason": reason} if line else reason
            for line, reason in self.problems
        ]


@dataclass
class DivisionRow:
    line: int
    code: str
    name: str
    level: str
    parent_code: str
    note: str


@dataclass
class DivisionFile:
    """A checked divisions file: its city and rows, parents before children."""

    city: DivisionRow
    rows: list[DivisionRow] = field(default_factory=list)

    def count(self, level):
        return sum(1 for r in self.rows if r.level == level)


def read_divisions(path) -> DivisionFile:
    """Read and check a divisions file in the layout of ``xining_divisions.csv`` (UTF-8, a BOM allowed):
    one city, its counties, their townships. Raises ``DivisionFileError`` with every problem found."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            lines = list(csv.reader(f))
    except UnicodeDecodeError:
        raise DivisionFileError([(0, _("The file is not UTF-8 text."))])
    if not lines or [c.strip() for c in lines[0]] != DIVISION_COLUMNS:
        found = ",".join(lines[0]) if lines else ""
        raise DivisionFileError(
            [
                (
                    1,
                    _("the header must be “%(expected)s”, not “%(found)s”.")
                    % {"expected": ",".join(DIVISION_COLUMNS), "found": found},
                )
            ]
        )
    problems, rows, first_line = [], [], {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) != len(DIVISION_COLUMNS):
            problems.append(
                (
                    number,
                    _("%(found)s columns, the header has %(expected)s.")
                    % {"found": len(cells), "expected": len(DIVISION_COLUMNS)},
                )
            )
            continue
        row = DivisionRow(number, *(c.strip() for c in cells))
        if row.level not in LEVELS:
            problems.append((number, _("unknown level “%(level)s” (city, county or township).") % {"level": row.level}))
            continue
        if not CODE_RE[row.level].match(row.code):
            problems.append(
                (
                    number,
                    _("“%(code)s” is not a national code of a %(level)s.")
                    % {"code": row.code, "level": LEVEL_LABELS[row.level]},
                )
            )
            continue
        if not row.name or len(row.name) > NAME_MAX:
            problems.append((number, _("the name is empty or longer than %(max)s characters.") % {"max": NAME_MAX}))
            continue
        if row.code in first_line:
            problems.append(
                (
                    number,
                    _("code %(code)s again (first on line %(first)s).")
                    % {"code": row.code, "first": first_line[row.code]},
                )
            )
            continue
        first_line[row.code] = number
        rows.append(row)
    by_code = {r.code: r for r in rows}
    cities = [r for r in rows if r.level == "city"]
    for row in rows:
        wanted = PARENT_LEVEL.get(row.level)
        if wanted is None:
            continue
        parent = by_code.get(row.parent_code)
        if parent is None:
            problems.append(
                (row.line, _("unknown parent code “%(code)s” (not in the file).") % {"code": row.parent_code})
            )
        elif parent.level != wanted:
            problems.append(
                (
                    row.line,
                    _("the parent %(code)s is a %(found)s, not a %(wanted)s.")
                    % {"code": parent.code, "found": LEVEL_LABELS[parent.level], "wanted": LEVEL_LABELS[wanted]},
                )
            )
    if not problems and len(cities) != 1:
        problems.append((0, _("The file must hold exactly one city; it holds %(n)s.") % {"n": len(cities)}))
    if problems:
        raise DivisionFileError(sorted(problems, key=lambda p: p[0]))
    order = {level: i for i, level in enumerate(LEVELS)}
    return DivisionFile(cities[0], sorted(rows, key=lambda r: (order[r.level], r.line)))


def save_divisions(Division, checked: DivisionFile) -> dict[str, int]:
    """Create the file's divisions and update those whose name, level, parent or note changed; the
    others are left untouched (a second run writes nothing). Divisions not in the file stay (records
    may name them). Returns the counts {"created", "updated", "unchanged"}."""
    existing = {d.code: d for d in Division.objects.filter(code__in=[r.code for r in checked.rows])}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in checked.rows:  # parents first
        parent_id = existing[row.parent_code].pk if row.parent_code in existing and row.level != "city" else None
        values = {"name": row.name, "level": row.level, "parent_id": parent_id, "note": row.note[:NOTE_MAX]}
        obj = existing.get(row.code)
        if obj is None:
            existing[row.code] = Division.objects.create(code=row.code, **values)
            counts["created"] += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def load_reference_data(apps):
    """Divisions (``FEDERATION_DIVISIONS_FILE``), GB/T 4754 industries and the holiday calendar;
    idempotent (update or create)."""
    Division = apps.get_model("federation", "Division")
    Industry = apps.get_model("federation", "Industry")
    CalendarDay = apps.get_model("federation", "CalendarDay")

    save_divisions(Division, read_divisions(settings.FEDERATION_DIVISIONS_FILE))

    sections = {}
    for row in _rows("gbt4754_2017.csv"):
        obj, _ = Industry.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "level": row["level"], "parent": sections.get(row["parent_code"])},
        )
        if row["level"] == "section":
            sections[obj.code] = obj

    for row in _rows("holidays_cn.csv"):
        CalendarDay.objects.update_or_create(
            date=row["date"], defaults={"kind": row["kind"], "name": row["name"], "source": row["source"]}
        )


def ensure_reference_data(sender=None, **kwargs):
    """post_migrate: reload the reference data when its tables are empty (e.g. after a flush)."""
    from django.apps import apps

    from .models import Division

    if not Division.objects.exists():
        load_reference_data(apps)
