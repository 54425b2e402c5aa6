"""Issue 9: faults that left work stuck or half-done — a dead worker, a broker or a cache that is
down, a database restart — and the health page, body size, DTD and upload-parsing guards."""

import json
import time
import zipfile
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from federation import captcha, ratelimit
from federation.celery import app
from federation.imports import jobs
from federation.imports.models import ImportJob
from federation.middleware import BodySizeLimitMiddleware
from federation.models import Report
from federation.reports import request_report, retry_report
from tests.enterprises.test_imports import assert_refused, make_job, row, write_xlsx_file
from tests.federation.test_report_lifecycle import kinds, running_since  # noqa: F401 - the fixture
from tests.federation.test_settings import PRODUCTION_ENV, run_manage
from tests.kit import clear_run_cache

pytestmark = pytest.mark.django_db
BROKER_DOWN = "后台任务服务暂不可用，请稍后重试"
IMPORT = reverse("enterprises:enterprise_import")
MB = 1024 * 1024


# --- a worker that died: deadlines, detection, retry, redelivery ---


def test_the_deadlines_lie_between_the_task_time_limit_and_the_visibility_timeout():
    visibility = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert (
        visibility
        == django_settings.CELERY_BROKER_VISIBILITY_TIMEOUT
        == app.conf.broker_transport_options["visibility_timeout"]
    )
    for minutes in (django_settings.REPORT_STALE_AFTER, django_settings.IMPORT_STALE_AFTER):
        # A live worker is killed at the time limit, so it is never taken for dead; a dead one is
        # marked before the broker hands its task to another worker.
        assert django_settings.CELERY_TASK_TIME_LIMIT < minutes * 60 < visibility


def checking_since(job, minutes, status=ImportJob.Status.CHECKING):
    ImportJob.objects.filter(pk=job.pk).update(status=status, started_at=timezone.now() - timedelta(minutes=minutes))
    job.refresh_from_db()
    return job


def test_an_import_whose_worker_died_is_marked_failed_with_a_reason_and_a_live_one_is_left(tmp_path, staff):
    dead = checking_since(make_job(tmp_path, [row(1)], staff), django_settings.IMPORT_STALE_AFTER + 1)
    live = checking_since(make_job(tmp_path, [row(2)], staff), 1)
    assert jobs.fail_stale_jobs() == 1
    dead.refresh_from_db()
    live.refresh_from_db()
    assert (dead.status, dead.interrupted, dead.may_retry) == (ImportJob.Status.FAILED, True, True)
    assert "中断" in dead.error and "重试" in dead.error
    assert live.status == ImportJob.Status.CHECKING
    assert jobs.fail_stale_jobs() == 0


def test_the_person_who_uploaded_retries_an_interrupted_check(
    tmp_path, staff, staff2, client, django_capture_on_commit_callbacks
):
    job = checking_since(make_job(tmp_path, [row(1)], staff), 60)
    jobs.fail_stale_jobs()
    url = reverse("enterprises:enterprise_import_retry", args=[job.pk])
    client.force_login(staff2)  # may import, but did not upload it
    assert client.post(url).status_code == 302
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.FAILED
    client.force_login(staff)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-testid="import-retry"' in page and "导入中断" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.interrupted, job.error) == (ImportJob.Status.CHECKED, False, "")


def test_an_interrupted_apply_is_retried_as_an_apply(tmp_path, staff, django_capture_on_commit_callbacks):
    from enterprises.models import Enterprise

    job = make_job(tmp_path, [row(1)], staff)
    ImportJob.objects.filter(pk=job.pk).update(applied_by=staff)
    checking_since(job, 60, status=ImportJob.Status.APPLYING)
    jobs.fail_stale_jobs()
    with django_capture_on_commit_callbacks(execute=True):
        _job, apply = jobs.retry(job.pk, staff)
        from federation.imports.views import _queue

        _queue(job.pk, apply=apply)
    assert apply is True
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE and Enterprise.objects.count() == 1


def test_a_job_refused_for_its_file_cannot_be_retried(tmp_path, staff):
    job = make_job(tmp_path, [row(1)], staff)
    jobs.record_failed(job.pk, "缺少列")
    with pytest.raises(jobs.ImportStateError):
        jobs.retry(job.pk, staff)


