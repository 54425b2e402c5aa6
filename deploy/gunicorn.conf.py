"""gunicorn's settings for the portal (``gunicorn -c deploy/gunicorn.conf.py federation.wsgi``).

Sync workers sized for the cores (2 × cores + 1, at most 9): the portal's pages are short database
round trips, and a sync worker per request is the simplest thing that survives a slow client behind
nginx (nginx buffers the request and the response)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
# Above the longest page (an import's dry run of a large file is a background task, not a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory)
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# nginx on the same machine is the only client; trust its X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1"
