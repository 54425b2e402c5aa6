"""Uploaded registry files are deleted after the retention period; the import record stays."""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from federation.imports.models import ImportJob
from federation.imports.tasks import purge_import_files
from tests.enterprises.test_imports import make_job, row

pytestmark = pytest.mark.django_db


def test_old_import_files_are_deleted_and_the_record_kept(tmp_path, staff, settings):
    settings.ENTERPRISE_IMPORT_RETENTION_DAYS = 30
    old = make_job(tmp_path, [row(1)], staff, status=ImportJob.Status.DONE)
    old.invalid_file.save("invalid.xlsx", ContentFile(b"rows"), save=True)
    recent = make_job(tmp_path, [row(2)], staff, status=ImportJob.Status.DONE)
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    old_paths = [old.file.path, old.invalid_file.path]
    assert all(os.path.exists(p) for p in old_paths)

    assert purge_import_files() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert not any(os.path.exists(p) for p in old_paths)
    assert not old.file and not old.invalid_file
    assert old.created_by == staff and old.status == ImportJob.Status.DONE  # the record stays
    assert recent.file and os.path.exists(recent.file.path)
    assert purge_import_files() == 0  # running it again deletes nothing more


def test_a_running_import_keeps_its_file_whatever_its_age(tmp_path, staff):
    job = make_job(tmp_path, [row(1)], staff, status=ImportJob.Status.APPLYING)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=90))
    assert purge_import_files() == 0
    job.refresh_from_db()
    assert os.path.exists(job.file.path)


def test_a_purged_import_still_shows_its_page_and_its_files_are_gone(tmp_path, staff, staff_client):
    from django.urls import reverse

    job = make_job(tmp_path, [row(1)], staff, status=ImportJob.Status.DONE)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=31))
    purge_import_files()
    assert staff_client.get(reverse("enterprises:enterprise_import_detail", args=[job.pk])).status_code == 200
    assert staff_client.get(reverse("enterprises:enterprise_import_invalid", args=[job.pk])).status_code == 404
