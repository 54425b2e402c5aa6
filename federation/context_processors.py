"""Template context available on every page: the portal's name and the user's navigation."""

from django.conf import settings

from . import registry


def portal(request):
    user = getattr(request, "user", None)
    nav = registry.nav_for(user) if user is not None and user.is_authenticated else []
    return {"PORTAL_NAME": settings.PORTAL_NAME, "nav_sections": nav}
