"""The workbench (我的工作台, 人少事多): what waits for a user across every app, merged and sorted by due
date (the default view) or by section; each role sees only items it may open."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from federation import registry
from tests.enterprises.factories import EnterpriseFactory
from tests.services.factories import ServiceRequestFactory
from tests.services.test_legal import make_consultation
from tests.services.test_visits import make_visit

pytestmark = pytest.mark.django_db
HOME = reverse("home")
TODAY = timezone.localdate


@pytest.fixture
def waiting(staff, staff2):
    """Work in three apps: a request awaiting acceptance (shared queue), a visit of ``staff`` and a
    consultation they recorded whose follow-up dates have come; and a visit of ``staff2``'s."""
    today = TODAY()
    request = ServiceRequestFactory(now=timezone.now() - datetime.timedelta(days=1))
    e = EnterpriseFactory()
    visit = make_visit(
        [staff], [e], date=today - datetime.timedelta(days=20), follow_up_on=today - datetime.timedelta(days=9)
    )
    consultation = make_consultation(staff, enterprise=e, follow_up_on=today - datetime.timedelta(days=3))
    others = make_visit([staff2], [e], follow_up_on=today - datetime.timedelta(days=30))
    return request, visit, consultation, others


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_items_of_several_apps_come_out_sorted_by_due_date(waiting, staff):
    request, visit, consultation, others = waiting
    response = _client(staff).get(HOME)
    assert response.context["view"] == "due"
    merged = response.context["by_due"]
    urls = [item.url for item, _section in merged]
    assert {request.get_absolute_url(), visit.get_absolute_url(), consultation.get_absolute_url()} <= set(urls)
    assert others.get_absolute_url() not in urls  # another staff member's visit
    dues = [item.due for item, _section in merged if item.due is not None]
    assert dues == sorted(dues) and len(dues) >= 3
    assert urls.index(visit.get_absolute_url()) < urls.index(consultation.get_absolute_url())
    assert len({section.title for _item, section in merged}) >= 3  # three apps' sections, one list
    page = response.content.decode()
    assert "按到期日" in page and "已逾期" in page
    assert page.index(visit.get_absolute_url()) < page.index(consultation.get_absolute_url())


def test_undated_items_come_last():
    dated = registry.WorkbenchItem("b", "/b", due=datetime.date(2026, 1, 2))
    earlier = registry.WorkbenchItem("a", "/a", due=datetime.date(2026, 1, 1))
    undated = registry.WorkbenchItem("c", "/c")
    sections = [
        registry.WorkbenchSection("one", "/1", [undated, dated], 2),
        registry.WorkbenchSection("two", "/2", [earlier], 1),
    ]
    assert [i.text for i, _s in registry.workbench_items_for(None, sections)] == ["a", "b", "c"]


def test_the_sections_stay_as_a_second_view(waiting, staff):
    response = _client(staff).get(HOME, {"view": "sections"})
    assert response.context["view"] == "sections"
    page = response.content.decode()
    assert len(response.context["sections"]) >= 3
    for section in response.context["sections"]:
        assert section.title in page


@pytest.mark.parametrize("role", ["admin", "leader", "staff", "secretary", "outsider"])
def test_each_role_sees_only_what_it_may_open(waiting, role_users, role):
    user = role_users[role]
    client = _client(user)
    merged = client.get(HOME).context["by_due"]
    for item, section in merged:
        for url in filter(None, [item.url, section.url]):
            assert client.get(url).status_code == 200, (role, url)
    urls = {item.url for item, _section in merged}
    request, visit, consultation, _others = waiting
    if role in ("outsider", "secretary"):
        assert not urls & {request.get_absolute_url(), visit.get_absolute_url(), consultation.get_absolute_url()}
    if role == "leader":  # leadership read, they do not accept requests or follow visits up
        assert visit.get_absolute_url() not in urls and consultation.get_absolute_url() not in urls
