"""Every list and detail page runs a pinned number of queries, the same for 5 rows as for 50.

Each page names how to make its rows; the test asks the page once to warm the per-process caches
(content types, thresholds), then counts its queries with 5 rows and again with 50. A number that
grows with the rows is an N+1: fix the view (select_related / prefetch_related), not the pin."""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from federation.models import CalendarDay, Notice, Report
from services.requests import operations
from tests.enterprises.factories import EnterpriseFactory
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@dataclass
class Page:
    """A page under test: who reads it, the record it is about (if any), how to add ``n`` rows."""

    url: Callable  # (subject) -> url
    add_rows: Callable  # (subject, user, n) -> None
    queries: int
    subject: Callable = lambda user: None
    role: str = "staff"


def _enterprises(subject, user, n):
    EnterpriseFactory.create_batch(n)


def _timeline(enterprise, user, n):
    for _ in range(n):
        ServiceRequestFactory(uscc=enterprise.uscc)


def _requests(subject, user, n):
    for i in range(n):
        req = ServiceRequestFactory()
        if i % 2:
            operations.accept_request(req, user)
            operations.assign_request(req, user, user)


def _request_history(req, user, n):
    for i in range(n):
        operations.add_note(req, user, f"第{i}次电话沟通")
        req.attachments.create(original_name=f"材料{i}.pdf", stored_name=f"q{next(_serial)}.pdf", kind="pdf", size=10)


def _notices(subject, user, n):
    Notice.objects.bulk_create(
        Notice(recipient=user, title=f"通知{i}", url="/", read_at=None if i % 2 else timezone.now()) for i in range(n)
    )


def _reports(subject, user, n):
    Report.objects.bulk_create(
        Report(kind="enterprises.export", title=f"导出{i}", created_by=user, status=Report.Status.DONE, rows=i)
        for i in range(n)
    )


def _calendar_days(subject, user, n):
    start = datetime.date(2030, 1, 1) + datetime.timedelta(days=next(_serial) * 100)
    CalendarDay.objects.bulk_create(
        CalendarDay(date=start + datetime.timedelta(days=i), kind=CalendarDay.Kind.HOLIDAY, name="测试假日")
        for i in range(n)
    )


def _changes(subject, user, n):
    for i in range(n):
        enterprise = EnterpriseFactory()
        enterprise._history_user = user  # a change by a person, whose name the audit shows
        enterprise.name = f"改名{i}有限公司"
        enterprise.save()


def _logins(subject, user, n):
    now = timezone.now()
    for i in range(n):
        AccessLog.objects.create(username=user.username, ip_address="10.0.0.1", user_agent="test", attempt_time=now)
        AccessFailureLog.objects.create(
            username=f"guess{i}", ip_address="10.0.0.2", user_agent="test", attempt_time=now, locked_out=False
        )


PAGES = {
    "enterprise list": Page(lambda s: reverse("enterprises:enterprise_list"), _enterprises, queries=11),
    # 11: the chambers' timeline provider (the enterprise's memberships) adds its one query;
    # 12: it keeps a secretary to their own chambers' memberships (one query on the viewer's groups).
    "enterprise detail": Page(
        lambda s: s.get_absolute_url(), _timeline, queries=12, subject=lambda user: EnterpriseFactory()
    ),
    "request inbox": Page(lambda s: reverse("services:request_list"), _requests, queries=13),
    "request detail": Page(
        lambda s: s.get_absolute_url(), _request_history, queries=12, subject=lambda user: ServiceRequestFactory()
    ),
    "notices": Page(lambda s: reverse("federation:notice_list"), _notices, queries=10),
    "reports": Page(lambda s: reverse("federation:report_list"), _reports, queries=10),
    "calendar": Page(lambda s: reverse("federation:calendarday_list"), _calendar_days, queries=10),
    # One record type: the audit's queries depend on the types on the page (by design), not on the rows.
    "audit log": Page(
        lambda s: reverse("federation:audit_log") + "?kind=enterprises.enterprise",
        _changes,
        queries=11,
        role="admin_user",
    ),
    "login log": Page(lambda s: reverse("federation:login_log"), _logins, queries=8, role="admin_user"),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_runs_the_same_pinned_queries_for_5_rows_as_for_50(name, request, django_assert_num_queries):
    page = PAGES[name]
    user = request.getfixturevalue(page.role)
    client = Client()
    client.force_login(user)
    subject = page.subject(user)
    page.add_rows(subject, user, 5)
    url = page.url(subject)
    assert client.get(url).status_code == 200  # warms the per-process caches
    with django_assert_num_queries(page.queries):
        assert client.get(url).status_code == 200
    page.add_rows(subject, user, 45)
    with django_assert_num_queries(page.queries):
        assert client.get(url).status_code == 200


def test_the_audit_trail_names_each_record_as_it_was_then(admin_user):
    # Built from the historical row (no query per line), so an old line keeps the old name.
    enterprise = EnterpriseFactory(name="西宁旧名商贸有限公司")
    enterprise.name = "西宁新名商贸有限公司"
    enterprise.save()
    client = Client()
    client.force_login(admin_user)
    labels = [entry.label for entry in client.get(reverse("federation:audit_log")).context["page_obj"]]
    assert labels[:2] == ["西宁新名商贸有限公司", "西宁旧名商贸有限公司"]
