"""Real PostgreSQL row locks with two connections, the daily digest on the real Celery worker, and
the idempotent demo data."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection

from federation.models import Notice
from services.requests import operations
from services.requests.choices import Status
from services.requests.models import ServiceRequest

from .factories import ServiceRequestFactory

TX = pytest.mark.django_db(transaction=True)


@TX
def test_two_staff_accepting_at_once_one_wins_and_the_other_is_told(staff, staff2):
    req = ServiceRequestFactory()
    barrier = threading.Barrier(2)
    results = {}

    def accept(user):
        try:
            barrier.wait()
            operations.accept_request(ServiceRequest.objects.get(pk=req.pk), user, version=req.version)
            results[user.username] = "ok"
        except operations.RequestActionError as exc:
            results[user.username] = str(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (staff, staff2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(v == "ok" for v in results.values()) == [False, True]
    loser = next(v for v in results.values() if v != "ok")
    assert "已受理" in loser or "Accepted" in loser
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.ACCEPTED and req.version == 1
    assert req.events.filter(kind="accepted").count() == 1


@TX
def test_two_different_transitions_at_once_never_both_apply(staff, staff2):
    req = ServiceRequestFactory()
    barrier = threading.Barrier(2)
    results = []

    def run(fn):
        try:
            barrier.wait()
            fn()
            results.append("ok")
        except operations.RequestActionError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(lambda: operations.accept_request(req, staff),)),
        threading.Thread(target=run, args=(lambda: operations.reject_request(req, staff2, "不予受理"),)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(results) == ["ok", "refused"]
    assert ServiceRequest.objects.get(pk=req.pk).status in (Status.ACCEPTED, Status.REJECTED)


def _urgent_requests(staff, staff2):
    staff.email, staff2.email = "staff@example.cn", "staff2@example.cn"
    staff.save()
    staff2.save()
    past = datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC)
    red = ServiceRequestFactory(now=past, title="逾期的诉求")
    operations.accept_request(red, staff)
    operations.assign_request(red, staff, staff)
    ServiceRequestFactory(now=past, title="无人负责的逾期诉求")  # accept-by passed, not assigned
    green = ServiceRequestFactory(title="刚提交的诉求")
    operations.accept_request(green, staff)
    operations.assign_request(green, staff, staff2)


@TX
@pytest.mark.worker
def test_the_daily_digest_runs_on_the_real_worker(real_celery, staff, staff2, leader):
    from services.requests.tasks import send_daily_digest

    leader.email = "leader@example.cn"
    leader.save()
    _urgent_requests(staff, staff2)
    mail.outbox = []
    result = send_daily_digest.delay().get(timeout=60)
    assert result == {"recipients": 2, "urgent": 2, "red": 2, "failed": []}
    mine = Notice.objects.get(recipient=staff, title__startswith="诉求")
    assert "逾期的诉求" in mine.body and "无人负责" not in mine.body
    lead = Notice.objects.get(recipient=leader, title__startswith="诉求")
    assert "逾期的诉求" in lead.body and "无人负责的逾期诉求" in lead.body
    assert not Notice.objects.filter(recipient=staff2, title__startswith="诉求").exists()
    # (The requests' own notices mail through the worker too, whenever it gets to them: only the digests count.)
    digests = [m for m in mail.outbox if m.subject.startswith("诉求")]
    assert sorted(m.to[0] for m in digests) == ["leader@example.cn", "staff@example.cn"]
    # Run twice the same day: nobody gets a second digest.
    assert send_daily_digest.delay().get(timeout=60)["recipients"] == 0
    assert Notice.objects.filter(title__startswith="诉求").count() == 2


@pytest.mark.django_db
def test_a_digest_whose_email_fails_is_sent_again_by_the_next_run(staff, staff2, leader, monkeypatch):
    from services.requests import tasks

    leader.email = "leader@example.cn"
    leader.save()
    _urgent_requests(staff, staff2)
    real_send = tasks.send_mail

    def flaky_send(subject, body, sender, to, **kwargs):
        if to == ["leader@example.cn"]:
            raise OSError("SMTP server unreachable")
        return real_send(subject, body, sender, to, **kwargs)

    monkeypatch.setattr(tasks, "send_mail", flaky_send)
    mail.outbox = []
    with pytest.raises(tasks.DigestIncomplete) as exc:
        tasks.send_daily_digest()
    assert exc.value.args[0]["failed"] == ["leader"]
    assert exc.value.args[0]["recipients"] == 1  # staff still got theirs
    assert not Notice.objects.filter(recipient=leader, title__startswith="诉求").exists()

    monkeypatch.setattr(tasks, "send_mail", real_send)
    assert tasks.send_daily_digest()["recipients"] == 1  # only the leader's, now delivered
    assert Notice.objects.filter(recipient=leader, title__startswith="诉求").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.cn", "staff@example.cn"]


def test_the_digest_is_in_the_beat_schedule():
    from federation.celery import app

    # The services app declares its beat entries itself; the core merges them into the schedule.
    tasks = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "services.tasks.send_daily_digest" in tasks


@pytest.mark.django_db
def test_demo_requests_are_realistic_and_not_duplicated_on_a_second_run(staff, staff2):
    from services.requests.demo import seed_demo_requests

    created = seed_demo_requests()
    assert created > 30
    statuses = set(ServiceRequest.objects.values_list("status", flat=True))
    assert {Status.SUBMITTED, Status.CLOSED, Status.REOPENED, Status.REJECTED} <= statuses
    assert ServiceRequest.objects.filter(enterprise__isnull=False).count() == created
    assert seed_demo_requests() == 0
    assert ServiceRequest.objects.count() == created
