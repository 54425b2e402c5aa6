"""What the chambers app registers with the core (called from ``ChambersConfig.ready()``):
navigation, timelines, figures, ledgers, the workbench, the member import, role rules and demo data.
Each part of the registry keeps a block of its own."""

from django.utils.translation import gettext_lazy as _

from federation import registry, roles

SECTION = _("Chamber management")


def register():
    register_roles()
    register_records()
    register_cleanup()
    register_public()


def register_roles():
    """Leadership reads the registry, staff keep all of it; a chamber secretary reads it and keeps the
    members of their own chamber (the querysets' ``restrict`` limits the rows to it)."""
    registry.role_rules.register(registry.RoleRule("chambers", roles.LEADERSHIP, roles.reads))
    registry.role_rules.register(registry.RoleRule("chambers", roles.STAFF, lambda codename: True))
    registry.role_rules.register(
        registry.RoleRule(
            "chambers",
            roles.CHAMBER_SECRETARY,
            lambda codename: roles.reads(codename) or codename.endswith("_membership"),
        )
    )


def register_records():
    """The chamber register and its record pages (一会一档), and memberships on enterprise pages."""
    from . import timeline

    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Chamber register"), "chambers:chamber_list", "chambers.view_chamber", icon="bank", order=200
        )
    )
    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Chamber members"), "chambers:membership_list", "chambers.view_membership", "people", 201
        )
    )
    # A chamber's page is reached only by those who may open it (the detail view's restriction).
    registry.timeline.register(
        registry.TimelineProvider(("chambers.chamber",), timeline.chamber_timeline, permission="chambers.view_chamber")
    )
    # On an enterprise's page a secretary sees the memberships of their own chambers only.
    registry.timeline.register(
        registry.TimelineProvider(
            ("enterprises.enterprise",),
            timeline.enterprise_timeline,
            permission="chambers.view_chamber",
            per_viewer=True,
        )
    )


def register_cleanup():
    """The clean-up candidates, the coverage page, the figures and the 商会统计表."""
    from . import ledgers, metrics

    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Clean-up candidates"), "chambers:candidates", "chambers.view_chamber", "clipboard-check", 215
        )
    )
    registry.navigation.register(
        registry.NavItem(SECTION, _("Coverage of key areas"), "chambers:coverage", "chambers.view_keyarea", "map", 216)
    )
    registry.ledgers.register(ledgers.CHAMBER_LEDGER)
    registry.metrics.register(registry.chamber_scoped(metrics.chamber_figures))
    registry.breakdowns.register(metrics.series)
    registry.dashboard_blocks.register(
        registry.DashboardBlock(
            "chambers",
            _("Chambers of commerce"),
            order=20,
            keys=(
                "chambers.total",
                "chambers.active",
                "chambers.new",
                "chambers.members",
                "chambers.coverage_rate",
                "chambers.inspection_pass_rate",
            ),
            charts=(("chambers.by_type",), ("chambers.by_status",)),
        )
    )


def secretary_decides_applications(codename):
    """A chamber secretary decides the join applications to their own chamber (the rows are restricted)."""
    return codename == "change_joinapplication"


def demo(stdout=None, **options):
    from .demo import seed_demo_chambers

    seed_demo_chambers(stdout=stdout)


def register_public():
    """The public directory, join applications and their review, the member import, demo data."""
    from federation.imports import registry as imports

    from .imports import SPEC
    from .views.applications import pending_applications

    imports.register(SPEC)
    registry.role_rules.register(registry.RoleRule("chambers", roles.CHAMBER_SECRETARY, secretary_decides_applications))
    nav = [
        (_("Join applications"), "chambers:application_list", "chambers.view_joinapplication", "inbox", 220),
        (_("Import members"), "chambers:membership_import", "chambers.add_membership", "upload", 221),
        (_("Public chamber directory"), "chambers:public_directory", "chambers.view_chamber", "globe", 222),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.workbench.register(pending_applications)
    registry.demo_data.register(demo)
