"""A per-address rate limit on the Django cache (Redis in production and tests) for public forms.

Counters are fixed windows: the first hit of a window creates the key with the window as its
timeout, later hits increment it. Nothing here knows which form it protects: callers name a scope.

When the cache cannot be reached the counters fall back to this process's memory (with a logged
warning) instead of answering 500 or dropping the limits: a public form keeps working while Redis
is down, and a flood from one address is still capped — at the limit times the number of web
worker processes, since each counts on its own. (A database counter would add writes to the one
database exactly while it is flooded; no limit at all would leave the forms open to the abuse the
limits exist for, on a site whose outage anyone can read on /healthz.)
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# Where the counters go while the cache is down (one per process).
_fallback = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})
_warned_at = 0.0


def guarded(operation):
    """Run ``operation(store)`` on the cache, or on this process's memory when the cache fails: the
    one way public pages use the cache (rate limits, the captcha's used tokens), so that they keep
    working, and keep their limits per process, while Redis is down."""
    global _warned_at
    try:
        return operation(cache)
    except Exception:
        if time.monotonic() - _warned_at > 60:  # once a minute, not once a request
            _warned_at = time.monotonic()
            logger.warning("rate limits: the cache is unreachable, counting in this process", exc_info=True)
        return operation(_fallback)


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

    def count_one(store):
        if store.add(key, 1, timeout=window):
            return 1
        try:
            return store.incr(key)
        except ValueError:  # expired between add and incr
            store.add(key, 1, timeout=window)
            return 1

    return guarded(count_one)


def count(scope: str, ident: str) -> int:
    """Events counted so far in the current window."""
    return int(guarded(lambda store: store.get(_key(scope, ident))) or 0)


def is_limited(scope: str, ident: str, limit: int) -> bool:
    """Whether ``ident`` has used up its ``limit`` in the current window (without counting)."""
    return count(scope, ident) >= limit


def reset(scope: str, ident: str) -> None:
    guarded(lambda store: store.delete(_key(scope, ident)))


def limit_request(request, scope: str, limit: int, window: int) -> bool:
    """Count this request against its address; True when it is over the limit (refuse it)."""
    return hit(scope, client_address(request), window) > limit
