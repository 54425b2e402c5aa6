"""Addresses: absolute ones for the world outside the browser session (QR codes, links in emails),
and row links for long pages."""

from django.conf import settings
from django.urls import reverse

_SENTINEL = 9876543210


def public_url(path: str) -> str:
    """``path`` (e.g. ``reverse(...)``) on the portal's public address, ``settings.PUBLIC_BASE_URL``.

    A full URL is returned unchanged, and an empty path stays empty (nothing to link to).
    """
    if not path or "://" in path:
        return path
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/{path.lstrip('/')}"


def url_maker(name: str):
    """A function ``pk -> URL`` of the view ``name`` taking one integer: reversed once, then only a
    string format per row. ``reverse()`` costs about a tenth of a millisecond, which a page of
    hundreds of rows (a chamber's members, the clean-up candidates) feels."""
    template = reverse(name, args=[_SENTINEL]).replace(str(_SENTINEL), "{}")
    return template.format
