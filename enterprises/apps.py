from celery.schedules import crontab
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprise records")

    def ready(self):
        from federation import registry, roles
        from federation.imports import registry as imports

        from . import demo, ledgers, metrics, search, spreadsheet, timeline
        from .imports import SPEC

        search.register_lookups()
        imports.register(SPEC)
        registry.navigation.register(
            registry.NavItem(
                _("Enterprise records"),
                _("Enterprises"),
                "enterprises:enterprise_list",
                "enterprises.view_enterprise",
                icon="buildings",
                order=100,
            )
        )
        registry.timeline.register(registry.TimelineProvider(("enterprises.enterprise",), timeline.record_entries))
        registry.role_rules.register(registry.RoleRule("enterprises", roles.LEADERSHIP, roles.reads))
        # Deleting a record (rather than marking it deregistered) is the administrator's alone.
        registry.role_rules.register(
            registry.RoleRule("enterprises", roles.STAFF, lambda codename: codename != "delete_enterprise")
        )
        registry.role_rules.register(
            registry.RoleRule("enterprises", roles.CHAMBER_SECRETARY, lambda codename: codename == "view_enterprise")
        )
        registry.metrics.register(metrics.enterprise_figures)
        registry.breakdowns.register(metrics.series)
        registry.dashboard_blocks.register(
            registry.DashboardBlock(
                "enterprises",
                pgettext_lazy("dashboard block", "Enterprises"),
                order=10,
                keys=("enterprises.total", "enterprises.active", "enterprises.members", "enterprises.new"),
                charts=(
                    ("enterprises.by_district", "enterprises.members_by_district"),
                    ("enterprises.by_cluster",),
                    ("enterprises.by_section",),
                ),
            )
        )
        registry.demo_data.register(demo.seed_enterprises)
        registry.reports.register(
            registry.ReportKind(
                key=spreadsheet.EXPORT_REPORT,
                title=_("Enterprise register export"),
                permission="enterprises.export_enterprise",
                build=spreadsheet.build_export,
                filename="enterprises.xlsx",
            )
        )
        registry.ledgers.register(ledgers.ENTERPRISE_LEDGER)
        # Each night: the census tallies (migration 0011) folded into one row per group.
        registry.schedules.register(
            registry.BeatEntry("enterprises-compact-tallies", "enterprises.compact_tallies", crontab(hour=2, minute=50))
        )
