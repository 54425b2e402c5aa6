"""`make faults`: three faults against the production stack on private services, with checks.

It starts its own PostgreSQL (5433) and Redis (6380) and ``scripts/run_prod.sh`` on them
(scripts/stack.py), never the shared 5432 and 6379, and removes them at the end. It runs the Celery
worker itself (``RUN_PROD_WORKER=0``) so that it can kill it. ``REPORT_STALE_AFTER=1`` (minute) so
the stale rule is seen within the run instead of after 35 minutes.

1. **Worker killed** (SIGKILL of the worker and its pool) while the monthly report is being built:
   the report must end failed by the stale rule (with its reason, retryable) or be rebuilt, never stay
   "generating"; retried, it is built.
2. **PostgreSQL restarted** (fast stop, a few seconds down, start) under a short load of public
   submissions and staff lists: every failed answer is the Chinese error page (no hang, no reset, no
   English traceback), answers recover after it, every success stored its request (complete, with its
   history) and no request was stored that its sender was told failed; a staff session survives.
3. **Redis stopped**: staff pages still serve within seconds and the signed-in session survives
   (sessions are in the database); the public form either takes the submission (captcha and rate
   limits fall back to the web process) and stores it once, or says plainly in Chinese that it
   cannot; a report asked for fails at once with its Chinese reason; once Redis is back the worker
   reconnects and the retried report is built.

Prints each check and what was measured; writes ``artifacts/faults/latest.json``; exits 1 when a
check fails. Environment: FAULTS_PORT (8791), FAULTS_LOAD_SECONDS (24), FAULTS_PG_DOWN_SECONDS (4),
PRIVATE_STACK_DIR / KEEP_PRIVATE_STACK / PRIVATE_PG_PORT / PRIVATE_REDIS_PORT (scripts/stack.py).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack
from stack import ROOT, log

from bench import loadgen

# What the portal says (Chinese), to recognise its pages in raw HTML.
ERROR_PAGE_MARKS = ("很抱歉", "系统")  # templates/500.html
BROKER_DOWN = "后台任务服务暂不可用"  # federation/queueing.py
INTERRUPTED = "中断"  # federation/reports.py: fail_stale_reports
LOGIN = "/accounts/login/"
STAFF_PAGES = ("/enterprises/", "/services/requests/", "/chambers/")


class Checks:
    def __init__(self):
        self.rows: list[dict] = []

    def __call__(self, scenario: str, name: str, ok: bool, measured) -> bool:
        self.rows.append({"scenario": scenario, "check": name, "ok": bool(ok), "measured": str(measured)})
        print(f"  {'OK  ' if ok else 'FAIL'} {name}: {measured}", flush=True)
        return ok


def fresh_db():
    """This process keeps one connection; after a restart it must open a new one."""
    from django.db import connection

    connection.close()


def run(coro):
    return asyncio.run(coro)


def is_error_page(response: loadgen.Response) -> bool:
    return response.status in (500, 502, 503) and all(mark in response.text for mark in ERROR_PAGE_MARKS)


def signed_in(response: loadgen.Response) -> bool:
    return response.status == 200 and LOGIN not in response.header("location")


async def post_page_form(client: loadgen.Client, page: str, action: str, data: dict) -> loadgen.Response:
    """Open ``page`` for its CSRF token and post ``data`` to ``action`` (as the browser's form would)."""
    html = (await client.get(page)).text
    return await client.post(action, {"csrfmiddlewaretoken": loadgen.hidden_input(html, "csrfmiddlewaretoken"), **data})


def last_month() -> str:
    today = datetime.date.today()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def ask_monthly_report(client: loadgen.Client) -> tuple[loadgen.Response, datetime.datetime]:
    from django.utils import timezone

    since = timezone.now()
    page = "/system/reports/new/monthly/"
    response = run(post_page_form(client, page, page, {"month": last_month(), "district": ""}))
    return response, since


def reports_since(since):
    from federation.models import Report

    fresh_db()
    return list(Report.objects.filter(created_at__gte=since).order_by("pk"))


def wait_until(condition, seconds: float, step: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


def wait_for_worker(port: int, seconds: float = 120) -> bool:
    return bool(wait_until(lambda: stack.health(port).get("celery", {}).get("ok"), seconds, 1))


def retry_reports(client: loadgen.Client, reports) -> list[int]:
    statuses = []
    for report in reports:
        action = f"/system/reports/{report.pk}/retry/"
        statuses.append(run(post_page_form(client, "/system/reports/", action, {})).status)
    return statuses


def all_done(since):
    rows = reports_since(since)
    return rows if rows and all(r.status == "done" for r in rows) else None


# --- 1. the worker is killed during the monthly report ---


def worker_killed(ctx) -> None:
    scenario, check, own = "worker killed", ctx["check"], ctx["stack"]
    log("1. the worker is killed (SIGKILL) during the monthly report")
    client = ctx["staff"]
    response, since = ask_monthly_report(client)
    check(scenario, "the monthly report is asked for", response.status == 302, f"HTTP {response.status}")
    running = wait_until(lambda: [r for r in reports_since(since) if r.status == "running"], 180, 0.05)
    check(scenario, "a worker is building it when it is killed", running, [f"{r.kind}: {r.status}" for r in running])
    own.kill_worker()
    killed_at = time.monotonic()
    rows = reports_since(since)
    log(f"   worker killed; reports: {[(r.kind, r.status) for r in rows]}")
    own.start_worker()
    check(scenario, "a new worker answers", wait_for_worker(own.port), "celery ping")
    # The stale rule (REPORT_STALE_AFTER=1 minute here, 35 in production) runs every five minutes
    # from beat; here its task is sent to the worker once the minute has passed.
    time.sleep(max(0.0, 62 - (time.monotonic() - killed_at)))
    from federation.celery import app

    marked = app.send_task("federation.fail_stale_reports").get(timeout=60)
    rows = reports_since(since)
    states = [(r.kind, r.status, r.interrupted, r.error[:40]) for r in rows]
    check(scenario, "the stale rule marks them", marked >= 1, f"{marked} marked")
    check(scenario, "none is left generating", all(r.status != "running" for r in rows), states)
    failed = [r for r in rows if r.status == "failed"]
    check(
        scenario,
        "each failed one says it was interrupted and may be retried",
        failed and all(r.interrupted and INTERRUPTED in r.error for r in failed),
        states,
    )
    listing = run(client.get("/system/reports/")).text
    check(
        scenario,
        "the report centre shows the reason and a retry button",
        INTERRUPTED in listing and 'data-testid="retry"' in listing,
        "report list",
    )
    statuses = retry_reports(client, failed)
    done = wait_until(lambda: all_done(since), 240, 1)
    check(
        scenario, "retried, the report is built", done, [(r.kind, r.status) for r in reports_since(since)] + [statuses]
    )


# --- 2. PostgreSQL restarts during a short load ---


def database_restart(ctx) -> None:
    scenario, check, services = "PostgreSQL restarted", ctx["check"], ctx["services"]
    port = ctx["stack"].port
    seconds = float(os.environ.get("FAULTS_LOAD_SECONDS", "24"))
    down = float(os.environ.get("FAULTS_PG_DOWN_SECONDS", "4"))
    log(f"2. PostgreSQL stopped for {down:g} s during {seconds:g} s of load")
    marker = f"故障测试 {uuid.uuid4().hex[:8]}"
    sessions = [ctx["staff"], *run(_sign_in_many(port, 3))]
    t0 = time.perf_counter()
    outage = {}
    records = []  # (started, page, response, ok)

    def restart():
        time.sleep(seconds / 4)
        outage["stop"] = time.perf_counter()
        services.pg_stop()
        time.sleep(down)
        services.pg_start()
        outage["start"] = time.perf_counter()

    async def public(stop):
        client = loadgen.Client(port)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            page = await client.get(stack.SUBMIT)
            ok = page.status == 200 and 'name="captcha_token"' in page.text
            records.append((started, "form GET", page, ok))
            if not ok:
                await asyncio.sleep(0.2)
                continue
            started = time.perf_counter()
            sent = await client.post(stack.SUBMIT, stack.request_form_data(page.text, marker))
            records.append(
                (started, "form POST", sent, sent.status == 302 and sent.header("location").endswith(stack.SUBMITTED))
            )

    def staff(client):
        async def go(stop):
            while time.perf_counter() < stop:
                for path in STAFF_PAGES:
                    started = time.perf_counter()
                    response = await client.get(path)
                    records.append((started, path, response, signed_in(response)))

        return go

    fault = threading.Thread(target=restart)
    fault.start()
    run(loadgen.run_users([public] * 6 + [staff(c) for c in sessions], seconds))
    fault.join()
    stop_at, back_at = outage["stop"] - t0, outage["start"] - t0
    failures = [r for r in records if not r[3]]
    during = [r for r in failures if outage["stop"] - 1 <= r[0] <= outage["start"] + 1]
    other = [r for r in failures if not is_error_page(r[2])]
    after = [r for r in failures if r[0] > outage["start"] + 3]
    summary = {
        "requests": len(records),
        "failed": len(failures),
        "failed_by_status": _by_status(failures),
        "outage_s": [round(stop_at, 1), round(back_at, 1)],
    }
    ctx["figures"]["database_restart"] = summary
    log(f"   {summary}")
    check(
        scenario,
        "requests failed while it was down",
        during,
        f"{len(during)} of {len(failures)} failures in the outage",
    )
    check(
        scenario,
        "every failure is the Chinese error page",
        not other,
        _by_status(other) or "all 500/503 with Chinese text",
    )
    check(scenario, "answers recover once it is back (from 3 s after)", not after, _by_status(after) or "no failure")
    posts_ok = sum(1 for r in records if r[1] == "form POST" and r[3])
    posts_failed = sum(1 for r in records if r[1] == "form POST" and not r[3])
    fresh_db()
    from services.requests.models import ServiceRequest

    stored = ServiceRequest.objects.filter(title=marker)
    complete = stored.filter(events__isnull=False).distinct().count()
    check(
        scenario,
        "every success stored its request, nothing stored for a failure",
        stored.count() == posts_ok,
        f"{stored.count()} stored, {posts_ok} told success, {posts_failed} told failure",
    )
    check(
        scenario,
        "each stored request is complete (its history written)",
        complete == stored.count(),
        f"{complete} of {stored.count()}",
    )
    survived = run(sessions[0].get("/enterprises/"))
    check(scenario, "the staff session survives the restart", signed_in(survived), f"HTTP {survived.status}")


async def _sign_in_many(port: int, count: int):
    return [await stack.sign_in(port, "staff", stack.DEMO_PASSWORD) for _ in range(count)]


def _by_status(records) -> dict:
    counts: dict[str, int] = {}
    for _started, page, response, _ok in records:
        key = f"{page} {response.status}"
        counts[key] = counts.get(key, 0) + 1
    return counts


# --- 3. Redis is stopped ---


def redis_down(ctx) -> None:
    scenario, check, services, own = "Redis stopped", ctx["check"], ctx["services"], ctx["stack"]
    log("3. Redis stopped")
    client = ctx["staff"]
    services.redis_stop()
    try:
        for path in (*STAFF_PAGES, "/", "/system/dashboard/"):
            response = run(client.get(path))
            check(
                scenario,
                f"{path} serves, still signed in",
                signed_in(response) and response.ms < 10000,
                f"HTTP {response.status} in {response.ms:.0f} ms",
            )
        other = run(stack.sign_in(own.port, "staff", stack.DEMO_PASSWORD))
        check(scenario, "a new sign-in works", "sessionid" in other.cookies, "signed in")
        visitor = loadgen.Client(own.port)
        page = run(visitor.get(stack.SUBMIT))
        check(scenario, "the public form opens", page.status == 200, f"HTTP {page.status} in {page.ms:.0f} ms")
        marker = f"缓存停止 {uuid.uuid4().hex[:8]}"
        sent = run(visitor.post(stack.SUBMIT, stack.request_form_data(page.text, marker)))
        fresh_db()
        from services.requests.models import ServiceRequest

        stored = ServiceRequest.objects.filter(title=marker).count()
        taken = sent.status == 302 and sent.header("location").endswith(stack.SUBMITTED)
        notice = sent.status in (200, 503) and "暂" in sent.text and stored == 0
        ctx["figures"]["redis_public_post"] = {"status": sent.status, "stored": stored, "ms": round(sent.ms)}
        check(
            scenario,
            "the public form takes the submission once, or says plainly it cannot",
            (taken and stored == 1) or notice,
            f"HTTP {sent.status} → {sent.header('location') or 'page'}, {stored} stored, {sent.ms:.0f} ms",
        )
        started = time.monotonic()
        response, since = ask_monthly_report(client)
        took = time.monotonic() - started
        rows = reports_since(since)
        check(
            scenario,
            "asking for a report answers at once",
            response.status == 302 and took < 10,
            f"HTTP {response.status} in {took:.1f} s",
        )
        check(
            scenario,
            "the report fails clearly (background service unavailable)",
            rows and all(r.status == "failed" and BROKER_DOWN in r.error for r in rows),
            [(r.kind, r.status, r.error[:30]) for r in rows],
        )
        listing = run(client.get("/system/reports/"))
        check(
            scenario,
            "the report centre says so with a retry button",
            BROKER_DOWN in listing.text and 'data-testid="retry"' in listing.text,
            f"HTTP {listing.status}",
        )
        health = run(loadgen.fetch(own.port, "GET", "/healthz"))
        check(scenario, "/healthz says the cache is down", health.status == 503, health.text[:120])
    finally:
        services.redis_start()
    log("   Redis started again")
    check(scenario, "the worker reconnects", wait_for_worker(own.port, 120), "celery ping")
    statuses = retry_reports(client, rows)
    done = wait_until(lambda: all_done(since), 240, 1)
    check(
        scenario,
        "retried once Redis is back, the report is built",
        done,
        [(r.kind, r.status) for r in reports_since(since)] + [statuses],
    )
    page = run(visitor.get(stack.SUBMIT))
    sent = run(visitor.post(stack.SUBMIT, stack.request_form_data(page.text, marker + " 恢复")))
    check(scenario, "the public form takes submissions again", sent.status == 302, f"HTTP {sent.status}")


def main() -> int:
    port = int(os.environ.get("FAULTS_PORT", "8791"))
    services = stack.PrivateServices()
    own = None
    checks = Checks()
    ctx = {"check": checks, "services": services, "figures": {}}
    try:
        services.start()
        env = stack.stack_env(
            services,
            port,
            RUN_PROD_WORKER="0",
            REPORT_STALE_AFTER="1",
            SERVICES_SUBMIT_LIMIT="1000000",
            GUNICORN_ACCESS_LOG=str(services.root / "access.log"),
        )
        own = stack.Stack(env, ROOT / "artifacts" / "faults" / "stack.log")
        own.start()
        own.start_worker()
        if not wait_for_worker(port):
            raise RuntimeError("the worker did not answer")
        stack.setup_django(env)
        ctx["stack"] = own
        ctx["staff"] = run(stack.sign_in(port, "staff", stack.DEMO_PASSWORD))
        only = set(filter(None, os.environ.get("FAULTS_ONLY", "").split(",")))
        for name, scenario in (("worker", worker_killed), ("database", database_restart), ("redis", redis_down)):
            if not only or name in only:
                scenario(ctx)
    finally:
        if own is not None:
            own.stop()
        services.stop()
        out = ROOT / "artifacts" / "faults"
        out.mkdir(parents=True, exist_ok=True)
        result = {
            "checks": checks.rows,
            "figures": ctx["figures"],
            "machine": {"cores": os.cpu_count(), "loadavg": os.getloadavg()},
        }
        (out / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    failed = [row for row in checks.rows if not row["ok"]]
    print(f"{len(checks.rows) - len(failed)} of {len(checks.rows)} checks passed")
    return 1 if failed or not checks.rows else 0


if __name__ == "__main__":
    sys.exit(main())