def test_a_redelivered_import_task_checks_a_job_its_dead_worker_left_checking(tmp_path, staff):
    from federation.imports.tasks import run_import_job

    job = checking_since(make_job(tmp_path, [row(1)], staff), 5)
    run_import_job.apply(args=[job.pk])
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_rebuilds_a_dead_report_and_rechecks_a_dead_import(tmp_path, real_celery, kinds, staff):  # noqa: F811
    from federation.imports.tasks import run_import_job
    from federation.tasks import build_report

    report = running_since(Report.objects.create(kind="test.rows", title="进程中断", created_by=staff), 60)
    job = checking_since(make_job(tmp_path, [row(1)], staff), 60)
    assert build_report.delay(report.pk).get(timeout=30) == Report.Status.DONE
    run_import_job.delay(job.pk).get(timeout=30)
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED


# --- the broker is down: said at once, retried later ---


@pytest.fixture
def broker_down():
    """Tasks really go to a broker that refuses connections (nothing listens on port 1)."""
    original = app.conf.broker_url

    def reset():
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    reset()
    yield
    app.conf.broker_url = original
    app.conf.task_always_eager = True
    reset()


def test_an_upload_while_the_broker_is_down_says_so_at_once_and_can_be_retried(
    staff_client, staff, tmp_path, broker_down, django_capture_on_commit_callbacks
):
    path = write_xlsx_file(tmp_path / "登记.xlsx", [row(1)])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = staff_client.post(IMPORT, {"file": handle})
    assert time.monotonic() - started < 8  # not the 19 s of kombu's default retries
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.status, job.error, job.may_retry) == (ImportJob.Status.FAILED, BROKER_DOWN, True)
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert BROKER_DOWN in page and 'data-testid="import-retry"' in page
    assert 'data-testid="import-stalled"' not in page
    # The broker is back (eager here): retrying queues the check.
    app.conf.task_always_eager = True
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("enterprises:enterprise_import_retry", args=[job.pk]))
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED


