"""Template context available on every page: the portal's title and the user's navigation."""

from . import registry
from .region import portal_title


def portal(request):
    user = getattr(request, "user", None)
    nav = registry.nav_for(user) if user is not None and user.is_authenticated else []
    return {"PORTAL_NAME": portal_title(), "nav_sections": nav}
