"""Reference data (DESIGN §4): Xining's divisions (NBS 2023), GB/T 4754-2017 sections and divisions,
the State Council holiday calendar 2024–2026, and the four role groups. Sources: federation/data/SOURCES.md."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load(apps, schema_editor):
    Division = apps.get_model("federation", "Division")
    Industry = apps.get_model("federation", "Industry")
    CalendarDay = apps.get_model("federation", "CalendarDay")
    Group = apps.get_model("auth", "Group")

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

    for name in ["系统管理员", "领导", "工作人员", "商会秘书"]:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("federation", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
