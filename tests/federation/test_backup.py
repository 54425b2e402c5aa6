"""``manage.py backup`` and ``manage.py restore`` (issue 15): data made here, backed up, restored into
another empty database and files folder, and found whole — row counts, a file's bytes, the history."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from enterprises.models import Enterprise
from federation import backup
from tests.enterprises.factories import EnterpriseFactory

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n% \xe5\xa4\x87\xe4\xbb\xbd\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "requests" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "requests" / "2026" / "材料.pdf").write_bytes(PDF)
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_database():
    name = f"test_restore_{uuid.uuid4().hex[:10]}"
    db = connection.settings_dict
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )


def test_a_backup_restored_into_an_empty_database_and_folder_is_whole(
    transactional_db, media, tmp_path, empty_database
):
    enterprise = EnterpriseFactory(name="青海备份测试商贸有限公司")
    enterprise.name = "青海备份测试商贸有限公司（更名）"
    enterprise.save()  # a second history row
    history = enterprise.history.count()
    total = Enterprise.objects.count()

    call_command("backup", "--dest", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").glob("federation-*")

    db = connection.settings_dict
    restored_media = tmp_path / "restored-media"
    env = {
        "DJANGO_SETTINGS_MODULE": "federation.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{empty_database}",
        "MEDIA_ROOT": str(restored_media),
    }
    done = manage("restore", str(folder), env=env)
    assert done.returncode == 0, done.stderr
    assert "恢复完成" in done.stdout

    assert (restored_media / "requests" / "2026" / "材料.pdf").read_bytes() == PDF
    other = psycopg2.connect(dbname=empty_database, user=db["USER"], host=db["HOST"], port=db["PORT"])
    with other.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM enterprises_enterprise")
        assert cursor.fetchone()[0] == total
        cursor.execute(
            "SELECT name FROM enterprises_historicalenterprise WHERE id = %s ORDER BY history_id", [enterprise.pk]
        )
        assert [r[0] for r in cursor.fetchall()] == ["青海备份测试商贸有限公司", "青海备份测试商贸有限公司（更名）"]
        assert history == 2
    other.close()

    # Restoring again over what is now there is refused: restore never merges into live data.
    again = manage("restore", str(folder), env=env)
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_restore_refuses_a_database_that_is_not_empty(db, media, tmp_path):
    call_command("backup", "--dest", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").glob("federation-*")
    settings.MEDIA_ROOT = tmp_path / "nothing-here"
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))


def test_backups_beyond_the_kept_number_are_deleted_oldest_first(db, media, tmp_path):
    import datetime

    dest = tmp_path / "backups"
    for day in (1, 2, 3):
        backup.backup(dest, keep=2, now=datetime.datetime(2026, 11, day, 2, 0))
    assert sorted(p.name for p in dest.iterdir()) == ["federation-20261102-020000", "federation-20261103-020000"]


def test_the_embedded_database_is_backed_up_and_restored_too(tmp_path):
    """``make run``'s SQLite: the online-backup copy, restored into a new file."""
    env = {
        "DJANGO_SETTINGS_MODULE": "federation.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    assert manage("migrate", "-v0", env=env).returncode == 0
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.pdf").write_bytes(PDF)
    done = manage("backup", "--dest", str(tmp_path / "backups"), env=env)
    assert done.returncode == 0, done.stderr
    (folder,) = (tmp_path / "backups").glob("federation-*")
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'restored.sqlite3'}", MEDIA_ROOT=str(tmp_path / "restored"))
    done = manage("restore", str(folder), env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "restored" / "a.pdf").read_bytes() == PDF
