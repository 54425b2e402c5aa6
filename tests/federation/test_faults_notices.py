"""Issue 9: a line break in a title, or a mail server that fails, never turns a successful action
into an error page; one-line fields are kept on one line; a failed email is retried."""

import logging
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from federation import captcha
from federation.forms import SingleLineField, single_line
from federation.models import Notice
from federation.notices import EMAIL_RETRIES, notify, send_notice_email
from services.requests import operations
from services.requests.choices import Status
from services.requests.models import ServiceRequest
from tests.kit import clear_run_cache
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
SUBMIT = reverse("services:request_submit")


@pytest.fixture(autouse=True)
def _email_on(settings, staff, staff2):
    clear_run_cache()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user, address in ((staff, "staff@example.cn"), (staff2, "staff2@example.cn")):
        user.email = address
        user.save()
    mail.outbox = []
    yield
    clear_run_cache()


def form_data(**overrides):
    challenge = captcha.new_challenge(2, 3)
    data = {
        "enterprise_name": "青海高原光伏\r\n科技有限公司",
        "uscc": "",
        "contact_person": "张\n明",
        "phone": "13812345678",
        "district": "",
        "category": "financing",
        "title": "流动资金贷款\r\n续贷困难",
        "description": "贷款下月到期，\r\n希望协调无还本续贷。",
        "consent": "on",
        "captcha_token": challenge.token,
        "captcha_answer": "5",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("a\r\nb", "a b"),
        ("  a\n\n\nb  ", "a b"),
        ("a\u2028b\u2029c\x85d\x0be\x0cf\tg", "a b c d e f g"),
        ("标题  两个空格", "标题 两个空格"),
        (None, ""),
    ],
)
def test_single_line_removes_every_kind_of_line_break(typed, kept):
    assert single_line(typed) == kept
    assert SingleLineField(required=False).clean(typed) == kept


def test_a_title_with_a_line_break_is_stored_on_one_line_and_the_enterprise_gets_its_code(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("services:request_submitted")
    req = ServiceRequest.objects.get()
    assert (req.title, req.enterprise_name, req.contact_person) == (
        "流动资金贷款 续贷困难",
        "青海高原光伏 科技有限公司",
        "张 明",
    )
    assert "\n" in req.description  # the description is not a one-line field
    page = client.get(response["Location"]).content.decode()
    assert req.code in page
    assert mail.outbox and all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)


def test_a_title_with_a_line_break_from_elsewhere_still_mails_on_one_line(staff, django_capture_on_commit_callbacks):
    # Titles that reach the notice without a form (the API of the service function, old rows).
    with django_capture_on_commit_callbacks(execute=True):
        req = ServiceRequestFactory(title="旧数据\r\n标题")
    assert req.pk and Notice.objects.filter(recipient=staff).exists()
    assert mail.outbox and all("\n" not in m.subject for m in mail.outbox)
    assert all("\n" not in n.title for n in Notice.objects.all())


def test_the_assign_succeeds_when_the_mail_server_is_down(
    staff_client, staff, staff2, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        req = ServiceRequestFactory(title="续贷\r\n困难")
    operations.accept_request(req, staff)
    fresh = ServiceRequest.objects.get(pk=req.pk)
    before = Notice.objects.filter(recipient=staff2).count()
    refused = smtplib.SMTPServerDisconnected("connection unexpectedly closed")
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused) as sending,
        caplog.at_level(logging.ERROR, logger="federation.notices"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = staff_client.post(
            reverse("services:request_action", args=[req.pk, "assign"]),
            {"assign-version": fresh.version, "assign-assignee": staff2.pk},
        )
    assert response.status_code == 302
    fresh = ServiceRequest.objects.get(pk=req.pk)
    assert (fresh.status, fresh.assignee) == (Status.IN_PROGRESS, staff2)
    assert Notice.objects.filter(recipient=staff2).count() == before + 1  # the notice is in the portal
    # Tried, and (eager here: the retry is not run in the request) logged; the worker retries it.
    assert sending.call_count == 1
    assert "could not be sent or queued" in caplog.text
    assert smtplib.SMTPException in send_notice_email.autoretry_for and send_notice_email.max_retries == EMAIL_RETRIES


def test_the_email_task_is_retried_by_the_worker_when_the_server_refuses(staff2):
    notice = Notice.objects.create(recipient=staff2, title="标题", body="正文")
    refused = smtplib.SMTPServerDisconnected("down")
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused),
        mock.patch.object(send_notice_email, "retry", side_effect=RuntimeError("retry asked")) as retry,
        pytest.raises(RuntimeError),
    ):
        send_notice_email.run(notice.pk)
    assert retry.call_args.kwargs["exc"] is refused


def test_a_broker_that_is_down_does_not_fail_the_action(staff, staff2, django_capture_on_commit_callbacks, caplog):
    with (
        mock.patch.object(send_notice_email, "apply_async", side_effect=ConnectionRefusedError("broker down")),
        caplog.at_level(logging.ERROR, logger="federation.notices"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify([staff2], "标题", "正文", "/x")
    assert Notice.objects.filter(recipient=staff2).count() == 1
    assert "could not be sent or queued" in caplog.text


def test_the_email_task_sends_the_notice(staff2):
    notice = Notice.objects.create(recipient=staff2, title="有\n换行", body="正文", url="/services/")
    assert send_notice_email.apply(args=[notice.pk]).get() == "sent"
    assert mail.outbox[0].subject == "有 换行" and mail.outbox[0].to == ["staff2@example.cn"]
    assert "http://testserver/services/" in mail.outbox[0].body


def test_titles_of_old_rows_with_line_breaks_come_out_on_one_line():
    from types import SimpleNamespace

    from services.requests.notices import digest_title, notice_title

    old = [
        SimpleNamespace(code="ABCDEFGHJK", enterprise_name="旧企业\r\n名称"),
        SimpleNamespace(code="B", enterprise_name=""),
    ]
    assert notice_title(old[0], "标题\n第二行") == "标题 第二行（ABCDEFGHJK · 旧企业 名称）"
    assert "\n" not in digest_title("每日摘要", old) and "旧企业 名称" in digest_title("每日摘要", old)
