"""Before the tests: are PostgreSQL and Redis reachable? Say which is not and how to start it."""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

problems = []
try:
    # The tests create their own database: what must answer is the server (its maintenance database).
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1")
        # Each run's database is named after its process (settings/test.py); drop those of runs
        # that were killed before they could clean up.
        cursor.execute("SELECT datname FROM pg_database WHERE datname ~ '^test_federation_[0-9]+$'")
        for (name,) in cursor.fetchall():
            pid = int(name.rsplit("_", 1)[1])
            if not os.path.exists(f"/proc/{pid}"):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                print(f"dropped the database of an interrupted test run: {name}")
except Exception as exc:
    db = settings.DATABASES["default"]
    problems.append(
        f"PostgreSQL is not reachable at {db.get('HOST')}:{db.get('PORT')} ({exc.__class__.__name__}: "
        f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}).\n"
        "  Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
        "  or point DATABASE_URL at a running server."
    )
try:
    import redis

    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
except Exception as exc:
    problems.append(
        f"Redis is not reachable at {settings.REDIS_URL} ({exc.__class__.__name__}).\n"
        '  Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n'
        "  or point REDIS_URL at a running server."
    )
if problems:
    print("The test suite needs PostgreSQL and Redis:\n" + "\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"services ok: PostgreSQL and Redis ({os.environ.get('DJANGO_SETTINGS_MODULE')})")
