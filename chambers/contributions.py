"""What the chambers app registers with the core (called from ``ChambersConfig.ready()``):
navigation, timelines, figures, ledgers. Each part of the registry keeps a block of its own."""

from django.utils.translation import gettext_lazy as _

from federation import registry

SECTION = _("Chamber management")


def register():
    register_records()
    register_cleanup()


def register_records():
    """The chamber register and its record pages (一会一档), and memberships on enterprise pages."""
    from . import timeline

    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Chamber register"), "chambers:chamber_list", "chambers.view_chamber", icon="bank", order=200
        )
    )
    registry.timeline.register(registry.TimelineProvider(("chambers.chamber",), timeline.chamber_timeline))
    registry.timeline.register(registry.TimelineProvider(("enterprises.enterprise",), timeline.enterprise_timeline))


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
    registry.metrics.register(metrics.chamber_figures)
