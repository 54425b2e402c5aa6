"""`make load`: 50 users for LOAD_SECONDS (default 60) against the production stack (`make run-prod`).

Half the users are enterprises on the public request form: they open it (GET) and submit it (a real
POST: CSRF token from the page, the captcha solved with the server's SECRET_KEY, see
``scripts/stack.py:solve_captcha``), again and again. The other half are staff members, each signed
in through the sign-in form with a session of their own, going round the enterprise list, the
request inbox and the chamber register. Reported per page: throughput, p50/p95 of the right answers,
errors by status; written to ``artifacts/load/latest.json`` (and a timestamped copy). Targets: no
errors, p95 ≤ 500 ms (exit 1 when missed).

By default it starts its own stack on private services (scripts/stack.py: PostgreSQL on 5433, Redis
on 6380, removed afterwards) with the public form's address limit lifted (every simulated enterprise
comes from 127.0.0.1). ``LOAD_URL=http://127.0.0.1:8000`` loads a stack that is already running
(its SECRET_KEY from ``SECRET_KEY`` or artifacts/run-prod/secret-key, as run_prod.sh keeps it; its
``SERVICES_SUBMIT_LIMIT`` must allow the posts, or they count as 429 errors).

Each user pauses LOAD_THINK seconds (2 on average) between pages, as a person reads a page or fills
in the form; LOAD_THINK=0 makes every user ask again as soon as answered, which measures the
server's saturation rather than 50 people.

Environment: LOAD_SECONDS (60), LOAD_USERS (50), LOAD_WARMUP (3), LOAD_THINK (2), LOAD_USER /
LOAD_PASSWORD (the demo ``staff``), LOAD_PORT (8790, own stack only).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack
from stack import ROOT, log

from bench import loadgen

P95_TARGET_MS = 500
STAFF_PAGES = {
    "enterprise list": "/enterprises/",
    "request inbox": "/services/requests/",
    "chamber list": "/chambers/",
}


def settings_from_env() -> dict:
    return {
        "seconds": float(os.environ.get("LOAD_SECONDS", "60")),
        "users": int(os.environ.get("LOAD_USERS", "50")),
        "warmup": float(os.environ.get("LOAD_WARMUP", "3")),
        "username": os.environ.get("LOAD_USER", "staff"),
        "password": os.environ.get("LOAD_PASSWORD", stack.DEMO_PASSWORD),
        "url": os.environ.get("LOAD_URL", ""),
        "port": int(os.environ.get("LOAD_PORT", "8790")),
        "think": float(os.environ.get("LOAD_THINK", "2")),
    }


async def think(seconds: float, stop: float) -> None:
    """A person's pause between two pages: ``seconds`` on average (uniform from half to one and a half
    times it, so the users do not march in step), never past the end of the run. 0: no pause, every
    user asks again as soon as answered (the server's saturation, not 50 people)."""
    if seconds > 0:
        await asyncio.sleep(min(random.uniform(0.5, 1.5) * seconds, max(0.0, stop - time.perf_counter())))


def public_user(port: int, stats: loadgen.Stats, marker: str, posts: list, pause: float = 0):
    """An enterprise: open the form, fill it in (``pause``), submit it, open it again."""

    async def run(stop):
        client = loadgen.Client(port)
        while time.perf_counter() < stop:
            page = await client.get(stack.SUBMIT)
            ok = page.status == 200 and 'name="captcha_token"' in page.text
            stats.add("public form GET", page, ok)
            await think(pause, stop)
            if not ok or time.perf_counter() >= stop:
                continue
            sent = await client.post(stack.SUBMIT, stack.request_form_data(page.text, marker))
            done = sent.status == 302 and sent.header("location").endswith(stack.SUBMITTED)
            stats.add("public form POST", sent, done)
            posts.append(done)
            await think(pause, stop)

    return run


def staff_user(client: loadgen.Client, stats: loadgen.Stats, pause: float = 0):
    """A staff member going round the three list pages with their own session, reading each one
    for ``pause`` seconds."""

    async def run(stop):
        while time.perf_counter() < stop:
            for name, path in STAFF_PAGES.items():
                response = await client.get(path)
                stats.add(name, response, response.status == 200)
                await think(pause, stop)

    return run


async def sign_in_all(port: int, count: int, username: str, password: str) -> list[loadgen.Client]:
    """``count`` sessions, five sign-ins at a time (each hashes the password: the slow part)."""
    gate = asyncio.Semaphore(5)

    async def one():
        async with gate:
            return await stack.sign_in(port, username, password)

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def load(port: int, cfg: dict) -> tuple[dict, dict]:
    marker = f"负载测试 {uuid.uuid4().hex[:8]}"
    staff_count = cfg["users"] // 2
    log(f"signing in {staff_count} staff sessions as {cfg['username']}")
    sessions = await sign_in_all(port, staff_count, cfg["username"], cfg["password"])
    if cfg["warmup"]:
        warm = loadgen.Stats()
        await loadgen.run_users(
            [public_user(port, warm, marker + " 预热", []), staff_user(sessions[0], warm)] * 4, cfg["warmup"]
        )
    stats, posts = loadgen.Stats(), []
    users = [public_user(port, stats, marker, posts, cfg["think"]) for _ in range(cfg["users"] - staff_count)]
    users += [staff_user(client, stats, cfg["think"]) for client in sessions]
    log(f"{len(users)} users for {cfg['seconds']:g} s, {cfg['think']:g} s between pages on average")
    load_before = os.getloadavg()
    wall = await loadgen.run_users(users, cfg["seconds"])
    summary = stats.summary(wall)
    summary["machine"] = {
        "cores": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "shared": True,
    }
    summary["think_seconds"] = cfg["think"]
    return summary, {"marker": marker, "posts_ok": sum(posts)}


def targets(summary: dict) -> list[tuple[str, bool, str]]:
    """(check, passed, what was measured) for the issue's targets: no errors, p95 ≤ 500 ms, per page."""
    checks = []
    for name, page in summary["pages"].items():
        checks.append((f"{name}: no errors", page["errors"] == 0, f"{page['errors']} {page['errors_by_status']}"))
        p95 = page["p95_ms"]
        checks.append((f"{name}: p95 ≤ {P95_TARGET_MS} ms", p95 is not None and p95 <= P95_TARGET_MS, f"{p95} ms"))
    return checks


def table(summary: dict) -> str:
    lines = [f"{'page':<18} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  errors"]
    for name, p in summary["pages"].items():
        lines.append(
            f"{name:<18} {p['requests']:>8} {p['rps']:>7} {p['p50_ms'] or '-':>8} {p['p95_ms'] or '-':>8}"
            f" {p['max_ms'] or '-':>8}  {p['errors']} {p['errors_by_status'] or ''}"
        )
    t = summary["total"]
    lines.append(f"{'all':<18} {t['requests']:>8} {t['rps']:>7} {'':>8} {t['p95_ms'] or '-':>8} {'':>8}  {t['errors']}")
    return "\n".join(lines)


def write_json(summary: dict) -> Path:
    out = ROOT / "artifacts" / "load"
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    (out / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text)
    (out / "latest.json").write_text(text)
    return out / "latest.json"


def count_created(marker: str) -> int:
    from services.requests.models import ServiceRequest

    return ServiceRequest.objects.filter(title=marker).count()


def main() -> int:
    cfg = settings_from_env()
    services = own = None
    try:
        if cfg["url"]:
            port = int(cfg["url"].rsplit(":", 1)[1].strip("/"))
            secret = os.environ.get("SECRET_KEY") or (ROOT / "artifacts/run-prod/secret-key").read_text().strip()
            from django.conf import settings

            settings.configure(SECRET_KEY=secret, USE_I18N=False)
            import django

            django.setup()
        else:
            port = cfg["port"]
            services = stack.PrivateServices()
            services.start()
            env = stack.stack_env(
                services,
                port,
                SERVICES_SUBMIT_LIMIT="1000000",  # every simulated enterprise posts from 127.0.0.1
                GUNICORN_ACCESS_LOG=str(services.root / "access.log"),
            )
            own = stack.Stack(env, ROOT / "artifacts" / "load" / "stack.log")
            own.start()
            stack.setup_django(env)
        summary, posts = asyncio.run(load(port, cfg))
        summary["users"] = cfg["users"]
        summary["stack"] = cfg["url"] or f"own run_prod.sh on 127.0.0.1:{port}, private PostgreSQL and Redis"
        summary["public_form_posts_ok"] = posts["posts_ok"]
        if own is not None:
            summary["public_form_requests_created"] = count_created(posts["marker"])
        print(table(summary))
        checks = targets(summary)
        if "public_form_requests_created" in summary:
            created, said = summary["public_form_requests_created"], posts["posts_ok"]
            checks.append(
                ("each successful post stored one request", created == said, f"{created} stored, {said} said so")
            )
        summary["checks"] = [{"check": c, "ok": ok, "measured": m} for c, ok, m in checks]
        for check, ok, measured in checks:
            print(f"{'OK  ' if ok else 'MISS'} {check:<44} {measured}")
        log(f"written {write_json(summary)}")
        return 0 if all(ok for _c, ok, _m in checks) else 1
    finally:
        if own is not None:
            own.stop()
        if services is not None:
            services.stop()


if __name__ == "__main__":
    sys.exit(main())
