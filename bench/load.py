"""Load benchmark (issue 9): a loopback gunicorn (4 sync workers, bench/settings.py) on the bench
database, and 50 concurrent connections from an asyncio load generator in this process, each for
``BENCH_LOAD_SECONDS`` (default 8) after a short warm-up. Reports requests per second, p95 and
errors of:

* ``bare``   — a Django view rendering a minimal template (bench/urls.py): the machine's ceiling;
* ``form``   — the public request form (``services:request_submit``; captcha, CSRF, session);
* ``list``   — the staff enterprise list, signed in through a session cookie;
* ``admin``  — the Django admin changelist of enterprises on the same data.

Targets (relative, measured in the same run, since machines of one kind differ threefold):
form ≥ 40 % of bare, list ≥ 2 × admin, no errors. Run alone: ``BENCH_ONLY=load make bench``.
Machines are shared: ``BENCH_LOAD_SECONDS`` and ``BENCH_LOAD_CONNECTIONS`` shorten a run.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time

from bench import loadgen
from bench.harness import ROOT, Result

SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "8"))
WARMUP = float(os.environ.get("BENCH_LOAD_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _one(port: int, path: str, cookie: str) -> int:
    """One GET on a fresh connection (gunicorn's sync workers close after each response); the status."""
    response = await loadgen.fetch(port, "GET", path, headers={"Cookie": cookie} if cookie else None)
    return response.status


async def _load(port: int, path: str, cookie: str, seconds: float, connections: int):
    """``connections`` clients in a loop for ``seconds`` (bench/loadgen.py): (latencies in ms, errors)."""
    stats = loadgen.PageStats()

    async def client(stop):
        while time.perf_counter() < stop:
            response = await loadgen.fetch(port, "GET", path, headers={"Cookie": cookie} if cookie else None)
            stats.add(response, response.status == 200)

    await loadgen.run_users([client] * connections, seconds)
    return stats.ok_ms, sum(stats.errors.values())


def measure(port: int, path: str, cookie: str = "") -> dict:
    asyncio.run(_load(port, path, cookie, WARMUP, min(CONNECTIONS, 8)))
    start = time.perf_counter()
    latencies, errors = asyncio.run(_load(port, path, cookie, SECONDS, CONNECTIONS))
    wall = time.perf_counter() - start
    return {
        "rps": round(len(latencies) / wall, 1),
        "p95_ms": round(loadgen.percentile(latencies, 0.95), 1) if latencies else None,
        "requests": len(latencies),
        "errors": errors,
    }


def _session_cookie(user) -> str:
    """A signed-in session for ``user`` in the bench database, as the browser would send it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(3600)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _start_gunicorn(port: int):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": ROOT}
    argv = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "federation.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--backlog=2048",
        "--timeout=60",
        "--log-level=warning",
    ]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn did not start: " + proc.stderr.read().decode(errors="replace")[-2000:])
        try:
            if asyncio.run(_one(port, "/bench/bare/", "")) == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def run(bench):
    from django.urls import reverse

    cookie = _session_cookie(bench.user)  # the bench superuser: staff list and admin alike
    port = _free_port()
    targets = {
        "bare": ("/bench/bare/", ""),
        "form": (reverse("services:request_submit"), ""),
        "list": (reverse("enterprises:enterprise_list"), cookie),
        "admin": (reverse("admin:enterprises_enterprise_changelist"), cookie),
    }
    proc = _start_gunicorn(port)
    figures = {}
    try:
        for name, (path, cookie_) in targets.items():
            figures[name] = measure(port, path, cookie_)
            f = figures[name]
            print(
                f"     load {name:<6} {path:<40} {f['rps']:>7.1f} req/s  p95 {f['p95_ms'] or 0:>7.1f} ms"
                f"  errors {f['errors']}  ({CONNECTIONS} connections, {SECONDS:g} s, {WORKERS} workers)",
                flush=True,
            )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    errors = sum(f["errors"] for f in figures.values())
    form_share = figures["form"]["rps"] / figures["bare"]["rps"] if figures["bare"]["rps"] else 0
    list_ratio = figures["list"]["rps"] / figures["admin"]["rps"] if figures["admin"]["rps"] else 0
    for name, ok, target, value in (
        ("load: public form / bare view (req/s)", form_share >= 0.4 and errors == 0, "≥ 0.40, 0 errors", form_share),
        ("load: staff list / admin changelist (req/s)", list_ratio >= 2 and errors == 0, "≥ 2.0, 0 errors", list_ratio),
    ):
        result = Result(name=name, kind="load", target=target, ok=ok, ratio=round(value, 3), extra=figures)
        bench.results.append(result)
        print(f"{'OK  ' if ok else 'MISS'} {name:<44} {value:.2f}  ({target})", flush=True)
