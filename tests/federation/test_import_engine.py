"""The core import engine on its own: a spec that is not the enterprises', the job's status
functions (every action from every status), the registry, the retention purge, and the migration
that moved the enterprise imports into the core's jobs."""

import csv
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from federation.imports import cells, engine, jobs, registry
from federation.imports.models import ImportJob
from federation.imports.reading import ImportRefused
from federation.imports.spec import CREATED, INVALID, UNCHANGED, ImportColumn, ImportSpec
from federation.imports.tasks import purge_import_files

pytestmark = pytest.mark.django_db

Status = ImportJob.Status


class NoteSpec(ImportSpec):
    """A small spec (name, count) whose run keeps what it would write in memory."""

    key = "test-notes"
    title = "notes"
    permission = "federation.view_report"

    def __init__(self):
        self.written = []
        self.known = {"甲": 1}

    def columns(self):
        return [ImportColumn("名称", required=True), ImportColumn("数量", as_text=False)]

    def readers(self):
        return [cells.text_reader(required=True, max_length=5), cells.read_count]

    def begin(self, *, apply, user, reason):
        spec = self

        class Run:
            seen = set()

            def classify(self, number, values):
                name, count = values
                if name in self.seen:
                    return INVALID, [("名称", "repeated")]
                self.seen.add(name)
                if spec.known.get(name) == count:
                    return UNCHANGED, []
                if apply:
                    spec.written.append((name, count, reason))
                return CREATED, []

            def finish(self):
                spec.written.append("flushed")

        return Run()


def write(path, rows, headers=("名称", "数量")):
    with open(path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def test_any_spec_gets_reading_checks_counts_and_invalid_rows_from_the_engine(tmp_path):
    spec = NoteSpec()
    path = write(tmp_path / "notes.csv", [["甲", "1"], ["乙", "2"], ["乙", "3"], ["丙", "-1"], ["", ""]])
    summary = engine.process(spec, path, invalid_path=tmp_path / "bad.xlsx")
    assert summary.line() == "created=1 updated=0 unchanged=1 invalid=2"
    assert [item["row"] for item in summary.preview] == [4, 5]
    assert "数量不能为负数" in summary.preview[1]["errors"][0][1]
    assert os.path.exists(tmp_path / "bad.xlsx") and spec.written == []
    summary = engine.process(spec, path, apply=True)
    assert spec.written == [("乙", 2, "导入“notes.csv”"), "flushed"]


def test_any_spec_has_its_headers_checked(tmp_path):
    with pytest.raises(ImportRefused, match="缺少列：数量"):
        engine.process(NoteSpec(), write(tmp_path / "a.csv", [["甲"]], headers=("名称",)))


def test_a_second_spec_with_the_same_key_is_refused():
    registry.register(spec := NoteSpec())
    try:
        assert registry.get("test-notes") is spec
        with pytest.raises(ValueError):
            registry.register(NoteSpec())
    finally:
        registry._specs.pop("test-notes")


def make_job(status, spec="enterprises"):
    job = ImportJob(spec=spec, original_name="a.csv", status=status)
    job.file.save("a.csv", ContentFile(b"x"), save=True)
    return job


ACTIONS = {
    "start_check": lambda pk, user: jobs.start_check(pk),
    "confirm": lambda pk, user: jobs.confirm(pk, user),
    "claim_apply": lambda pk, user: jobs.claim_apply(pk),
    "record_checked": lambda pk, user: jobs.record_checked(pk, engine.Summary(created=2)),
    "record_done": lambda pk, user: jobs.record_done(pk, engine.Summary(updated=3)),
    "record_failed": lambda pk, user: jobs.record_failed(pk, "磁盘已满"),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("status", Status.values)
def test_each_status_change_happens_only_from_the_statuses_its_table_allows(action, status, staff):
    job = make_job(status)
    sources, target = jobs.ALLOWED[action]
    try:
        result = ACTIONS[action](job.pk, staff)
    except jobs.ImportStateError as exc:
        result = None
        assert action == "confirm" and "无法确认" in str(exc)
    job.refresh_from_db()
    if status in sources:
        assert result is not None and job.status == target
    else:
        assert result is None and job.status == status  # refused: nothing changed
        assert job.error == "" and job.applied_by is None and job.created_count == 0


def test_confirming_records_who_and_recording_the_outcome_records_the_counts(staff):
    job = make_job(Status.CHECKED)
    jobs.confirm(job.pk, staff)
    jobs.record_done(job.pk, engine.Summary(created=1, updated=2, invalid=1, preview=[{"row": 3, "errors": []}]))
    job.refresh_from_db()
    assert (job.status, job.applied_by, job.applied_at is not None) == (Status.DONE, staff, True)
    assert (job.created_count, job.updated_count, job.invalid_count, job.rows_total) == (1, 2, 1, 4)


def test_the_purge_keeps_each_spec_s_files_for_its_own_retention(settings):
    settings.ENTERPRISE_IMPORT_RETENTION_DAYS = 10
    settings.IMPORT_RETENTION_DAYS = 60
    enterprise = make_job(Status.DONE)
    other = make_job(Status.FAILED, spec="unregistered")
    ImportJob.objects.update(created_at=timezone.now() - timedelta(days=20))
    assert purge_import_files() == 1
    enterprise.refresh_from_db()
    other.refresh_from_db()
    assert not enterprise.file and other.file


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_enterprise_imports_into_core_jobs_with_their_ids_and_files():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("enterprises", "0006_sort_indexes"), ("federation", "0005_importjob")]
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Old = old_apps.get_model("enterprises", "EnterpriseImport")
    old = Old.objects.create(
        id=41, file="imports/enterprises/2026/11/abc.csv", original_name="登记.csv", status="done", created_count=7
    )
    created_at = timezone.now() - timedelta(days=3)
    Old.objects.filter(pk=old.pk).update(created_at=created_at)

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    job = ImportJob.objects.get(pk=41)
    assert (job.spec, job.original_name, job.status, job.created_count) == ("enterprises", "登记.csv", "done", 7)
    assert job.file.name == "imports/enterprises/2026/11/abc.csv" and job.created_at == created_at
    assert make_job(Status.PENDING).pk > 41  # the id sequence follows the copied rows


def test_a_spec_s_pages_show_only_its_own_jobs(staff_client):
    from django.urls import reverse

    other = make_job(Status.CHECKED, spec="test-notes")
    mine = make_job(Status.CHECKED)
    for page in ("detail", "status", "invalid"):
        url = reverse(f"enterprises:enterprise_import_{page}", args=[other.pk])
        assert staff_client.get(url).status_code == 404, page
    assert staff_client.post(reverse("enterprises:enterprise_import_apply", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == Status.CHECKED
    assert staff_client.get(reverse("enterprises:enterprise_import_detail", args=[mine.pk])).status_code == 200
