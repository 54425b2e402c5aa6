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
from services.campaigns.choices import Measure
from services.campaigns.models import Campaign
from services.models import Visit
from services.policies import operations as policy_operations
from services.policies.models import Policy
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


def _events(subject, user, n):
    from services.events.models import Event

    for i in range(n):
        event = Event.objects.create(event_type="lecture", title=f"讲堂{i}", held_on=timezone.localdate())
        event.attendances.create(
            enterprise_name=f"企业{i}",
            contact_person="张",
            phone="13812345678",
            match_key=f"k{i}",
            name_key=f"k{i}",
            signed_in_at=timezone.now(),
        )


def _event_attendees(event, user, n):
    from services.events import operations

    for i in range(n):
        operations.sign_in(event, enterprise_name=f"签到企业{next(_serial)}", contact_person="张", phone="13812345678")
        event.files.create(original_name=f"照片{i}.jpg", stored_name=f"e{next(_serial)}.jpg", kind="jpg", size=10)


def _an_event(user):
    from services.events.models import Event

    return Event.objects.create(event_type="lecture", title="讲堂", held_on=timezone.localdate())


def _fair(user):
    from services.jobfairs.models import JobFair

    today = timezone.localdate()
    return JobFair.objects.create(
        title="招聘会", held_on=today, venue="市民中心", registration_opens=today, registration_closes=today,
        booths=500, status="open",
    )  # fmt: skip


def _fair_registrations(fair, user, n):
    from services.jobfairs import operations

    fair = fair if fair is not None else _fair(user)
    for _i in range(n):
        reg = operations.register_for_fair(
            fair, enterprise_name=f"招聘企业{next(_serial)}", contact_person="张", phone="13812345678",
            positions=[{"title": "电工", "headcount": 2}, {"title": "会计", "headcount": 1}],
        )  # fmt: skip
        operations.approve_registration(reg)


def _fairs(subject, user, n):
    for _i in range(n):
        _fair(user)


def _notices(subject, user, n):
    Notice.objects.bulk_create(
        Notice(recipient=user, title=f"通知{i}", url="/", read_at=None if i % 2 else timezone.now()) for i in range(n)
    )


def _reports(subject, user, n):
    Report.objects.bulk_create(
        Report(kind="enterprises.export", title=f"导出{i}", created_by=user, status=Report.Status.DONE, rows=i)
        for i in range(n)
    )


