"""The four roles (DESIGN §6) as Django groups, and the permissions each holds.

Groups are created by a data migration; their permissions are (re)synchronised after every
``migrate`` by ``sync_role_permissions``, because the permissions of apps migrated later do not
exist yet when the core's migration runs. The core holds only its own permissions' rules; each app
registers the rules of its permissions (``registry.role_rules``) in its ``AppConfig.ready()``.
"""

from django.utils.translation import gettext_lazy as _

ADMIN = "系统管理员"
LEADERSHIP = "领导"
STAFF = "工作人员"
CHAMBER_SECRETARY = "商会秘书"

ROLE_NAMES = [ADMIN, LEADERSHIP, STAFF, CHAMBER_SECRETARY]
ROLE_LABELS = {
    ADMIN: _("Administrator"),
    LEADERSHIP: _("Leadership"),
    STAFF: _("Staff"),
    CHAMBER_SECRETARY: _("Chamber secretary"),
}

# Permissions of the core nobody but the administrator holds.
ADMIN_ONLY = {"view_audit", "view_schedule"}


def reads(codename: str) -> bool:
    """A rule for roles that read everything of an app (leadership)."""
    return codename.startswith("view_")


def core_rules():
    """The core's own permissions (app ``federation``); each domain app registers the rules of its
    permissions in its ``ready()`` (``registry.role_rules``)."""
    from .registry import RoleRule

    def leadership(codename):
        # Leadership reads everything but personal data in full: 个人信息保护法's "minimum necessary";
        # names and phones stay masked for them (DESIGN §7).
        return reads(codename) and codename not in ADMIN_ONLY and codename != "view_personal_data"

    def staff(codename):
        # Staff read reference data and the dashboard, edit the holiday calendar and notices, see
        # personal data.
        if codename in ADMIN_ONLY:
            return False
        return codename.startswith("view_") or codename.endswith(("_calendarday", "_notice"))

    return [
        RoleRule("federation", LEADERSHIP, leadership),
        RoleRule("federation", STAFF, staff),
        # A secretary's dashboard shows their own chambers' figures only (federation.dashboard).
        RoleRule("federation", CHAMBER_SECRETARY, lambda codename: codename in ("view_division", "view_dashboard")),
    ]


def holds(role: str, app_label: str, codename: str, rules=None) -> bool:
    """Whether ``role`` holds ``app_label.codename`` under the registered rules (the administrator
    holds every permission)."""
    from . import registry

    if role == ADMIN:
        return True
    rules = registry.role_rules if rules is None else rules
    return any(r.role == role and r.app_label == app_label and r.allows(codename) for r in rules)


def sync_role_permissions(sender=None, **kwargs):
    """Create the role groups if missing and give each exactly the permissions its rule allows.

    As a post_migrate receiver it acts once, after the last app, when every permission exists.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return

    from . import registry

    rules = list(registry.role_rules)
    perms = list(Permission.objects.select_related("content_type"))
    for name in ROLE_NAMES:
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [p for p in perms if holds(name, p.content_type.app_label, p.codename, rules)]
        group.permissions.set(wanted)
