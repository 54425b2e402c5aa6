"""Backup and restore (``manage.py backup`` / ``manage.py restore``): the database and the private
files (uploads and generated reports, ``MEDIA_ROOT``) together, in one timestamped folder.

A backup folder ``federation-YYYYmmdd-HHMMSS`` holds:

* ``database.dump`` — ``pg_dump --format=custom`` of the database (on PostgreSQL), or
  ``database.sqlite3`` — a consistent copy made with SQLite's online backup (the embedded default);
* ``files.tar.gz`` — everything under ``MEDIA_ROOT``;
* ``manifest.json`` — when, from which database, the row count of every table and the SHA-256 of
  every file, so a restore can prove it is whole.

A restore goes into an **empty** database and an empty files folder only (it never merges into or
overwrites live data), then compares the restored rows and files with the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

PREFIX = "federation-"
MANIFEST = "manifest.json"
FILES = "files.tar.gz"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in the user's language."""


@dataclass
class Result:
    path: Path
    tables: int
    rows: int
    files: int
    removed: list[Path]


def _pg_env(db) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(argv, db):
    done = subprocess.run(argv, env=_pg_env(db), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{argv[0]}: {done.stderr.strip() or done.returncode}")


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (the manifest, and the check after a restore)."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def file_digests(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by path relative to it."""
    digests = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1024 * 1024), b""):
                    digest.update(chunk)
            digests[str(path.relative_to(root))] = digest.hexdigest()
    return digests


def backup(dest: Path | None = None, keep: int | None = None, now: datetime.datetime | None = None) -> Result:
    """Write a backup folder under ``dest`` (``BACKUP_ROOT``) and delete all but the newest ``keep``
    (``BACKUP_KEEP``) backup folders there. A failed backup leaves no folder behind."""
    dest = Path(dest or settings.BACKUP_ROOT)
    keep = settings.BACKUP_KEEP if keep is None else keep
    now = now or datetime.datetime.now()
    target = dest / f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    if target.exists():
        raise BackupError(f"{target} already exists")
    partial = dest / f".partial-{target.name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        db = connection.settings_dict
        # The counts first, then the dump: on a busy portal the dump may hold a few more rows than
        # counted, never fewer (restore checks "at least").
        counts = table_counts()
        if connection.vendor == "postgresql":
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    *_pg_args(db),
                    "--file",
                    str(partial / PG_DUMP),
                    db["NAME"],
                ],
                db,
            )
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(partial / SQLITE_COPY) as copy:
                connection.connection.backup(copy)
        else:
            raise BackupError(f"unsupported database: {connection.vendor}")
        media = Path(settings.MEDIA_ROOT)
        digests = file_digests(media)
        with tarfile.open(partial / FILES, "w:gz") as tar:
            for name in digests:
                tar.add(media / name, arcname=name)
        manifest = {
            "created": now.isoformat(timespec="seconds"),
            "database": connection.vendor,
            "tables": counts,
            "files": digests,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    removed = prune(dest, keep)
    return Result(target, len(counts), sum(counts.values()), len(digests), removed)


def prune(dest: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backup folders in ``dest`` (their names sort by time)."""
    folders = sorted(p for p in dest.glob(f"{PREFIX}*") if p.is_dir() and (p / MANIFEST).exists())
    old = folders[: max(0, len(folders) - max(keep, 1))]
    for path in old:
        shutil.rmtree(path)
    return old


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(source: Path) -> Result:
    """Restore the backup folder ``source`` into the configured database and ``MEDIA_ROOT``, both of
    which must be empty; then check rows and files against the manifest."""
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source}: no {MANIFEST}: not a backup folder")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(media.iterdir()):
        raise BackupError(f"{media} is not empty: restore goes into an empty files folder only")
    if not _database_is_empty():
        raise BackupError(
            f"database {connection.settings_dict['NAME']} is not empty: restore goes into an empty one only"
        )
    if manifest["database"] != connection.vendor:
        raise BackupError(f"the backup is of a {manifest['database']} database, this one is {connection.vendor}")
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                *_pg_args(db),
                "--dbname",
                db["NAME"],
                str(source / PG_DUMP),
            ],
            db,
        )
    else:
        connection.close()
        shutil.copyfile(source / SQLITE_COPY, db["NAME"])
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / FILES, "r:gz") as tar:
        tar.extractall(media, filter="data")  # no absolute paths, links out or devices
    counts = table_counts()
    short = {t: (n, counts.get(t, 0)) for t, n in manifest["tables"].items() if counts.get(t, 0) < n}
    if short:
        raise BackupError(f"restored tables have fewer rows than the backup: {short}")
    digests = file_digests(media)
    wrong = sorted(name for name, digest in manifest["files"].items() if digests.get(name) != digest)
    if wrong:
        raise BackupError(f"restored files differ from the backup: {wrong[:10]}")
    return Result(source, len(counts), sum(counts.values()), len(digests), [])
