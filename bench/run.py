"""`make bench`: build the 250,000-enterprise data set on PostgreSQL, measure, print, save JSON.

Uses its own database (default postgres://postgres@127.0.0.1:5432/federation_bench, override with
BENCH_DATABASE_URL) so it never touches the development or test databases. The data set is built
once and reused while it has the right size (BENCH_ENTERPRISES, default 250000).
"""

import importlib
import json
import os
import platform
import sys
import time
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
# bench/settings.py: the test settings made production-like (DEBUG off, page fragments kept per
# process as production keeps them; the test settings turn that off so tests see every render).
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/federation_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")

SIZE = int(os.environ.get("BENCH_ENTERPRISES", "250000"))
# BENCH_ONLY=records (or imports, chambers, policies, dashboard, reports, load) runs one module; the JSON then holds only its measures.
MODULES = [
    f"bench.{m}"
    for m in os.environ.get("BENCH_ONLY", "records,imports,chambers,policies,dashboard,reports,load").split(",")
]


def ensure_database():
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"], password=db.get("PASSWORD") or None
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cursor.fetchone():
            cursor.execute(
                f"CREATE DATABASE \"{db['NAME']}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    conn.close()


def main():
    import django

    django.setup()
    ensure_database()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from bench.harness import Bench
    from enterprises.models import Enterprise

    call_command("migrate", "--noinput", verbosity=0)
    count = Enterprise.objects.count()
    if count < SIZE:
        start = time.perf_counter()
        call_command("seed_demo", "--enterprises", str(SIZE), verbosity=0)
        print(f"seeded {SIZE} enterprises in {time.perf_counter() - start:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_superuser": True, "is_staff": True})
    bench = Bench(user)
    print(
        f"{Enterprise.objects.count()} enterprises; {bench.n} timed requests after {bench.warmup} warm-up", flush=True
    )
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                print(f"(no {name} yet)")
                continue
            raise
        module.run(bench)

    missed = [r.name for r in bench.results if not r.ok]
    out = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "enterprises": Enterprise.objects.count(),
        "results": bench.as_json(),
        "missed": missed,
    }
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "latest.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
    print(
        f"\n{len(bench.results) - len(missed)}/{len(bench.results)} measures met their target; bench/results/latest.json written"
    )
    if missed:
        print("missed: " + ", ".join(missed))


if __name__ == "__main__":
    main()
