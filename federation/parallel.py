"""Independent read-only work of one page spread over a few threads, each with its own database
connection, so that the database answers several of the page's queries at once.

The dashboard's figures come from a dozen providers that wait on PostgreSQL most of their time, one
after another; on the portal's two-core servers, running the apps' providers side by side roughly
halves the time to build the page when nothing is cached. Only reads belong here: each thread has
its own connection and its own transaction.

Everything a provider may read from the request's thread is carried over: the active language (the
figures' labels), the script prefix and URLconf (their list links), and the context variables (the
``registry.gathering`` store, so that a grouped query is still run once per build).

The work runs in the caller's thread, one call after another, when threads would not see the same
data or would not help: inside a transaction (every test, and any caller holding uncommitted
writes), on SQLite (the embedded default), or with ``PARALLEL_THREADS`` below 2.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.conf import settings
from django.db import close_old_connections, connection
from django.urls import get_script_prefix, get_urlconf, set_script_prefix, set_urlconf
from django.utils import translation

T = TypeVar("T")

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=settings.PARALLEL_THREADS, thread_name_prefix="portal-parallel")
        return _pool


def allowed() -> bool:
    """Whether ``run_all`` may use threads here (see the module's docstring)."""
    return settings.PARALLEL_THREADS > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block


def run_all(calls: list[Callable[[], T]]) -> list[T]:
    """Each call's result, in the order of ``calls``; the calls run side by side in the pool's
    threads when ``allowed()``, else one after another here. An exception in a call is raised here."""
    if len(calls) < 2 or not allowed():
        return [call() for call in calls]
    language, prefix, urlconf = translation.get_language(), get_script_prefix(), get_urlconf()

    def as_the_caller(call):
        # Inside the copied context: Django keeps the language, the prefix and the URLconf in
        # asgiref locals, which a context copy does not carry into another thread.
        set_script_prefix(prefix)
        set_urlconf(urlconf)
        with translation.override(language):
            return call()

    def in_thread(call, context):
        # As a request's start and end do: a connection past its age (CONN_MAX_AGE) or broken is
        # closed, before and after, so a thread keeps its connection no longer than a request would.
        close_old_connections()
        try:
            return context.run(as_the_caller, call)
        finally:
            close_old_connections()

    # One copy of the context per call (a context runs in one thread at a time); the copies share
    # the values themselves, such as the gathering's store.
    futures = [_executor().submit(in_thread, call, contextvars.copy_context()) for call in calls]
    return [future.result() for future in futures]
