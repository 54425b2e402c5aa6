"""Leaders act on what is raised to them (issue 8): a leader's instruction (督办/批示) with an optional
deadline goes on the history, to the assignee's workbench and notices, and marks the request."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from federation import registry, roles
from federation.models import Notice
from services.requests import operations
from services.requests.choices import EventKind, Rating, Status
from services.requests.models import RequestEvent, ServiceRequest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

INSTRUCT = "instruct_servicerequest"


@pytest.fixture
def instructing_roles(leader, staff, staff2):
    """The role rules this feature needs (see the report): leadership holds the instruction permission,
    staff do not. Applied after the role users exist, because creating one re-syncs the groups."""
    perm = Permission.objects.get(content_type__app_label="services", codename=INSTRUCT)
    Group.objects.get(name=roles.LEADERSHIP).permissions.add(perm)
    Group.objects.get(name=roles.STAFF).permissions.remove(perm)


@pytest.fixture
def raised(staff, staff2):
    """A request assigned to staff2, rated unsatisfied and so raised to leadership."""
    req = ServiceRequestFactory(title="融资难题")
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff2)
    operations.resolve_request(req, staff2, "已协调银行")
    operations.rate_request(req, Rating.UNSATISFIED, "没有解决")
    assert req.status == Status.REOPENED and req.escalated
    return req


def instruct(client, req, **data):
    fresh = ServiceRequest.objects.get(pk=req.pk)
    payload = {f"instruct-{k}": v for k, v in {"version": fresh.version, **data}.items()}
    return client.post(reverse("services:request_action", args=[req.pk, "instruct"]), payload, follow=True)


def test_a_leader_records_an_instruction_that_reaches_the_assignee(
    instructing_roles, client, leader, staff2, raised, django_capture_on_commit_callbacks
):
    due = timezone.localdate() + timedelta(days=3)
    assert not raised.under_supervision
    assert not RequestEvent.objects.filter(request=raised, kind=EventKind.INSTRUCTED).exists()
    assert not [s for s in registry.workbench_for(staff2) if s.title == "领导督办"]
    notices_before = Notice.objects.filter(recipient=staff2).count()

    client.force_login(leader)
    page = client.get(raised.get_absolute_url()).content.decode()
    assert 'data-testid="form-instruct"' in page and 'data-testid="form-accept"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = instruct(client, raised, instruction="请于本周内协调银行再次会商", due=due.isoformat())
    assert response.status_code == 200

    raised.refresh_from_db()
    assert raised.under_supervision and raised.instruction_due == due
    assert raised.status == Status.REOPENED  # an instruction does not move the request on by itself
    event = RequestEvent.objects.get(request=raised, kind=EventKind.INSTRUCTED)
    assert event.actor == leader and not event.public and "请于本周内协调银行再次会商" in event.text
    assert due.isoformat() in event.text
    notice = Notice.objects.filter(recipient=staff2).latest("pk")
    assert Notice.objects.filter(recipient=staff2).count() == notices_before + 1
    assert raised.code in notice.title and notice.url == raised.get_absolute_url()
    section = next(s for s in registry.workbench_for(staff2) if s.title == "领导督办")
    assert section.count == 1 and section.items[0].url == raised.get_absolute_url()
    page = response.content.decode()
    assert "督办中" in page and "请于本周内协调银行再次会商" in page

    client.force_login(staff2)
    assert "领导督办" in client.get(reverse("home")).content.decode()


def test_staff_without_the_permission_cannot_give_instructions(instructing_roles, client, staff, raised):
    client.force_login(staff)
    response = client.post(
        reverse("services:request_action", args=[raised.pk, "instruct"]),
        {"instruct-version": raised.version, "instruct-instruction": "越权批示"},
    )
    assert response.status_code == 403
    assert 'data-testid="form-instruct"' not in client.get(raised.get_absolute_url()).content.decode()
    with pytest.raises(operations.PermissionDenied):
        operations.instruct_request(ServiceRequest.objects.get(pk=raised.pk), staff, "越权批示")
    assert not ServiceRequest.objects.get(pk=raised.pk).supervised_at


def test_the_leader_still_cannot_handle_the_request(instructing_roles, client, leader, raised):
    client.force_login(leader)
    response = client.post(
        reverse("services:request_action", args=[raised.pk, "resolve"]),
        {"resolve-version": raised.version, "resolve-resolution": "代为办结"},
    )
    assert response.status_code == 403


def test_an_instruction_with_a_deadline_in_the_past_gets_a_message_and_changes_nothing(
    instructing_roles, client, leader, raised
):
    client.force_login(leader)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = instruct(client, raised, instruction="限期办结", due=yesterday.isoformat())
    body = response.content.decode()
    assert "督办期限不能早于今天" in body and "限期办结" in body  # the text typed is kept
    raised.refresh_from_db()
    assert raised.supervised_at is None and raised.instruction == ""
    assert not RequestEvent.objects.filter(request=raised, kind=EventKind.INSTRUCTED).exists()


def test_the_service_refuses_a_past_deadline_and_a_finished_request(instructing_roles, leader, staff, raised):
    leader = type(leader).objects.get(pk=leader.pk)
    with pytest.raises(operations.RequestActionError, match="督办期限不能早于今天"):
        operations.instruct_request(raised, leader, "限期办结", timezone.localdate() - timedelta(days=1))
    operations.resolve_request(raised, staff, "再次协调后办结")
    operations.rate_request(raised, Rating.SATISFIED)
    version = ServiceRequest.objects.get(pk=raised.pk).version
    with pytest.raises(operations.TransitionNotAllowed):
        operations.instruct_request(raised, leader, "继续跟进")
    assert ServiceRequest.objects.get(pk=raised.pk).version == version


def test_an_instruction_before_anyone_is_assigned_goes_to_every_staff_member(
    instructing_roles, leader, staff, staff2, django_capture_on_commit_callbacks
):
    req = ServiceRequestFactory()
    leader = type(leader).objects.get(pk=leader.pk)
    with_notice = set(Notice.objects.values_list("recipient", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        operations.instruct_request(req, leader, "请尽快受理")
    assert {staff.pk, staff2.pk} <= set(Notice.objects.values_list("recipient", flat=True)) - with_notice
    assert ServiceRequest.objects.get(pk=req.pk).under_supervision
