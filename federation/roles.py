"""The four roles (DESIGN §6) as Django groups, and the permissions each holds.

Groups are created by a data migration; their permissions are (re)synchronised after every
``migrate`` by ``sync_role_permissions``, because the permissions of apps migrated later do not
exist yet when the core's migration runs. Rules name app labels, never import the apps.
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

DOMAIN_APPS = ["enterprises", "chambers", "services", "villages"]
PORTAL_APPS = ["federation", *DOMAIN_APPS]

# Permissions nobody but the administrator holds.
ADMIN_ONLY = {"enterprises.delete_enterprise", "federation.view_audit"}


def _rules():
    """role -> predicate(app_label, codename) -> bool."""

    def admin(app, codename):
        return True

    def leadership(app, codename):
        if app not in PORTAL_APPS:
            return False
        # Leadership reads everything but personal data in full: 个人信息保护法's "minimum necessary";
        # names and phones stay masked for them (DESIGN §7).
        full = f"{app}.{codename}"
        return codename.startswith("view_") and full not in ADMIN_ONLY and full != "federation.view_personal_data"

    def staff(app, codename):
        full = f"{app}.{codename}"
        if full in ADMIN_ONLY or full == "federation.view_dashboard":
            return False
        if app in DOMAIN_APPS:
            return True
        # Core: staff read reference data, edit the holiday calendar, see personal data.
        return app == "federation" and (codename.startswith("view_") or codename.endswith(("_calendarday", "_notice")))

    def chamber_secretary(app, codename):
        if app == "chambers":
            return codename.startswith("view_") or codename.endswith("_membership")
        return (app, codename) in {("enterprises", "view_enterprise"), ("federation", "view_division")}

    return {ADMIN: admin, LEADERSHIP: leadership, STAFF: staff, CHAMBER_SECRETARY: chamber_secretary}


def sync_role_permissions(sender=None, **kwargs):
    """Create the role groups if missing and give each exactly the permissions its rule allows.

    As a post_migrate receiver it acts once, after the last app, when every permission exists.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return

    perms = list(Permission.objects.select_related("content_type"))
    for name, rule in _rules().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [p for p in perms if rule(p.content_type.app_label, p.codename)]
        group.permissions.set(wanted)
