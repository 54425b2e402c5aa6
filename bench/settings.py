"""Settings of every benchmark (bench/run.py measures in-process with them, and the loopback gunicorn
that ``bench/load.py`` starts uses them too): the test settings on the bench database (DATABASE_URL,
set by bench/run.py), made as production-like as a loopback allows —
DEBUG off (so templates are compiled once per worker by the cached loader), persistent database
connections, one cache prefix shared by all workers, and the bench-only URLs (``bench/urls.py``)."""

from federation.settings.test import *  # noqa: F403
from federation.settings.test import CACHES, DATABASES, LOGGING

DEBUG = False
ROOT_URLCONF = "bench.urls"
PAGE_FRAGMENT_TTL = 300  # as in production (test.py turns it off)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# test.py names the cache prefix after the process: here every worker must share one.
CACHES["default"]["KEY_PREFIX"] = "bench-load"
# The application log at WARNING (production writes INFO to a file; a console line per sign-in
# or per request would measure the terminal).
LOGGING = {**LOGGING, "root": {"handlers": list(LOGGING.get("root", {}).get("handlers", [])), "level": "WARNING"}}
