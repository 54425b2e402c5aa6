"""Addresses: absolute ones for the world outside the browser session (QR codes, links in emails),
and row links for long pages."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode

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


@functools.cache
def _path(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def list_url(name: str, query: dict | None = None, **filters) -> str:
    """The address of the list view ``name`` (one taking no arguments) filtered by ``query`` and
    ``filters``; empty values (None, "") are left out, as a list's filter form leaves them out. The
    path is reversed once per process (per URLconf and script prefix): the dashboard links some
    six hundred figures and bars to their lists, and ``reverse()`` for each was a tenth of the page."""
    path = _path(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    params = {k: getattr(v, "pk", v) for k, v in {**(query or {}), **filters}.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path
