"""A private production stack for the load and fault runs (scripts/load.py, scripts/faults.py).

Its own PostgreSQL cluster (``initdb`` into a temporary folder, port ``PRIVATE_PG_PORT``, default
5433) and its own Redis (port ``PRIVATE_REDIS_PORT``, default 6380), so that stopping and
restarting them never touches the PostgreSQL on 5432 and the Redis on 6379 that the test suites of
everyone on the machine use. On them ``scripts/run_prod.sh`` (``make run-prod``) runs the portal:
production settings, gunicorn, beat and (unless the caller runs its own) the worker.

Everything is created at the start and removed at the end; ``PRIVATE_STACK_DIR=/tmp/x
KEEP_PRIVATE_STACK=1`` keeps the cluster (migrated, with the demo data) for the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = ROOT / ".venv" / "bin" / "python"
CELERY = ROOT / ".venv" / "bin" / "celery"
DEMO_PASSWORD = "Xining@2026demo"  # seed_demo's, for the demo users of a private stack


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def _as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


class PrivateServices:
    """A PostgreSQL cluster and a Redis server of our own, in ``root``."""

    def __init__(self, root: Path | None = None, pg_port: int | None = None, redis_port: int | None = None):
        given = root or os.environ.get("PRIVATE_STACK_DIR")
        self.root = Path(given) if given else Path(tempfile.mkdtemp(prefix="federation-stack-"))
        self.keep = bool(given) and os.environ.get("KEEP_PRIVATE_STACK") == "1"
        self.pg_port = pg_port or int(os.environ.get("PRIVATE_PG_PORT", "5433"))
        self.redis_port = redis_port or int(os.environ.get("PRIVATE_REDIS_PORT", "6380"))
        self.pgdata = self.root / "pg"
        self.started = False  # stop() never touches servers it did not start (a port taken by another)

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/federation_prod"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def start(self) -> None:
        for port in (self.pg_port, self.redis_port):
            if _listening(port):
                raise SystemExit(f"port {port} is taken: set PRIVATE_PG_PORT / PRIVATE_REDIS_PORT to free ones")
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)  # the postgres user must reach its data folder and socket
        if not (self.pgdata / "PG_VERSION").exists():
            self.pgdata.mkdir(exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.pgdata, "postgres", "postgres")
            subprocess.run(
                _as_postgres(
                    [str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
                    + ["--locale=C.UTF-8"]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.started = True
        self.pg_start()
        self.redis_start()
        log(f"private PostgreSQL on {self.pg_port} and Redis on {self.redis_port} in {self.root}")

    def pg_ctl(self, *args: str) -> None:
        options = (
            f"-p {self.pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1"  # the socket where postgres may write
        )
        argv = [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-l",
            str(self.pgdata / "server.log"),
            "-o",
            options,
            "-w",
        ]
        subprocess.run(_as_postgres([*argv, *args]), check=True, stdout=subprocess.DEVNULL)

    def pg_start(self) -> None:
        self.pg_ctl("start")

    def pg_stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")

    def redis_start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--daemonize", "yes"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.root)]
            + ["--pidfile", str(self.root / "redis.pid"), "--logfile", str(self.root / "redis.log")],
            check=True,
        )
        _wait_for(lambda: _listening(self.redis_port), 10, "the private Redis did not start")

    def redis_stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.redis_port), "shutdown", "nosave"], check=False)
        _wait_for(lambda: not _listening(self.redis_port), 10, "the private Redis did not stop")

    def stop(self) -> None:
        if not self.started:
            return
        if _listening(self.redis_port):
            self.redis_stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_stop()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)
        log("private services stopped" + (f" (kept in {self.root})" if self.keep else " and removed"))


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(check, seconds: float, failure: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(failure)


def stack_env(services: PrivateServices, port: int, **extra: str) -> dict:
    """The environment ``scripts/run_prod.sh`` runs with (and that this process configures Django
    with, to read the database and solve captchas with the same SECRET_KEY)."""
    secret_file = ROOT / "artifacts" / "run-prod" / "secret-key"
    secret_file.parent.mkdir(parents=True, exist_ok=True)
    if not secret_file.exists() or not secret_file.read_text().strip():
        import secrets

        secret_file.write_text(secrets.token_urlsafe(50) + "\n")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "federation.settings.production",
        "SECRET_KEY": secret_file.read_text().strip(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORT": str(port),
        "DATABASE_URL": services.database_url,
        "REDIS_URL": services.redis_url,
        "MEDIA_ROOT": str(services.root / "media"),
        "BACKUP_ROOT": str(services.root / "backups"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "COOKIES_SECURE": "False",
        "RATELIMIT_TRUSTED_PROXY": "False",
        **extra,
    }


def setup_django(env: dict) -> None:
    """Configure Django in this process with the stack's settings (production, private services)."""
    for key in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"):
        os.environ[key] = env[key]
    os.environ["CONN_MAX_AGE"] = "0"  # this process outlives database restarts
    import django

    django.setup()


