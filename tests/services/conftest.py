import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit and captcha counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
