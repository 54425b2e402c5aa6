"""Template context available on every page: the portal's title and the user's navigation."""

import hashlib

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import fragments, registry
from .region import portal_title


def portal(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {"PORTAL_NAME": portal_title(), "sidebar": (lambda: sidebar(request)) if signed_in else ""}


def sidebar(request) -> str:
    """The side navigation of the signed-in user with the current page marked. Its links depend only
    on the user's permissions, so the HTML is rendered once per process for each set of them (about
    forty URL reversals and a nested loop, a third of a cached dashboard's time) and the current
    page's link is marked in the kept HTML."""
    user = request.user
    perms = "superuser" if user.is_active and user.is_superuser else "\n".join(sorted(user.get_all_permissions()))
    name = "sidebar:" + hashlib.sha256(perms.encode()).hexdigest()[:16]
    html = fragments.once_per_process(
        name, lambda: render_to_string("includes/sidebar_nav.html", {"nav_sections": registry.nav_for(user)})
    )
    link = f'<a class="nav-link" href="{escape(request.path)}">'
    return mark_safe(
        html.replace(link, f'<a class="nav-link active" aria-current="page" href="{escape(request.path)}">')
    )