class Stack:
    """``scripts/run_prod.sh`` on the private services, in a process group of its own."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path = env, log_path
        self.port = int(env["PORT"])
        self.proc: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def start(self, timeout: float = 600) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log(f"starting run_prod.sh on 127.0.0.1:{self.port} (migrate and demo data on a new database)")
        self.proc = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "run_prod.sh")],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.log_path, "ab"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"run_prod.sh stopped (exit {self.proc.returncode}); see {self.log_path}")
            if health(self.port).get("database", {}).get("ok"):
                log("stack is up")
                return
            time.sleep(1)
        raise RuntimeError(f"the stack did not answer /healthz within {timeout:.0f} s; see {self.log_path}")

    def start_worker(self) -> None:
        """A Celery worker of our own (``RUN_PROD_WORKER=0`` in the stack's env), in its own group."""
        self.worker = subprocess.Popen(
            [str(CELERY), "-A", "federation", "worker", "-l", "INFO", "--concurrency", "2"],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.log_path.with_suffix(".worker.log"), "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool processes: a crash, no warm shutdown, nothing acknowledged."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def stop(self) -> None:
        for proc in (self.worker, self.proc):
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        log("stack stopped")


def health(port: int) -> dict:
    """/healthz from this machine (the detailed answer: database, cache and Celery workers, each with
    ``ok``), {} when nothing answers."""
    response = asyncio.run(loadgen.fetch(port, "GET", "/healthz", timeout=10))
    try:
        return json.loads(response.body) if response.status else {}
    except ValueError:
        return {}


async def sign_in(port: int, username: str, password: str) -> loadgen.Client:
    """A browser signed in through the real sign-in form."""
    client = loadgen.Client(port)
    page = await client.get("/accounts/login/")
    token = loadgen.hidden_input(page.text, "csrfmiddlewaretoken")
    response = await client.post(
        "/accounts/login/", {"csrfmiddlewaretoken": token, "username": username, "password": password}
    )
    if response.status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"signing in as {username} failed (HTTP {response.status})")
    return client


def solve_captcha(token: str) -> str:
    """The answer to a captcha token the portal served, found with its SECRET_KEY: only someone who
    holds the server's secret can do this (the token carries an HMAC of the answer, never the answer),
    which is what lets a load run post the real public form. Needs ``setup_django`` first."""
    from django.core import signing

    from federation import captcha

    data = signing.loads(token, salt=captcha.SALT, max_age=captcha.MAX_AGE)
    for total in range(2, 19):  # two numbers of 1 to 9
        if captcha._digest(str(total), data["n"]) == data["h"]:
            return str(total)
    raise ValueError("no sum of two numbers 1–9 matches this captcha")


SUBMIT = "/services/requests/new/"
SUBMITTED = "/services/requests/new/done/"


def request_form_data(page_html: str, title: str) -> dict:
    """The public request form filled in as an enterprise would, its captcha solved (``solve_captcha``)."""
    token = loadgen.hidden_input(page_html, "captcha_token")
    return {
        "csrfmiddlewaretoken": loadgen.hidden_input(page_html, "csrfmiddlewaretoken"),
        "enterprise_name": "青海高原光伏科技有限公司",
        "uscc": "",
        "contact_person": "张明",
        "phone": "13812345678",
        "district": "",
        "category": "financing",
        "title": title,
        "description": "负载测试：贷款下月到期，希望协调无还本续贷。",
        "consent": "on",
        "captcha_token": token,
        "captcha_answer": solve_captcha(token) if token else "",
    }