def _report_templates(subject, user, n):
    from federation.models import ReportTemplate

    ReportTemplate.objects.bulk_create(
        ReportTemplate(
            kind="monthly", file=f"report-templates/t{i}.docx", original_name=f"模板{i}.docx", uploaded_by=user
        )
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


def _visits(subject, user, n):
    campaign = Campaign.objects.first() or Campaign.objects.create(
        name="大调研大走访大解题大服务", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    for i in range(n):
        visit = Visit.objects.create(date=datetime.date(2026, 1, 1 + i % 28), campaign=campaign, problems="问题")
        visit.enterprises.set([EnterpriseFactory(), EnterpriseFactory()])
        visit.staff.set([user])


def _legal(subject, user, n):
    from services.models import Lawyer, LegalConsultation, LegalStation
    from tests.enterprises.factories import county

    for i in range(n):
        lawyer = Lawyer.objects.create(
            name=f"律师{next(_serial)}", law_firm="青海树人律师事务所", specialties=["contract"]
        )
        station = LegalStation.objects.create(
            name=f"工作站{next(_serial)}", host_kind="park", host_name="开发区", district=county(), address="八一路1号"
        )
        station.lawyers.set([lawyer])
        LegalConsultation.objects.create(
            enterprise=EnterpriseFactory(),
            enterprise_name="某公司",
            station=station,
            lawyer=lawyer,
            date=datetime.date(2026, 1, 1 + i % 28),
            topic="contract",
            question="合同纠纷",
            created_by=user,
        )


def _campaigns(subject, user, n):
    for i in range(n):
        c = Campaign.objects.create(
            name=f"专项行动{i}", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30), lead=user
        )
        c.goals.create(measure=Measure.VISITS, target=10)


def _policies(subject, user, n, **conditions):
    for i in range(n):
        policy = Policy.objects.create(
            title=f"惠企政策{next(_serial)}",
            issuer="西宁市人民政府",
            issued_on=datetime.date(2025, 1, 1),
            level="city",
            category="tax",
            summary="摘要",
            body="全文",
            scales=["small"] if i % 2 else ["large"],
            **conditions,
        )
        policy.districts.set([EnterpriseFactory._meta.declarations["district"].function()] if i % 3 else [])
        policy_operations.publish_policy(policy, user)


def _policy_subject(user):
    policy = Policy.objects.create(
        title="小微企业政策",
        issuer="财政部",
        issued_on=datetime.date(2025, 1, 1),
        level="national",
        category="tax",
        summary="摘要",
        body="全文",
        scales=["small"],
    )
    policy_operations.publish_policy(policy, user)
    return policy


def _policy_targets(policy, user, n):
    enterprises = EnterpriseFactory.create_batch(n, scale="small")
    policy_operations.record_outreach(
        policy, enterprises[: n // 2], user, informed_on=datetime.date(2025, 3, 1), channel="phone"
    )


def _outreach(subject, user, n):
    policy = _policy_subject(user)
    policy_operations.record_outreach(
        policy,
        EnterpriseFactory.create_batch(n, scale="small"),
        user,
        informed_on=datetime.date(2025, 3, 1),
        channel="phone",
    )


# The pages that show personal data whole to staff (enterprise and request detail, event and job fair
# detail, the lawyers, a policy's enterprises) write one PersonalDataAccess row each (the INSERT is
# one query, federation.personal_data); the login log reads the last of those rows (one query).
PAGES = {
    "enterprise list": Page(lambda s: reverse("enterprises:enterprise_list"), _enterprises, queries=8),
    # 20: the timeline providers of chambers (the enterprise's memberships, kept to a secretary's own
    # chambers: one query on the viewer's groups), visits, events, policy outreach, job fairs and legal
    # consultations add one query each, village pairings two (pairings, projects), and the policy panel
    # its counts (with no policy, nothing more).
    "enterprise detail": Page(
        lambda s: s.get_absolute_url(), _timeline, queries=18, subject=lambda user: EnterpriseFactory()
    ),
    "request inbox": Page(lambda s: reverse("services:request_list"), _requests, queries=10),
    # 13: the request's legal consultations (services.legal) are one query.
    "request detail": Page(
        lambda s: s.get_absolute_url(), _request_history, queries=11, subject=lambda user: ServiceRequestFactory()
    ),
    "event list": Page(lambda s: reverse("services:event_list"), _events, queries=10),
    "event detail": Page(lambda s: s.get_absolute_url(), _event_attendees, queries=9, subject=_an_event),
    "visit list": Page(lambda s: reverse("services:visit_list"), _visits, queries=12),
    "legal consultation list": Page(lambda s: reverse("services:legalconsultation_list"), _legal, queries=8),
    "legal station list": Page(lambda s: reverse("services:legalstation_list"), _legal, queries=8),
    "lawyer list": Page(lambda s: reverse("services:lawyer_list"), _legal, queries=9),
    "legal public page": Page(lambda s: reverse("services:legal_public"), _legal, queries=7),
    "campaign list": Page(lambda s: reverse("services:campaign_list"), _campaigns, queries=7),
    # 23: as the enterprise detail, with the policy panel's matches.
    "enterprise detail with policies": Page(
        lambda s: s.get_absolute_url(), _policies, queries=21, subject=lambda user: EnterpriseFactory(scale="small")
    ),
    "policy list": Page(lambda s: reverse("services:policy_list"), _policies, queries=7),
    "policy public list": Page(lambda s: reverse("services:policy_public_list"), _policies, queries=6),
    "policy matcher": Page(lambda s: reverse("services:policy_match") + "?scale=small", _policies, queries=10),
    "policy enterprises": Page(
        lambda s: reverse("services:policy_enterprises", args=[s.pk]),
        _policy_targets,
        queries=13,
        subject=_policy_subject,
    ),
    "policy outreach records": Page(lambda s: reverse("services:policyoutreach_list"), _outreach, queries=9),
    "job fair list": Page(lambda s: reverse("services:jobfair_list"), _fairs, queries=7),
    "job fair registrations": Page(lambda s: reverse("services:jobregistration_list"), _fair_registrations, queries=7),
    "job fair detail": Page(lambda s: s.get_absolute_url(), _fair_registrations, queries=8, subject=_fair),
    "job fair public page": Page(
        lambda s: reverse("services:jobfair_public", args=[s.token]),
        _fair_registrations,
        queries=6,
        subject=_fair,
    ),
    "notices": Page(lambda s: reverse("federation:notice_list"), _notices, queries=7),
    "reports": Page(lambda s: reverse("federation:report_list"), _reports, queries=7),
    "calendar": Page(lambda s: reverse("federation:calendarday_list"), _calendar_days, queries=7),
    "report templates": Page(lambda s: reverse("federation:reporttemplate_list"), _report_templates, queries=5),
    # One record type: the audit's queries depend on the types on the page (by design), not on the rows.
    "audit log": Page(
        lambda s: reverse("federation:audit_log") + "?kind=enterprises.enterprise",
        _changes,
        queries=8,
        role="admin_user",
    ),
    "login log": Page(lambda s: reverse("federation:login_log"), _logins, queries=6, role="admin_user"),
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
