"""The shared test kit: what every app's tests need beyond their factories.

``check_roles`` asks one URL as every member of the cast (the role fixtures of the root
``conftest.py``, plus an anonymous visitor) and reports every role whose answer differs from the
expected one at once. Tests use it through the ``assert_roles`` fixture::

    assert_roles(url, {"admin": 200, "leader": 200, "staff": 200,
                       "secretary": 403, "outsider": 403, "anonymous": 302})
"""

from collections.abc import Callable, Mapping

from django.test import Client
from django.urls import reverse

# The cast: every role a protected page must be tried with (anonymous is no user at all).
CAST = ("admin", "leader", "staff", "secretary", "outsider", "anonymous")


def check_roles(
    users: Mapping,
    url: str | Callable[[], str],
    expected: Mapping[str, int],
    method: str = "get",
    data: Mapping | Callable[[], Mapping] | None = None,
) -> None:
    """Ask ``url`` as every role of the cast and assert each role's status code.

    ``expected`` must name every role of the cast, so that no role is forgotten. A 302 for the
    anonymous visitor must lead to the login page. ``url`` and ``data`` may be callables, for a
    request that changes what the next one sees (e.g. a POST that uses up a version number)."""
    missing, unknown = set(CAST) - set(expected), set(expected) - set(CAST)
    assert not missing and not unknown, (
        f"expected must name every role of the cast: missing {missing}, unknown {unknown}"
    )
    wrong = []
    for role in CAST:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        target = url() if callable(url) else url
        payload = data() if callable(data) else data
        response = getattr(client, method.lower())(target, payload or {})
        status = response.status_code
        if status != expected[role]:
            wrong.append(f"{role}: {status} (expected {expected[role]})")
        elif role == "anonymous" and status == 302 and not response["Location"].startswith(reverse("login")):
            wrong.append(f"anonymous: redirected to {response['Location']}, not to the login page")
    assert not wrong, f"{method.upper()} {target}: " + "; ".join(wrong)


def roles_map(allowed, yes: int = 200, no: int = 403, anonymous: int = 302) -> dict[str, int]:
    """``{"admin": 200, ..., "outsider": 403, "anonymous": 302}`` from the roles that may pass."""
    return {role: (anonymous if role == "anonymous" else yes if role in allowed else no) for role in CAST}


def clear_run_cache() -> None:
    """Empty this test run's part of the cache, and only that.

    ``cache.clear()`` on Redis is FLUSHDB: it would also wipe the counters and the Celery queue of
    every other test run sharing the Redis database (each run has its own key prefix and queue,
    ``federation/settings/test.py``), so a run next door loses its rate-limit counts mid-test."""
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
    if keys:
        client.delete(*keys)
