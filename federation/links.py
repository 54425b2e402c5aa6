"""Absolute addresses for the world outside the browser session: QR codes and links in emails."""

from django.conf import settings


def public_url(path: str) -> str:
    """``path`` (e.g. ``reverse(...)``) on the portal's public address, ``settings.PUBLIC_BASE_URL``.

    A full URL is returned unchanged, and an empty path stays empty (nothing to link to).
    """
    if not path or "://" in path:
        return path
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/{path.lstrip('/')}"
