"""Reference data (DESIGN §4): Xining's divisions (NBS 2023), GB/T 4754-2017 sections and divisions,
the State Council holiday calendar 2024–2026, and the four role groups. Sources: federation/data/SOURCES.md."""

from django.db import migrations


def load(apps, schema_editor):
    from federation.reference import load_reference_data

    load_reference_data(apps)
    Group = apps.get_model("auth", "Group")
    for name in ["系统管理员", "领导", "工作人员", "商会秘书"]:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("federation", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
