"""The clean-up pages: candidates, the "checked, not dormant" form, the rules, the yearly view —
who may see and change what, and the queries they take."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chambers.choices import InspectionResult, Status
from chambers.models import AnnualInspection, CandidateRules, DormancyCheck, FourGoodRating
from federation import dashboard
from tests.chambers.factories import ChamberFactory

pytestmark = pytest.mark.django_db
CANDIDATES = reverse("chambers:candidates")


@pytest.fixture
def secretary_client(secretary):
    c = Client()
    c.force_login(secretary)
    return c


@pytest.fixture
def outsider_client(outsider):
    c = Client()
    c.force_login(outsider)
    return c


def overdue(**kw):
    return ChamberFactory(next_election_due=datetime.date(2020, 1, 1), **kw)


@pytest.mark.parametrize(
    ("client_name", "status"),
    [("admin_client", 200), ("staff_client", 200), ("leader_client", 200), ("secretary_client", 200)],
)
def test_the_candidates_page_opens_for_every_role_that_reads_chambers(request, client_name, status):
    overdue(name="换届逾期商会")
    response = request.getfixturevalue(client_name).get(CANDIDATES)
    assert response.status_code == status


def test_the_candidates_page_is_refused_to_a_user_without_a_role(outsider_client, client):
    assert outsider_client.get(CANDIDATES).status_code == 403
    assert client.get(CANDIDATES).status_code == 302


def test_a_secretary_sees_only_their_own_chamber_among_the_candidates(secretary, secretary_client):
    own, other = overdue(name="本会"), overdue(name="他会")
    own.secretaries.add(secretary)
    names = [c.chamber.name for c in secretary_client.get(CANDIDATES).context["candidates"]]
    assert names == ["本会"] and other.name not in names


def test_the_page_shows_each_candidate_with_the_rules_it_meets(staff_client):
    overdue(name="换届逾期商会")
    html = staff_client.get(CANDIDATES).content.decode()
    assert "换届逾期商会" in html and "换届逾期" in html


def test_staff_mark_a_candidate_checked_and_it_moves_to_the_held_list(staff, staff_client):
    chamber = overdue()
    until = timezone.localdate() + datetime.timedelta(days=90)
    url = reverse("chambers:dormancycheck_add", args=[chamber.pk])
    response = staff_client.post(url, {"reason": "已提交换届申请", "expires_on": until.isoformat()})
    assert response.status_code == 302
    check = DormancyCheck.objects.get()
    assert (check.chamber, check.expires_on, check.created_by) == (chamber, until, staff)
    ctx = staff_client.get(CANDIDATES).context
    assert ctx["candidates"] == [] and [c.chamber.pk for c in ctx["held"]] == [chamber.pk]


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "", "expires_on": "2099-01-01"},
        {"reason": "理由", "expires_on": ""},
        {"reason": "理由", "expires_on": "2000-01-01"},
        {"reason": "理由", "expires_on": (datetime.date.today() + datetime.timedelta(days=800)).isoformat()},
    ],
)
def test_a_check_without_a_reason_or_a_sensible_expiry_is_refused(staff_client, data):
    chamber = overdue()
    response = staff_client.post(reverse("chambers:dormancycheck_add", args=[chamber.pk]), data, follow=True)
    assert DormancyCheck.objects.count() == 0
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.parametrize("client_name", ["leader_client", "secretary_client", "outsider_client"])
def test_only_staff_may_mark_a_chamber_checked(request, client_name):
    chamber = overdue()
    response = request.getfixturevalue(client_name).post(
        reverse("chambers:dormancycheck_add", args=[chamber.pk]), {"reason": "x", "expires_on": "2099-01-01"}
    )
    assert response.status_code == 403 and DormancyCheck.objects.count() == 0


def test_staff_change_the_thresholds_in_the_portal(staff_client):
    url = reverse("chambers:candidaterules_edit")
    assert staff_client.get(url).status_code == 200
    data = {"inactive_months": 6, "failed_inspection_years": 1, "min_active_members": 5, "contact_failures": 2}
    assert staff_client.post(url, data).status_code == 302
    rules = CandidateRules.current()
    assert (rules.inactive_months, rules.failed_inspection_years, rules.min_active_members) == (6, 1, 5)
    assert CandidateRules.objects.count() == 1


@pytest.mark.parametrize("client_name", ["leader_client", "secretary_client", "outsider_client"])
def test_other_roles_may_not_change_the_thresholds(request, client_name):
    response = request.getfixturevalue(client_name).post(
        reverse("chambers:candidaterules_edit"),
        {"inactive_months": 1, "failed_inspection_years": 1, "min_active_members": 1, "contact_failures": 1},
    )
    assert response.status_code == 403
    assert CandidateRules.current().inactive_months == 12


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response


def test_the_candidates_page_takes_the_same_queries_for_five_or_fifty_chambers(staff_client):
    CandidateRules.current()
    for _ in range(5):
        overdue()
    staff_client.get(CANDIDATES)  # warm the session and permission caches
    dashboard.bump_version()  # judged afresh, as after a write
    few, _response = _queries(staff_client, CANDIDATES)
    for _ in range(45):
        overdue()
    many, response = _queries(staff_client, CANDIDATES)
    assert len(response.context["candidates"]) == 50
    # The session, the user, the role check, the rules and the two candidates queries; nothing per row.
    assert few == many <= 11


def test_the_candidates_are_kept_until_a_write_and_a_write_shows_at_once(staff_client):
    CandidateRules.current()
    first = overdue()
    staff_client.get(CANDIDATES)
    kept, response = _queries(staff_client, CANDIDATES)
    assert [c.chamber.pk for c in response.context["candidates"]] == [first.pk]
    second = overdue()  # a write: the next view judges again
    judged, response = _queries(staff_client, CANDIDATES)
    assert {c.chamber.pk for c in response.context["candidates"]} == {first.pk, second.pk}
    assert kept < judged  # the kept judgement asked the database nothing about the chambers


def test_the_yearly_view_lists_what_falls_due_this_year(staff_client):
    today = timezone.localdate()
    year = today.year
    old = datetime.date(year - 5, 1, 1)
    inspected = ChamberFactory(name="已年检商会", registered_on=old, next_election_due=datetime.date(year + 2, 1, 1))
    AnnualInspection.objects.create(
        chamber=inspected, year=year - 1, result=InspectionResult.PASSED, inspected_on=today
    )
    FourGoodRating.objects.create(
        chamber=inspected,
        year=year,
        political_score=90,
        team_score=90,
        service_score=90,
        discipline_score=90,
        level="city",
        rated_on=today,
    )
    ChamberFactory(name="待年检商会", registered_on=old, next_election_due=datetime.date(year, 12, 31))
    ChamberFactory(name="新成立商会", registered_on=datetime.date(year, 1, 2))
    ChamberFactory(name="已注销商会", registered_on=old, status=Status.DEREGISTERED)
    ctx = staff_client.get(reverse("chambers:yearly")).context
    assert [c.name for c in ctx["inspection_due"]] == ["待年检商会"]
    assert [c.name for c in ctx["rating_due"]] == ["待年检商会", "新成立商会"]
    assert [c.name for c in ctx["election_due"]] == ["待年检商会"]


def test_the_yearly_view_is_refused_to_a_user_without_a_role(outsider_client):
    assert outsider_client.get(reverse("chambers:yearly")).status_code == 403


def test_the_candidates_come_fifty_to_a_page_with_their_total(staff_client):
    CandidateRules.current()
    for _ in range(55):
        overdue()
    first = staff_client.get(CANDIDATES)
    assert len(first.context["candidates"]) == 50
    assert "共 55 家候选商会" in first.content.decode()
    second = staff_client.get(CANDIDATES, {"page": 2})
    assert len(second.context["candidates"]) == 5
