"""The test suite: real PostgreSQL and Redis (its own Redis database and Celery queue)."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# Each test run gets its own database, Celery queue and cache prefix (named after the process), so
# test runs started side by side (two checkouts, two developers' terminals) never disturb each other.
RUN_ID = os.getpid()
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/federation")}
DATABASES["default"]["TEST"] = {"NAME": f"test_federation_{RUN_ID}"}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test{RUN_ID}",
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# A separate queue so that a development worker never consumes the tests' tasks.
CELERY_TASK_DEFAULT_QUEUE = f"federation-test-{RUN_ID}"
CELERY_REPORT_QUEUE = f"reports-test-{RUN_ID}"
CELERY_TASK_ROUTES = {name: {"queue": CELERY_REPORT_QUEUE} for name in CELERY_TASK_ROUTES}  # noqa: F405
CELERY_TASK_QUEUES = (Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(CELERY_REPORT_QUEUE))  # noqa: F405
# Tasks run in-process unless a test asks for the real worker (fixture `celery_worker`).
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Empty forms rendered every time (federation.fragments), so that query counts do not depend on
# which test ran first in the process; tests of the keeping turn it on.
PAGE_FRAGMENT_TTL = 0
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "artifacts" / "test-media")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client's host, so that absolute links in tests read like the pages they came from.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://testserver").rstrip("/")