def test_a_confirmation_while_the_broker_is_down_fails_the_job_retryably(
    staff_client, staff, tmp_path, django_capture_on_commit_callbacks
):
    from enterprises.imports import run_import

    job = make_job(tmp_path, [row(1)], staff)
    run_import(job.pk)
    with (
        mock.patch("federation.imports.tasks.run_import_job.apply_async", side_effect=OSError("refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        staff_client.post(reverse("enterprises:enterprise_import_apply", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.error, job.may_retry) == (ImportJob.Status.FAILED, BROKER_DOWN, True)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("enterprises:enterprise_import_retry", args=[job.pk]))
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE


def test_a_report_asked_for_while_the_broker_is_down_says_so_and_is_retried(
    kinds,  # noqa: F811
    staff,
    client,
    broker_down,
    django_capture_on_commit_callbacks,
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report("test.rows", {}, staff)
    assert time.monotonic() - started < 8
    report.refresh_from_db()
    assert (report.status, report.error) == (Report.Status.FAILED, BROKER_DOWN)
    client.force_login(staff)
    page = client.get(reverse("federation:report_list")).content.decode()
    assert BROKER_DOWN in page and 'data-testid="retry"' in page
    app.conf.task_always_eager = True
    with django_capture_on_commit_callbacks(execute=True):
        retry_report(report, staff)
    assert Report.objects.get(pk=report.pk).status == Report.Status.DONE


@pytest.fixture
def redis_down(broker_down):
    """Redis is down for the broker and the result store alike (as `make faults` found it)."""
    original = app.conf.result_backend
    app.conf.result_backend = "redis://127.0.0.1:1/0"
    vars(app._local).pop("backend", None)  # the backend is made once per thread
    yield
    app.conf.result_backend = original
    vars(app._local).pop("backend", None)


def test_reports_asked_for_while_redis_is_down_fail_at_once_one_after_the_other(
    staff, staff_client, redis_down, django_capture_on_commit_callbacks
):
    # The monthly report queues two tasks (the report and its appendix). A web process never reads a
    # task's result, so it must not wait on the result store either: subscribing to it retried for
    # 20 s per task, and left the process's result consumer asking for a restart.
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("federation:report_request", args=["monthly"]), {"month": "2026-11"})
    assert response.status_code == 302
    assert time.monotonic() - started < 8
    reports = Report.objects.order_by("pk")
    assert [(r.kind, r.status, r.error) for r in reports] == [
        ("monthly", Report.Status.FAILED, BROKER_DOWN),
        ("monthly_appendix", Report.Status.FAILED, BROKER_DOWN),
    ]


# --- the cache is down ---

DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def cache_down(settings):
    ratelimit._fallback.clear()
    settings.CACHES = DEAD_CACHE
    yield
    ratelimit._fallback.clear()


def test_rate_limits_still_count_in_the_process_while_the_cache_is_down(cache_down, rf, caplog):
    request = rf.post("/", REMOTE_ADDR="203.0.113.7")
    results = [ratelimit.limit_request(request, "faults-test", 3, 60) for _ in range(5)]
    assert results == [False, False, False, True, True]  # still capped
    assert ratelimit.count("faults-test", "203.0.113.7") == 5
    ratelimit.reset("faults-test", "203.0.113.7")
    assert not ratelimit.is_limited("faults-test", "203.0.113.7", 3)
    assert "cache is unreachable" in caplog.text


def test_the_public_lookup_answers_while_the_cache_is_down(client, cache_down):
    response = client.post(reverse("services:request_track"), {"code": "ABCDEFGHJK", "phone": "13812345678"})
    assert response.status_code == 200
    assert client.get(reverse("services:request_submit")).status_code == 200


def test_the_public_form_takes_a_request_while_the_cache_is_down(client, cache_down):
    from services.requests.models import ServiceRequest
    from tests.services.test_public_pages import form_data

    data = form_data()
    response = client.post(reverse("services:request_submit"), data)
    assert response.status_code == 302
    assert ServiceRequest.objects.filter(title="流动资金贷款续贷困难").count() == 1
    # The captcha's token is still used up once, in this process's memory.
    assert not captcha.verify(data["captcha_token"], "5")


def test_the_health_page_says_the_cache_is_down(client, cache_down):
    public = client.get(reverse("healthz"), REMOTE_ADDR="203.0.113.7")
    assert public.status_code == 503
    assert public.json() == {"status": "error", "database": "up", "cache": "down"}
    detailed = client.get(reverse("healthz")).json()  # from this machine
    assert detailed["cache"]["ok"] is False and detailed["cache"]["error"]


# --- a database restart ---


def test_kept_database_connections_are_checked_before_reuse():
    assert django_settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_manage("shell", "-c", code, SECRET_KEY="x" * 60, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["60", "True"]


def expiry_due_to_move(client):
    """Ages the client's session row by five minutes, so the next request moves its idle expiry (it
    moves at most once a minute: federation.sessions.EXPIRY_STEP)."""
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(
        expire_date=timezone.now() + timedelta(minutes=25)
    )


def test_a_page_is_served_when_only_its_sessions_expiry_could_not_be_moved(staff_client):
    from django.contrib.sessions.models import Session
    from django.db import OperationalError

    staff_client.raise_request_exception = False
    expiry_due_to_move(staff_client)
    with mock.patch.object(Session, "save", side_effect=OperationalError("server closed the connection")):
        response = staff_client.get(reverse("enterprises:enterprise_list"))
    # Not the 400 "session deleted" answer (Django's, in English), which `make faults` saw while
    # PostgreSQL restarted: the page was made, only the idle expiry did not move.
    assert response.status_code == 200


def test_a_submission_whose_session_cannot_be_stored_is_not_kept_and_gets_the_error_page(client):
    from django.contrib.sessions.models import Session
    from django.db import OperationalError

    from services.requests.models import ServiceRequest
    from tests.services.test_public_pages import form_data

    client.raise_request_exception = False
    with mock.patch.object(Session, "save", side_effect=OperationalError("server closed the connection")):
        response = client.post(reverse("services:request_submit"), form_data())
    # `make faults` saw a request stored while its sender got the error page (the database went
    # away between the request's commit and the session's save): they would send it again.
    assert response.status_code == 500 and "很抱歉" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_session_deleted_meanwhile_is_still_told_apart(staff_client):
    from django.contrib.sessions.models import Session

    staff_client.raise_request_exception = False
    expiry_due_to_move(staff_client)
    session_key = staff_client.cookies["sessionid"].value
    original = Session.save

    def deleted_meanwhile(self, *args, **kwargs):
        Session.objects.filter(session_key=session_key).delete()  # signed out in another tab
        return original(self, *args, **kwargs)

    with mock.patch.object(Session, "save", deleted_meanwhile):
        response = staff_client.get(reverse("enterprises:enterprise_list"))
    assert response.status_code == 400
    assert "请求无法处理" in response.content.decode()  # the Chinese 400 page, not Django's English one


def test_a_request_from_an_unknown_host_gets_the_chinese_400_page(client):
    client.raise_request_exception = False
    response = client.get(reverse("services:request_submit"), HTTP_HOST="evil.example.com")
    body = response.content.decode()
    assert response.status_code == 400
    assert "请求无法处理" in body and "没有保存任何内容" in body


# --- /healthz: cheap and discreet for anyone, detailed for admins and this machine ---

OUTSIDE = {"REMOTE_ADDR": "203.0.113.7"}


def test_the_public_health_answer_says_up_or_down_without_pinging_celery(client):
    with mock.patch.object(app.control, "ping", side_effect=AssertionError("pinged")) as ping:
        app.conf.task_always_eager = False
        try:
            response = client.get(reverse("healthz"), **OUTSIDE)
        finally:
            app.conf.task_always_eager = True
    assert not ping.called
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}


def test_the_public_health_answer_never_shows_the_database_error(client, admin_user):
    from django.db.backends.utils import CursorWrapper
    from django.test import Client

    secret = 'FATAL: password authentication failed for user "federation"'
    original = CursorWrapper.execute

    def execute(self, sql, params=None):
        if sql == "SELECT 1":  # only the health check's probe fails (sessions still load)
            raise Exception(secret)
        return original(self, sql, params)

    other = Client()
    other.force_login(admin_user)
    with mock.patch.object(CursorWrapper, "execute", execute):
        public = client.get(reverse("healthz"), **OUTSIDE)
        admin = other.get(reverse("healthz"), **OUTSIDE)
    assert public.status_code == 503 and secret not in public.content.decode()
    assert public.json()["database"] == "down"
    assert admin.json()["database"] == {"ok": False, "error": secret}
    assert "celery" in admin.json()


def test_behind_the_proxy_a_visitor_is_not_taken_for_this_machine(client, settings, staff):
    settings.RATELIMIT_TRUSTED_PROXY = True
    client.force_login(staff)  # staff are not administrators
    outside = client.get(reverse("healthz"), HTTP_X_FORWARDED_FOR="203.0.113.7").json()
    assert outside["database"] == "up"
    monitor = client.get(reverse("healthz")).json()  # straight to the app server, no proxy header
    assert monitor["database"]["ok"] is True


# --- request bodies over the limit are refused unread ---


def post_claiming(client, url, length, **extra):
    return client.generic(
        "POST", url, b"x" * 100, content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=str(length), **extra
    )


def test_an_oversized_anonymous_post_is_refused_before_it_is_read(client):
    from services.requests.models import ServiceRequest

    with mock.patch("django.http.request.HttpRequest._load_post_and_files") as parse:
        response = post_claiming(client, reverse("services:request_submit"), 100 * MB)
    assert response.status_code == 413 and not parse.called
    body = response.content.decode()
    assert "发送的数据过多" in body and "31" in body
    assert not ServiceRequest.objects.exists()
    assert post_claiming(client, reverse("login"), 2 * MB).status_code == 413


def test_each_page_has_its_own_body_limit(rf, staff, settings):
    from django.contrib.auth.models import AnonymousUser

    def limit(url, user):
        request = rf.post(url)
        request.user = user
        return BodySizeLimitMiddleware.limit_for(request)

    assert limit(IMPORT, staff) == settings.ENTERPRISE_IMPORT_MAX_BYTES + MB
    assert limit(reverse("services:request_submit"), AnonymousUser()) == 3 * 10 * MB + MB
    assert limit(reverse("login"), AnonymousUser()) == settings.BODY_MAX_BYTES == MB
    assert limit(reverse("federation:report_list"), staff) == settings.BODY_MAX_BYTES_SIGNED_IN


def test_a_staff_upload_over_the_import_limit_is_refused_unread(staff_client, settings):
    response = post_claiming(staff_client, IMPORT, settings.ENTERPRISE_IMPORT_MAX_BYTES + 2 * MB)
    assert response.status_code == 413
    assert not ImportJob.objects.exists()


def test_a_chunked_body_without_a_length_is_refused(client):
    response = client.generic(
        "POST", reverse("services:request_submit"), b"", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert response.status_code == 411


def test_small_posts_pass(client):
    assert client.post(reverse("services:request_track"), {"code": "X", "phone": "1"}).status_code == 200


# --- the workbook's XML: DTDs refused whatever the encoding, wherever they are ---

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def rewrite_part(path, name, content: bytes):
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, data in parts.items():
            archive.writestr(n, data)
    return path


def sheet_with_dtd(padding=""):
    return (
        f'<?xml version="1.0"?>{padding}<!DOCTYPE worksheet [<!ENTITY x "企业">]>'
        f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
        "</row></sheetData></worksheet>"
    )


@pytest.mark.parametrize(
    "part",
    [
        sheet_with_dtd().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"),
        sheet_with_dtd(padding="<!--" + " " * 8192 + "-->").encode(),
        sheet_with_dtd(padding=" " * 5000).encode(),
    ],
    ids=["utf-16", "padded comment", "padded spaces"],
)
def test_a_worksheet_declaring_a_dtd_is_refused_whatever_its_encoding(tmp_path, part):
    path = write_xlsx_file(tmp_path / "dtd.xlsx", [row(1)])
    rewrite_part(path, "xl/worksheets/sheet1.xml", part)
    assert_refused(path, "无法读取")


def test_shared_strings_declaring_an_entity_are_refused(tmp_path):
    path = write_xlsx_file(tmp_path / "dtd.xlsx", [row(1)])
    bomb = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<sst xmlns="{SHEET_NS}"><si><t>&b;</t></si></sst>'
    )
    rewrite_part(path, "xl/sharedStrings.xml", bomb.encode("utf-16"))
    assert_refused(path, "无法读取")


def test_a_utf16_worksheet_without_a_dtd_is_still_read(tmp_path):
    from federation.imports.reading import XlsxReader

    path = write_xlsx_file(tmp_path / "u16.xlsx", [row(1)])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace("UTF-8", "UTF-16", 1) if "UTF-8" in sheet else sheet
    rewrite_part(path, "xl/worksheets/sheet1.xml", sheet.encode("utf-16"))
    reader = XlsxReader(path)
    try:
        first = next(iter(reader.rows()))
    finally:
        reader.close()
    assert first[0] == 1 and "企业名称" in json.dumps(first[1], ensure_ascii=False)


# --- an upload is stored and sniffed; its XML is read by the task ---


def test_the_upload_request_does_not_read_the_workbook_xml(staff_client, tmp_path):
    path = write_xlsx_file(tmp_path / "登记.xlsx", [row(1)])
    with (
        mock.patch("federation.imports.reading.XlsxReader", side_effect=AssertionError("parsed in the request")),
        open(path, "rb") as handle,
    ):
        response = staff_client.post(IMPORT, {"file": handle})  # the task is not run (no commit callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.PENDING


def test_broken_shared_strings_are_accepted_at_upload_and_fail_readably_in_the_task(
    staff_client, tmp_path, django_capture_on_commit_callbacks
):
    path = write_xlsx_file(tmp_path / "坏表.xlsx", [row(1)])
    rewrite_part(path, "xl/sharedStrings.xml", b"<sst><si><t>not closed")
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = staff_client.post(IMPORT, {"file": handle})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.FAILED and "无法读取该 XLSX 文件" in job.error
    assert not job.may_retry  # the file's fault: upload a good one


def test_an_xlsx_without_a_worksheet_is_refused_at_upload(staff_client, tmp_path):
    path = tmp_path / "空.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with open(path, "rb") as handle:
        response = staff_client.post(IMPORT, {"file": handle})
    assert response.status_code == 200 and "无法读取" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.fixture(autouse=True)
def _clean_cache():
    clear_run_cache()
    yield
    clear_run_cache()
