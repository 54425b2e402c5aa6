"""The workbench shows the shared queue (issue 8): a request awaiting acceptance whose accept-by date is
near is yellow in the inbox, and must wait on the workbench of everyone who may accept it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from federation import registry
from services.requests.contributions import awaiting_acceptance
from services.requests.models import ServiceRequest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


def due_in(req, days):
    ServiceRequest.objects.filter(pk=req.pk).update(accept_due=timezone.localdate() + timedelta(days=days))
    return req


def test_a_new_request_due_tomorrow_waits_on_every_accepting_staff_members_workbench(client, staff, staff2):
    req = due_in(ServiceRequestFactory(title="用工招聘难"), 1)
    for user in (staff, staff2):
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert "待受理诉求（共享）" in body and req.code in body and "【即将到期】" in body


def test_the_shared_queue_is_ordered_by_accept_by_date_with_the_inbox_light(staff):
    later = due_in(ServiceRequestFactory(), 30)
    overdue = due_in(ServiceRequestFactory(), -2)
    soon = due_in(ServiceRequestFactory(), 1)
    (section,) = awaiting_acceptance(staff)
    assert section.count == 3
    assert [i.url for i in section.items] == [r.get_absolute_url() for r in (overdue, soon, later)]
    assert "【已逾期】" in section.items[0].text and "【即将到期】" in section.items[1].text
    assert "【" not in section.items[2].text
    assert section.url.endswith("?status=submitted")


def test_accepted_requests_leave_the_shared_queue(staff):
    from services.requests import operations

    req = ServiceRequestFactory()
    assert awaiting_acceptance(staff)[0].count == 1
    operations.accept_request(req, staff)
    assert awaiting_acceptance(staff)[0].count == 0


def test_those_who_may_not_accept_do_not_get_the_queue(leader, secretary):
    due_in(ServiceRequestFactory(), 1)
    assert awaiting_acceptance(leader) == [] and awaiting_acceptance(secretary) == []
    assert not [s for s in registry.workbench_for(leader) if "共享" in str(s.title)]
