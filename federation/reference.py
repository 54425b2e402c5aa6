"""Loading the reference data (DESIGN §4) from federation/data/*.csv (sources: SOURCES.md there).

Called by the data migration (with the migration's historical models) and after every ``migrate``
or test-database flush when the tables are empty, so a flushed database gets its reference data back.
"""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_reference_data(apps):
    """Divisions, GB/T 4754 industries and the holiday calendar; idempotent (update or create)."""
    Division = apps.get_model("federation", "Division")
    Industry = apps.get_model("federation", "Industry")
    CalendarDay = apps.get_model("federation", "CalendarDay")

    by_code = {}
    for row in _rows("xining_divisions.csv"):  # parents come before children in the file
        obj, _ = Division.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "parent": by_code.get(row["parent_code"]),
                "note": row["note"][:300],
            },
        )
        by_code[obj.code] = obj

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
