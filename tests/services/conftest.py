import pytest

from tests.kit import clear_run_cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit and captcha counters live in the cache: each test starts with none (of this run's)."""
    clear_run_cache()
    yield
    clear_run_cache()
