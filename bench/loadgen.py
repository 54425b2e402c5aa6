"""An asyncio HTTP/1.1 load generator for loopback runs, shared by ``make bench`` (bench/load.py),
``make load`` (scripts/load.py) and ``make faults`` (scripts/faults.py). No dependency beyond the
standard library (the locks stay as they are): one request per connection (``Connection: close``,
as gunicorn's sync workers answer anyway), a cookie jar per simulated user, form posts, and per-page
figures (throughput, p50/p95, errors by status).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

TIMEOUT = 30.0  # seconds a request may take before it counts as an error (status 0)


@dataclass
class Response:
    status: int  # 0: no answer (refused, reset, timed out)
    headers: list[tuple[str, str]]
    body: bytes
    ms: float

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def parse_response(raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a whole HTTP/1.1 response read to the end of the connection."""
    head, _sep, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split() if lines and lines[0] else []
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers = []
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    if any(k.lower() == "transfer-encoding" and "chunked" in v.lower() for k, v in headers):
        body = _unchunk(body)
    return status, headers, body


def _unchunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size_line, _sep, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


async def fetch(
    port: int, method: str, path: str, *, headers: dict | None = None, body: bytes = b"", timeout: float = TIMEOUT
) -> Response:
    """One request on a fresh loopback connection; never raises for network trouble (status 0)."""
    start = time.perf_counter()

    async def go():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "Connection: close",
            "Accept-Language: zh-hans",
        ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        chunks = []
        while chunk := await reader.read(65536):
            chunks.append(chunk)
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
        return parse_response(b"".join(chunks))

    try:
        status, response_headers, response_body = await asyncio.wait_for(go(), timeout=timeout)
    except (TimeoutError, OSError, ValueError):
        status, response_headers, response_body = 0, [], b""
    return Response(status, response_headers, response_body, (time.perf_counter() - start) * 1000)


class Client:
    """A browser as far as the portal cares: a cookie jar, CSRF tokens from the pages, form posts."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})

    def _headers(self, extra=None) -> dict:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep_cookies(self, response: Response) -> None:
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _eq, val = pair.partition("=")
                if val and "expires=Thu, 01 Jan 1970" not in value:
                    self.cookies[key.strip()] = val.strip()
                else:
                    self.cookies.pop(key.strip(), None)

    async def get(self, path: str, **kw) -> Response:
        response = await fetch(self.port, "GET", path, headers=self._headers(), **kw)
        self._keep_cookies(response)
        return response

    async def post(self, path: str, data: dict, **kw) -> Response:
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            # Django's CSRF check of a POST without TLS wants the origin to match the host.
            "Origin": f"http://127.0.0.1:{self.port}",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        body = urlencode(data).encode()
        response = await fetch(self.port, "POST", path, headers=self._headers(extra), body=body, **kw)
        self._keep_cookies(response)
        return response


def hidden_input(html: str, name: str) -> str:
    """The value of ``<input ... name="name" ... value="...">`` on a page ("" when absent)."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            match = re.search(r'\bvalue="([^"]*)"', tag)
            return match.group(1) if match else ""
    return ""


def percentile(samples, share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.95 for p95) of ``samples``; None when there are none."""
    ordered = sorted(samples)
    if not ordered:
        return None
    return ordered[max(0, min(len(ordered), int(round(share * len(ordered)))) - 1)]


@dataclass
class PageStats:
    """What one page did: latencies of the answers that were right, and the others by status."""

    ok_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, response: Response, ok: bool) -> None:
        if ok:
            self.ok_ms.append(response.ms)
        else:
            key = str(response.status)
            self.errors[key] = self.errors.get(key, 0) + 1

    def summary(self, seconds: float) -> dict:
        count = len(self.ok_ms)
        p50, p95 = percentile(self.ok_ms, 0.5), percentile(self.ok_ms, 0.95)
        return {
            "requests": count + sum(self.errors.values()),
            "ok": count,
            "rps": round(count / seconds, 1) if seconds else 0.0,
            "p50_ms": round(p50, 1) if p50 is not None else None,
            "p95_ms": round(p95, 1) if p95 is not None else None,
            "max_ms": round(max(self.ok_ms), 1) if self.ok_ms else None,
            "errors": sum(self.errors.values()),
            "errors_by_status": dict(sorted(self.errors.items())),
        }


class Stats:
    """Per-page figures of one run."""

    def __init__(self):
        self.pages: dict[str, PageStats] = {}

    def add(self, page: str, response: Response, ok: bool) -> None:
        self.pages.setdefault(page, PageStats()).add(response, ok)

    def summary(self, seconds: float) -> dict:
        pages = {name: stats.summary(seconds) for name, stats in sorted(self.pages.items())}
        all_ms = [ms for stats in self.pages.values() for ms in stats.ok_ms]
        p95 = percentile(all_ms, 0.95)
        return {
            "seconds": round(seconds, 1),
            "pages": pages,
            "total": {
                "requests": sum(p["requests"] for p in pages.values()),
                "rps": round(len(all_ms) / seconds, 1) if seconds else 0.0,
                "p95_ms": round(p95, 1) if p95 is not None else None,
                "errors": sum(p["errors"] for p in pages.values()),
            },
        }


async def run_users(users, seconds: float) -> float:
    """Run each coroutine function of ``users`` (called with the time to stop at, on the perf_counter
    clock) side by side; returns the wall time taken."""
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(*(user(stop) for user in users))
    return time.perf_counter() - start
