"""What the chambers app contributes to the core's registries (navigation, metrics, ledgers, role
rules). Called from ``ChambersConfig.ready()``; each part keeps its own block."""

from django.utils.translation import gettext_lazy as _

from federation import registry

SECTION = _("Chambers of commerce")


def register():
    register_cleanup()


def register_cleanup():
    """The clean-up candidates, the coverage page and the 商会统计表."""
    from . import ledgers

    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Clean-up candidates"), "chambers:candidates", "chambers.view_chamber", "clipboard-check", 215
        )
    )
    registry.navigation.register(
        registry.NavItem(SECTION, _("Coverage of key areas"), "chambers:coverage", "chambers.view_keyarea", "map", 216)
    )
    registry.ledgers.register(ledgers.CHAMBER_LEDGER)
    # The figures link to the chamber list (``chambers:chamber_list``, the records part) filtered by
    # ``figure_filters``: they are registered once that list exists —
    #     registry.metrics.register(metrics.chamber_figures)
