"""The monthly report on schedule: beat on the 1st at 08:00 (Asia/Shanghai) builds the previous
month's report and emails it to leadership, once; an administrator sees the schedule in the portal.
And report tasks on their own queue, with time limits below the broker's visibility timeout."""

import copy
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from docx import Document

from federation import monthly
from federation.celery import app as celery_app
from federation.models import Report
from federation.tasks import send_monthly_reports

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def previous_month():
    first = timezone.localdate().replace(day=1)
    last = first - datetime.timedelta(days=1)
    return last.year, last.month


def test_beat_runs_the_monthly_report_on_the_first_at_eight_in_shanghai():
    entry = celery_app.conf.beat_schedule["federation-monthly-report"]
    assert entry["task"] == "federation.send_monthly_reports"
    assert entry["schedule"] == crontab(day_of_month=1, hour=8, minute=0)
    assert str(celery_app.conf.timezone) == "Asia/Shanghai"
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks
    # Its next run, seen on 2026-11-30 at noon in Xining, is 2026-12-01 08:00 there.
    schedule = copy.copy(entry["schedule"])  # not the schedule beat and the other tests read
    schedule.nowfun = lambda: datetime.datetime(2026, 11, 30, 12, 0, tzinfo=SHANGHAI)
    last_run = datetime.datetime(2026, 11, 1, 8, 0, tzinfo=SHANGHAI)
    remaining = schedule.remaining_estimate(last_run)
    assert schedule.nowfun() + remaining == datetime.datetime(2026, 12, 1, 8, 0, tzinfo=SHANGHAI)


def test_the_scheduled_run_emails_the_previous_months_report_to_each_member_of_leadership(
    leader, django_user_model, staff
):
    from django.contrib.auth.models import Group

    from federation.roles import LEADERSHIP

    leader.email = "leader@gsl.example"
    leader.save()
    second = django_user_model.objects.create_user("leader2", email="leader2@gsl.example", password="x" * 12)
    second.groups.add(Group.objects.get(name=LEADERSHIP))
    staff.email = "staff@gsl.example"  # not leadership: gets nothing
    staff.save()

    assert send_monthly_reports() == 2
    year, month = previous_month()
    assert sorted(m.to[0] for m in mail.outbox) == ["leader2@gsl.example", "leader@gsl.example"]
    message = next(m for m in mail.outbox if m.to == ["leader@gsl.example"])
    assert message.subject == f"{year}年{month}月工作报告"
    names = [a[0] for a in message.attachments]
    assert names == [f"{year}年{month}月工作报告.docx", f"{year}年{month}月工作报告（附件：台账）.xlsx"]
    body = Document(io.BytesIO(message.attachments[0][1]))
    assert any(f"{year}年{month}月工作报告" in p.text for p in body.paragraphs)
    openpyxl.load_workbook(io.BytesIO(message.attachments[1][1]), read_only=True)

    reports = Report.objects.filter(created_by=leader, scheduled=True)
    assert sorted(reports.values_list("kind", "status")) == [(monthly.KEY, "done"), (monthly.APPENDIX_KEY, "done")]
    word = reports.get(kind=monthly.KEY)
    assert word.params == {"year": year, "month": month, "district": ""} and word.emailed_at
    assert not Report.objects.filter(created_by=staff).exists()


def test_running_the_schedule_twice_sends_and_builds_nothing_more(leader):
    leader.email = "leader@gsl.example"
    leader.save()
    assert send_monthly_reports() == 1
    before = list(Report.objects.values_list("pk", "finished_at"))
    assert send_monthly_reports() == 0
    assert len(mail.outbox) == 1
    assert list(Report.objects.values_list("pk", "finished_at")) == before


def test_a_scheduled_report_that_failed_is_not_emailed_and_can_be_sent_later(leader, settings):
    leader.email = "leader@gsl.example"
    leader.save()
    font = settings.REPORT_CJK_FONT
    settings.REPORT_CJK_FONT = "/nonexistent/font.ttc"
    assert send_monthly_reports() == 0 and mail.outbox == []
    word = Report.objects.get(created_by=leader, kind=monthly.KEY)
    assert word.status == Report.Status.FAILED and "中文字体" in word.error
    # The person retries it from the report centre; the next scheduled run of that month sends it.
    settings.REPORT_CJK_FONT = font
    from federation.reports import retry_report

    retry_report(word, leader)
    assert send_monthly_reports(*previous_month()) == 1


def test_the_administrator_sees_every_periodic_task_with_its_next_run(client, admin_user, assert_roles):
    url = reverse("federation:schedule_list")
    assert_roles(url, {"admin": 200, "leader": 403, "staff": 403, "secretary": 403, "outsider": 403, "anonymous": 302})
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    for name, entry in celery_app.conf.beat_schedule.items():
        assert name in page and entry["task"] in page
    row = page.split("federation-monthly-report")[1].split("</tr>")[0]
    assert "<code>0 8 1 * *</code>" in row
    today = timezone.localdate()
    following = datetime.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    next_run = following if not (today.day == 1 and timezone.localtime().hour < 8) else today
    assert f"{next_run:%Y-%m-%d} 08:00" in row


def test_report_tasks_have_their_own_queue_and_time_limits_below_the_visibility_timeout():
    from federation.tasks import build_report

    reports_queue = settings.CELERY_REPORT_QUEUE
    assert celery_app.amqp.router.route({}, build_report.name)["queue"].name == reports_queue
    assert celery_app.amqp.router.route({}, send_monthly_reports.name)["queue"].name == reports_queue
    assert reports_queue in {q.name for q in celery_app.conf.task_queues}  # a plain worker consumes it too
    assert celery_app.conf.worker_prefetch_multiplier == 1 and celery_app.conf.task_acks_late
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    assert celery_app.conf.task_soft_time_limit < celery_app.conf.task_time_limit < visibility
    # A dead build is marked failed after the time limit and before the broker hands its task out again.
    assert celery_app.conf.task_time_limit < settings.REPORT_STALE_AFTER * 60 < visibility
