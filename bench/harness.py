"""The benchmark harness: times Django requests in-process and whole commands as subprocesses.

Server-side timings go through Django's test client (no network), median and p95 over ``n``
requests after a warm-up, with the query count of one request. Commands run as child processes;
their wall time and peak memory (max RSS, from wait4) are recorded.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Result:
    name: str
    kind: str  # "request" or "command"
    target: str
    ok: bool
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    wall_s: float | None = None
    peak_mb: float | None = None
    admin_median_ms: float | None = None
    admin_p95_ms: float | None = None
    ratio: float | None = None  # ours / admin (p95)
    note: str = ""
    extra: dict = field(default_factory=dict)


def _p95(samples):
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


class Bench:
    """Collects results; the measuring modules (bench/records.py, bench/imports.py) call it."""

    def __init__(self, user, n: int = 15, warmup: int = 3):
        self.user = user
        self.n = n
        self.warmup = warmup
        self.results: list[Result] = []
        self.client = Client()
        self.client.force_login(user)

    # --- requests ---
    def _time_get(self, url):
        for _ in range(self.warmup):
            response = self.client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        samples = []
        for _ in range(self.n):
            start = time.perf_counter()
            response = self.client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            self.client.get(url)
        return statistics.median(samples), _p95(samples), len(ctx.captured_queries)

    def time_request(self, name: str, url: str, target_ms: float, admin_url: str | None = None, note: str = ""):
        """Time GET ``url``; with ``admin_url``, time the admin changelist too and give ours/admin (p95)."""
        median, p95, queries = self._time_get(url)
        result = Result(
            name=name,
            kind="request",
            target=f"p95 ≤ {target_ms:g} ms",
            ok=p95 <= target_ms,
            median_ms=round(median, 1),
            p95_ms=round(p95, 1),
            queries=queries,
            note=note,
        )
        if admin_url:
            a_median, a_p95, a_queries = self._time_get(admin_url)
            result.admin_median_ms = round(a_median, 1)
            result.admin_p95_ms = round(a_p95, 1)
            result.ratio = round(p95 / a_p95, 3) if a_p95 else None
            result.extra["admin_queries"] = a_queries
            result.ok = result.ok and result.ratio is not None and result.ratio < 1
        self.results.append(result)
        print(self.format_line(result), flush=True)
        return result

    # --- commands ---
    def time_command(self, name: str, argv: list[str], target_s: float, target_mb: float, env=None, note: str = ""):
        """Run ``argv`` (from the project root) once; record wall time and peak RSS of the child."""
        full_env = {**os.environ, **(env or {})}
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        output = proc.stdout.read().decode(errors="replace")
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
        ok = proc.returncode == 0 and wall <= target_s and peak_mb <= target_mb
        result = Result(
            name=name,
            kind="command",
            target=f"≤ {target_s:g} s, ≤ {target_mb:g} MB",
            ok=ok,
            wall_s=round(wall, 2),
            peak_mb=round(peak_mb, 1),
            note=note or (output.strip().splitlines() or [""])[-1][:200],
        )
        if proc.returncode != 0:
            result.note = f"exit {proc.returncode}: {output[-500:]}"
        self.results.append(result)
        print(self.format_line(result), flush=True)
        return result

    def manage(self, *args) -> list[str]:
        """argv for a manage.py command with this interpreter."""
        return [sys.executable, os.path.join(ROOT, "manage.py"), *args]

    # --- output ---
    @staticmethod
    def format_line(r: Result) -> str:
        mark = "OK  " if r.ok else "MISS"
        if r.kind == "request":
            text = f"{mark} {r.name:<44} median {r.median_ms:>7.1f} ms  p95 {r.p95_ms:>7.1f} ms  queries {r.queries:>2}  ({r.target})"
            if r.admin_p95_ms is not None:
                text += f"  admin p95 {r.admin_p95_ms:.1f} ms, ours/admin {r.ratio:.2f}"
        else:
            text = f"{mark} {r.name:<44} wall {r.wall_s:>7.2f} s  peak {r.peak_mb:>7.1f} MB  ({r.target})"
        return text

    def as_json(self):
        return [asdict(r) for r in self.results]
