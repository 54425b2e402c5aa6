"""The registries the apps fill in: role rules give the roles what they held before the apps
declared them, each app's beat entries reach the Celery schedule, panels reach the enterprise page."""

import pytest
from celery.schedules import crontab
from django.contrib.auth.models import Group

from federation import registry, roles
from federation.celery import app as celery_app

# The permissions each role held when federation/roles.py still named every app (pinned before the
# rules moved into the apps). Permissions added later are not part of this pin; the import job moved
# to the core (federation.ImportJob), so enterprises.*_enterpriseimport are gone with their model.
BEFORE = {
    # Issue 14 opened the dashboard to staff and to chamber secretaries (their own chambers' figures).
    roles.CHAMBER_SECRETARY: {"enterprises.view_enterprise", "federation.view_dashboard", "federation.view_division"},
    roles.LEADERSHIP: {
        "enterprises.view_enterprise",
        "enterprises.view_historicalenterprise",
        "federation.view_calendarday",
        "federation.view_dashboard",
        "federation.view_division",
        "federation.view_historicalcalendarday",
        "federation.view_industry",
        "federation.view_notice",
        "federation.view_report",
        "services.view_attachment",
        "services.view_categorydeadline",
        "services.view_historicalcategorydeadline",
        "services.view_historicalservicerequest",
        "services.view_requestevent",
        "services.view_servicerequest",
    },
    roles.STAFF: {
        "enterprises.add_enterprise",
        "enterprises.add_historicalenterprise",
        "enterprises.change_enterprise",
        "enterprises.change_historicalenterprise",
        "enterprises.delete_historicalenterprise",
        "enterprises.export_enterprise",
        "enterprises.import_enterprise",
        "enterprises.view_enterprise",
        "enterprises.view_historicalenterprise",
        "federation.add_calendarday",
        "federation.add_notice",
        "federation.change_calendarday",
        "federation.change_notice",
        "federation.delete_calendarday",
        "federation.delete_notice",
        "federation.view_calendarday",
        "federation.view_dashboard",
        "federation.view_division",
        "federation.view_historicalcalendarday",
        "federation.view_industry",
        "federation.view_notice",
        "federation.view_personal_data",
        "federation.view_report",
        "services.add_attachment",
        "services.add_categorydeadline",
        "services.add_historicalcategorydeadline",
        "services.add_historicalservicerequest",
        "services.add_requestevent",
        "services.add_servicerequest",
        "services.change_attachment",
        "services.change_categorydeadline",
        "services.change_historicalcategorydeadline",
        "services.change_historicalservicerequest",
        "services.change_requestevent",
        "services.change_servicerequest",
        "services.delete_attachment",
        "services.delete_categorydeadline",
        "services.delete_historicalcategorydeadline",
        "services.delete_historicalservicerequest",
        "services.delete_requestevent",
        "services.delete_servicerequest",
        "services.view_attachment",
        "services.view_categorydeadline",
        "services.view_historicalcategorydeadline",
        "services.view_historicalservicerequest",
        "services.view_requestevent",
        "services.view_servicerequest",
    },
}
EXISTED = set().union(*BEFORE.values()) | {
    "enterprises.delete_enterprise",
    "federation.view_audit",
    "federation.add_division",
    "federation.change_report",
}


def _held(role):
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(BEFORE))
def test_each_role_holds_exactly_the_permissions_it_held_before_the_apps_declared_them(role):
    from django.contrib.auth.models import Permission

    roles.sync_role_permissions()
    existing = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    pinned = existing & (EXISTED | {p for v in BEFORE.values() for p in v})
    assert _held(role) & pinned == BEFORE[role]


@pytest.mark.django_db
def test_the_administrator_holds_every_permission():
    from django.contrib.auth.models import Permission

    roles.sync_role_permissions()
    assert len(_held(roles.ADMIN)) == Permission.objects.count()


def test_leadership_may_instruct_on_requests_once_the_permission_exists():
    assert roles.holds(roles.LEADERSHIP, "services", "instruct_servicerequest")
    assert not roles.holds(roles.STAFF, "services", "instruct_servicerequest")
    assert not roles.holds(roles.LEADERSHIP, "services", "change_servicerequest")


def test_the_core_names_only_its_own_permissions_in_its_rules():
    core = [r for r in registry.role_rules if r.__class__ is registry.RoleRule and r.app_label == "federation"]
    assert core and all(r.app_label == "federation" for r in roles.core_rules())


def test_the_merged_beat_schedule_holds_every_entry_the_settings_listed():
    schedule = celery_app.conf.beat_schedule
    expected = {
        "services-daily-digest": ("services.tasks.send_daily_digest", crontab(hour=8, minute=0)),
        "federation-purge-report-files": ("federation.purge_report_files", crontab(hour=2, minute=40)),
        "federation-purge-import-files": ("federation.purge_import_files", crontab(hour=2, minute=30)),
    }
    for name, (task, when) in expected.items():
        assert schedule[name]["task"] == task
        assert schedule[name]["schedule"] == when
    assert set(registry.schedules.as_schedule()) <= set(schedule)


def test_every_scheduled_task_is_a_registered_task():
    celery_app.loader.import_default_modules()
    for entry in celery_app.conf.beat_schedule.values():
        assert entry["task"] in celery_app.tasks


def test_the_core_names_no_domain_app_beyond_installed_apps_and_the_root_urls():
    import re
    from pathlib import Path

    core = Path(__file__).resolve().parents[2] / "federation"
    label = re.compile(r"""["'](enterprises|chambers|services|villages)[.:"']""")
    found = []
    for path in core.rglob("*.py"):
        if "migrations" in path.parts or path.name == "urls.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if label.search(line) and not re.fullmatch(
                r"""\s*["'](enterprises|chambers|services|villages)["'],""", line
            ):
                found.append(f"{path.relative_to(core)}:{n}: {line.strip()}")
    assert found == []
