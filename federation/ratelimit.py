"""A per-address rate limit on the Django cache (Redis in production and tests) for public forms.

Counters are fixed windows: the first hit of a window creates the key with the window as its
timeout, later hits increment it. Nothing here knows which form it protects: callers name a scope.
"""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address. The proxy's headers are trusted only when settings say a proxy sets
    them (``RATELIMIT_TRUSTED_PROXY``, on in production behind nginx); otherwise anyone could forge
    them. Of ``X-Forwarded-For`` the last address counts: the one the proxy appended for the
    connection it received — any address before it is whatever the client chose to send."""
    if settings.RATELIMIT_TRUSTED_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ident: str) -> str:
    return f"ratelimit:{scope}:{ident}"


def hit(scope: str, ident: str, window: int) -> int:
    """Count one event for ``ident`` in ``scope``; returns the count in the current window."""
    key = _key(scope, ident)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def count(scope: str, ident: str) -> int:
    """Events counted so far in the current window."""
    return int(cache.get(_key(scope, ident)) or 0)


def is_limited(scope: str, ident: str, limit: int) -> bool:
    """Whether ``ident`` has used up its ``limit`` in the current window (without counting)."""
    return count(scope, ident) >= limit


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))


def limit_request(request, scope: str, limit: int, window: int) -> bool:
    """Count this request against its address; True when it is over the limit (refuse it)."""
    return hit(scope, client_address(request), window) > limit
