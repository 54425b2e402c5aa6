"""What the chambers app registers with the core (called from ``ChambersConfig.ready()``).

Each part of the registry keeps its registrations in a block of its own."""

from django.utils.translation import gettext_lazy as _

from federation import registry

SECTION = _("Chamber management")


def register():
    # --- chamber records (一会一档) ---
    from . import timeline

    registry.navigation.register(
        registry.NavItem(
            SECTION, _("Chamber register"), "chambers:chamber_list", "chambers.view_chamber", icon="bank", order=200
        )
    )
    registry.timeline.register(registry.TimelineProvider(("chambers.chamber",), timeline.chamber_timeline))
    registry.timeline.register(registry.TimelineProvider(("enterprises.enterprise",), timeline.enterprise_timeline))
    # --- end chamber records ---
