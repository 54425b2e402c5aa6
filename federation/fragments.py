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


def _hole(name: str) -> str:
    return f"@@page-hole:{name}@@"


def _same_for_every_visitor(request) -> bool:
    """An anonymous GET of the bare URL, with no message waiting: the page is the same for everyone
    but for its holes. A signed-in user (the top bar shows their name) or a redirect's message gets
    the page rendered afresh."""
    from django.contrib.messages import get_messages

    if request.method != "GET" or request.GET or request.user.is_authenticated:
        return False
    return not list(get_messages(request))  # reading leaves them in place when there are none


def page_with_holes(request, name: str, render: Callable[[dict], str], values: dict[str, str]) -> str:
    """A whole page kept per process (like ``once_per_process``) with a few per-visit ``values``
    (the CSRF token, a captcha's picture and token) filled into it for each request.

    ``render(values)`` renders the page with ``values`` in its context. When the page is the same for
    every visitor (``_same_for_every_visitor``) it is rendered once with a marker in place of each
    value and the markers are then replaced; otherwise it is rendered with the values themselves.
    Values must not need escaping (tokens, markup the caller already made safe)."""
    if settings.PAGE_FRAGMENT_TTL <= 0 or not _same_for_every_visitor(request):
        return render(values)
    page = once_per_process(f"page:{name}:{request.path}", lambda: render({key: _hole(key) for key in values}))
    for key, value in values.items():
        page = page.replace(_hole(key), value)
    return page
