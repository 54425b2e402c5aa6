"""What the village pairing programme registers with the core (called from ``VillagesConfig.ready()``):
role rules, navigation, the pairings and projects on enterprises' and chambers' pages, the workbench's
reports due, the figures, the statistics table, the ledger import and demo data."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation import registry, roles

VIEW = "villages.view_pairing"
SECTION = gettext_lazy("Village pairing")


def _entries(pairings, projects, limit):
    pairings = pairings.order_by("-started_on", "-pk")
    projects = projects.select_related("village__township").order_by("-start_date", "-pk")
    if limit:
        pairings, projects = pairings[:limit], projects[:limit]
    entries = [
        registry.TimelineEntry(
            when=p.started_on,
            kind=_("Village pairing"),
            title=str(p),
            url=p.get_absolute_url(),
            detail=" · ".join([p.batch, p.get_form_display(), p.get_status_display()]),
            icon="house-heart",
        )
        for p in pairings
    ]
    entries += [
        registry.TimelineEntry(
            when=p.start_date,
            kind=_("Pairing project"),
            title=p.name,
            url=p.get_absolute_url(),
            detail=" · ".join([str(p.village), p.get_project_type_display(), p.get_status_display()]),
            icon="tree",
        )
        for p in projects
    ]
    return entries


def enterprise_timeline(enterprise, limit=None):
    """An enterprise's pairings and their projects on its page (一企一档)."""
    from .models import Pairing, PairingProject

    return _entries(
        Pairing.objects.filter(enterprises=enterprise),
        PairingProject.objects.filter(pairing__enterprises=enterprise),
        limit,
    )


def chamber_timeline(chamber, limit=None):
    """A chamber's pairings and their projects on its page (一会一档)."""
    from .models import Pairing, PairingProject

    return _entries(
        Pairing.objects.filter(chambers=chamber), PairingProject.objects.filter(pairing__chambers=chamber), limit
    )


def reports_due(user):
    """Workbench: progress reports of the quarter just ended, due within its window, not yet filed."""
    if not user.has_perm("villages.add_progressreport"):
        return []
    from . import reporting

    waiting = reporting.waiting()
    if not waiting:
        return []
    items = [
        registry.WorkbenchItem(
            _("%(project)s · %(quarter)s · due by %(due)s")
            % {"project": s.project.name, "quarter": s.quarter_label, "due": f"{s.due_on:%m-%d}"},
            reverse("villages:progressreport_add", args=[s.project.pk]),
        )
        for s in waiting[:5]
    ]
    return [
        registry.WorkbenchSection(
            title=_("Village pairing reports due"),
            url=reverse("villages:progressreport_list"),
            items=items,
            count=len(waiting),
        )
    ]


def demo(stdout=None, **options):
    from .demo import seed_demo_villages

    seed_demo_villages(stdout=stdout)


def register():
    from federation.imports import registry as imports

    from . import ledgers, metrics
    from .imports import SPEC

    registry.role_rules.register(registry.RoleRule("villages", roles.LEADERSHIP, roles.reads))
    registry.role_rules.register(registry.RoleRule("villages", roles.STAFF, lambda codename: True))
    # The dashboard's 百企兴百村 block: every figure (and chart) of this app.
    registry.dashboard_blocks.register(
        registry.DashboardBlock("villages", gettext_lazy("Village pairing"), order=70, prefix="villages.")
    )
    nav = [
        (gettext_lazy("Programme overview"), "villages:overview", VIEW, "house-heart", 500),
        (gettext_lazy("Pairings"), "villages:pairing_list", VIEW, "link-45deg", 501),
        (gettext_lazy("Pairing projects"), "villages:pairingproject_list", "villages.view_pairingproject", "tree", 502),
        (gettext_lazy("Villages"), "villages:village_list", "villages.view_village", "houses", 503),
        (gettext_lazy("Townships"), "villages:township_list", "villages.view_village", "map", 504),
        (
            gettext_lazy("Quarterly reports"),
            "villages:progressreport_list",
            "villages.view_progressreport",
            "calendar-check",
            505,
        ),
        (gettext_lazy("Annual targets"), "villages:annualtarget_list", "villages.view_annualtarget", "bullseye", 506),
        (gettext_lazy("Import the pairing ledger"), "villages:pairing_import", "villages.add_pairing", "upload", 507),
    ]
    for label, url_name, perm, icon, order in nav:
        registry.navigation.register(registry.NavItem(SECTION, label, url_name, perm, icon=icon, order=order))
    registry.timeline.register(
        registry.TimelineProvider(("enterprises.enterprise",), enterprise_timeline, permission=VIEW)
    )
    registry.timeline.register(registry.TimelineProvider(("chambers.chamber",), chamber_timeline, permission=VIEW))
    registry.workbench.register(reports_due)
    registry.metrics.register(metrics.figures)
    registry.ledgers.register(ledgers.STATS_LEDGER)
    imports.register(SPEC)
    registry.demo_data.register(demo)
