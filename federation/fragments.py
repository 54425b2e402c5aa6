"""Parts of a page that are the same for every visitor, rendered once per worker process.

An empty form (the public request form, a list's filters before any filter is chosen) renders to
the same HTML for everyone who reads the same language; its widgets cost most of the page. Kept in
the process's memory (no cache round trip) for ``PAGE_FRAGMENT_TTL`` seconds, so that choices read
from the database (districts, industry sections) follow an admin change within that time (0, as
in the test settings: rendered every time). Anything bound
to what a visitor typed, or to who they are, is never kept here.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import get_language

_kept: dict[tuple, tuple[float, object]] = {}


def once_per_process(name: str, render: Callable[[], object]):
    """``render()``'s result for ``name`` in the active language, rendered at most every
    ``PAGE_FRAGMENT_TTL`` seconds."""
    ttl = settings.PAGE_FRAGMENT_TTL
    if ttl <= 0:
        return render()
    key = (name, get_language())
    kept = _kept.get(key)
    now = time.monotonic()
    if kept and kept[0] > now:
        return kept[1]
    value = render()
    _kept[key] = (now + ttl, value)
    return value


def forget() -> None:
    """Drop everything kept (tests)."""
    _kept.clear()
