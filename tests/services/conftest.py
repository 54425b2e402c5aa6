import pytest
from django.conf import settings
from django.core.cache import cache


def _clear_this_runs_keys():
    # cache.clear() would FLUSHDB the Redis database every test run shares, wiping the counters of
    # a run going on side by side (and making its rate-limit tests flaky): delete our keys only.
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not prefix or "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit and captcha counters live in the cache: each test starts with none."""
    _clear_this_runs_keys()
    yield
    _clear_this_runs_keys()
