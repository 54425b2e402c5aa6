"""What the chambers app registers with the core (navigation, workbench, imports, demo data, role
rules), called from ``ChambersConfig.ready()``. Each part of the registry keeps its registrations in
a block of its own."""

from django.utils.translation import gettext_lazy

from federation import registry, roles

SECTION = gettext_lazy("Chambers of commerce")


def register():
    register_public()


# --- ch-public: the public directory, join applications, the member import, demo data ---


def secretary_decides_applications(codename):
    """A chamber secretary decides the join applications to their own chamber (the rows are restricted)."""
    return codename == "change_joinapplication"


def demo(stdout=None, **options):
    from .demo import seed_demo_chambers

    seed_demo_chambers(stdout=stdout)


def register_public():
    from federation.imports import registry as imports

    from .imports import SPEC
    from .views.applications import pending_applications

    imports.register(SPEC)
    registry.role_rules.register(registry.RoleRule("chambers", roles.CHAMBER_SECRETARY, secretary_decides_applications))
    nav = [
        (gettext_lazy("Join applications"), "chambers:application_list", "chambers.view_joinapplication", "inbox", 420),
        (gettext_lazy("Import members"), "chambers:membership_import", "chambers.add_membership", "upload", 421),
        (gettext_lazy("Public chamber directory"), "chambers:public_directory", "chambers.view_chamber", "globe", 422),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.workbench.register(pending_applications)
    registry.demo_data.register(demo)


# --- end ch-public ---
