from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Portal core")

    def ready(self):
        from celery.schedules import crontab
        from simple_history.signals import pre_create_historical_record

        from . import dashboard, monthly, registry, signals  # noqa: F401  (signals: login audit)
        from .audit import mark_public_form_rows, protect_audit_records
        from .reference import ensure_reference_data
        from .roles import core_rules, sync_role_permissions
        from .views.core import calendar_workbench

        post_migrate.connect(sync_role_permissions, dispatch_uid="federation.sync_roles")
        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="federation.reference_data")
        # After every app's tables exist (post_migrate is sent once the whole migration run is done).
        post_migrate.connect(protect_audit_records, sender=self, dispatch_uid="federation.audit.append_only")
        # A deploy runs migrate: what it changes in how figures are counted or drawn shows at once,
        # instead of the pages kept under the data's version (dashboard.versioned) until the next write.
        post_migrate.connect(dashboard.bump_after_migrate, sender=self, dispatch_uid="federation.dashboard.deploy")
        pre_create_historical_record.connect(mark_public_form_rows, dispatch_uid="federation.audit.public_form")

        registry.workbench.register(calendar_workbench)
        dashboard.connect()  # a write to any counted model makes the cached dashboards stale
        for rule in core_rules():
            registry.role_rules.register(rule)
        # Each night: report files older than REPORT_RETENTION_DAYS are deleted.
        registry.schedules.register(
            registry.BeatEntry(
                "federation-purge-report-files", "federation.purge_report_files", crontab(hour=2, minute=40)
            )
        )
        # Each night: uploaded import files older than their spec's retention days are deleted (the job stays).
        registry.schedules.register(
            registry.BeatEntry(
                "federation-purge-import-files", "federation.purge_import_files", crontab(hour=2, minute=30)
            )
        )
        # Every five minutes: a report whose worker died mid-build is marked failed (and can be retried).
        registry.schedules.register(
            registry.BeatEntry("federation-fail-stale-reports", "federation.fail_stale_reports", crontab(minute="*/5"))
        )
        # The monthly work report: its kinds, and the previous month's for leadership on the 1st at 08:00
        # (CELERY_TIMEZONE, Asia/Shanghai).
        monthly.register()
        registry.schedules.register(
            registry.BeatEntry(
                "federation-monthly-report",
                "federation.send_monthly_reports",
                crontab(day_of_month=1, hour=8, minute=0),
            )
        )
        # Every five minutes: likewise an import whose worker died while checking or importing.
        registry.schedules.register(
            registry.BeatEntry("federation-fail-stale-imports", "federation.fail_stale_imports", crontab(minute="*/5"))
        )
        registry.navigation.register(registry.NavItem(_("Home"), _("My workbench"), "home", icon="house", order=0))
        registry.navigation.register(
            registry.NavItem(
                _("Home"),
                _("Dashboard"),
                "federation:dashboard",
                "federation.view_dashboard",
                icon="speedometer2",
                order=1,
            )
        )
        registry.navigation.register(
            registry.NavItem(_("Home"), _("My notices"), "federation:notice_list", icon="bell", order=1)
        )
        registry.navigation.register(
            registry.NavItem(_("Home"), _("Report centre"), "federation:report_list", icon="folder2-open", order=2)
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"),
                _("Holiday calendar"),
                "federation:calendarday_list",
                "federation.view_calendarday",
                icon="calendar3",
                order=900,
            )
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"),
                _("Login log"),
                "federation:login_log",
                "federation.view_audit",
                icon="shield-lock",
                order=910,
            )
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"),
                _("Audit trail"),
                "federation:audit_log",
                "federation.view_audit",
                icon="clock-history",
                order=920,
            )
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"),
                _("Report templates"),
                "federation:reporttemplate_list",
                "federation.add_reporttemplate",
                icon="file-earmark-word",
                order=930,
            )
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"),
                _("Periodic tasks"),
                "federation:schedule_list",
                "federation.view_schedule",
                icon="alarm",
                order=940,
            )
        )
        registry.navigation.register(
            registry.NavItem(
                _("System"), _("Administration"), "admin:index", "auth.change_user", icon="gear", order=990
            )
        )
