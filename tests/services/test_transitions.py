"""Every transition of a request: allowed from the right states, refused (changing nothing) elsewhere."""

import pytest
from django.core import mail

from federation.models import Notice
from services.requests import operations
from services.requests.choices import EventKind, Rating, Status
from services.requests.models import RequestEvent, ServiceRequest

from .factories import EnterpriseFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db


def at_status(status, staff):
    """A request brought to ``status`` through the service functions."""
    req = ServiceRequestFactory()
    if status == Status.SUBMITTED:
        return req
    if status == Status.REJECTED:
        return operations.reject_request(req, staff, "不属于受理范围")
    operations.accept_request(req, staff)
    if status == Status.ACCEPTED:
        return req
    operations.assign_request(req, staff, staff)
    if status == Status.IN_PROGRESS:
        return req
    if status == Status.SUSPENDED:
        return operations.suspend_request(req, staff, "等待企业补充材料")
    operations.resolve_request(req, staff, "已协调银行办理续贷")
    if status == Status.RESOLVED:
        return req
    if status == Status.CLOSED:
        return operations.rate_request(req, Rating.SATISFIED)
    if status == Status.REOPENED:
        return operations.rate_request(req, Rating.UNSATISFIED, "没有解决")
    raise AssertionError(status)


ALL = list(Status)


def test_a_new_request_awaits_acceptance_with_a_random_code_and_deadlines(staff):
    req = ServiceRequestFactory()
    assert req.status == Status.SUBMITTED
    assert len(req.code) == 10 and set(req.code) <= set(operations.CODE_ALPHABET)
    assert req.accept_due < req.resolve_due
    assert RequestEvent.objects.get(request=req).kind == EventKind.SUBMITTED


def test_codes_are_random_not_sequential():
    codes = [ServiceRequestFactory().code for _ in range(3)] + [operations.new_tracking_code() for _ in range(300)]
    assert len(set(codes)) == len(codes)
    # Sequential codes would keep their first characters; random ones vary in every position.
    assert len({c[0] for c in codes}) > 20 and len({c[-1] for c in codes}) > 20


def test_a_request_with_a_known_uscc_is_linked_to_its_enterprise():
    enterprise = EnterpriseFactory()
    req = ServiceRequestFactory(uscc=enterprise.uscc.lower())
    assert req.enterprise == enterprise
    assert req.district == enterprise.district


@pytest.mark.parametrize(
    "action,allowed",
    [
        ("accept", {Status.SUBMITTED}),
        ("reject", {Status.SUBMITTED}),
        ("assign", {Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED}),
        ("transfer", {Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED}),
        ("suspend", {Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED}),
        ("resume", {Status.SUSPENDED}),
        ("resolve", {Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED}),
        ("rate", {Status.RESOLVED}),
        ("follow_up", {Status.RESOLVED}),
        (
            "reply",
            {Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED, Status.SUSPENDED, Status.RESOLVED},
        ),
    ],
)
def test_each_transition_is_allowed_only_from_its_states(action, allowed, staff, staff2):
    calls = {
        "accept": lambda r: operations.accept_request(r, staff),
        "reject": lambda r: operations.reject_request(r, staff, "理由"),
        "assign": lambda r: operations.assign_request(r, staff, staff2),
        "transfer": lambda r: operations.transfer_request(r, staff, "市人社局"),
        "suspend": lambda r: operations.suspend_request(r, staff, "等待材料"),
        "resume": lambda r: operations.resume_request(r, staff),
        "resolve": lambda r: operations.resolve_request(r, staff, "已解决"),
        "rate": lambda r: operations.rate_request(r, Rating.FAIRLY, "还行"),
        "follow_up": lambda r: operations.record_follow_up(r, staff, Rating.SATISFIED),
        "reply": lambda r: operations.send_reply(r, staff, "已收到，正在办理"),
    }
    for status in ALL:
        req = at_status(status, staff)
        before = ServiceRequest.objects.get(pk=req.pk)
        events_before = RequestEvent.objects.filter(request=req).count()
        if status in allowed:
            calls[action](req)
            after = ServiceRequest.objects.get(pk=req.pk)
            assert after.version == before.version + 1, (action, status)
            assert RequestEvent.objects.filter(request=req).count() > events_before
        else:
            with pytest.raises(operations.TransitionNotAllowed):
                calls[action](req)
            after = ServiceRequest.objects.get(pk=req.pk)
            assert (after.status, after.version) == (before.status, before.version), (action, status)
            assert RequestEvent.objects.filter(request=req).count() == events_before


def test_accepting_moves_submitted_to_accepted_and_records_on_time(staff):
    req = ServiceRequestFactory()
    operations.accept_request(req, staff)
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.ACCEPTED and req.accepted_on_time is True
    event = req.events.last()
    assert (event.kind, event.actor, event.public, event.from_status, event.to_status) == (
        EventKind.ACCEPTED,
        staff,
        True,
        Status.SUBMITTED,
        Status.ACCEPTED,
    )


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(staff):
    req = ServiceRequestFactory()
    with pytest.raises(operations.RequestActionError):
        operations.reject_request(req, staff, "  ")
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED
    operations.reject_request(req, staff, "属于司法诉讼事项")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert (req.status, req.reject_reason) == (Status.REJECTED, "属于司法诉讼事项")


def test_assigning_puts_an_accepted_request_in_progress_and_tells_the_assignee(
    staff, staff2, django_capture_on_commit_callbacks
):
    req = at_status(Status.ACCEPTED, staff)
    with django_capture_on_commit_callbacks(execute=True):
        operations.assign_request(req, staff, staff2)
    req = ServiceRequest.objects.get(pk=req.pk)
    assert (req.status, req.assignee) == (Status.IN_PROGRESS, staff2)
    assert Notice.objects.filter(recipient=staff2).count() == 1
    assert req.events.last().public is False


def test_requests_cannot_be_assigned_to_someone_without_the_staff_role(staff, leader):
    req = at_status(Status.ACCEPTED, staff)
    with pytest.raises(operations.RequestActionError):
        operations.assign_request(req, staff, leader)
    assert ServiceRequest.objects.get(pk=req.pk).assignee is None


def test_transfer_records_department_date_and_later_its_answer(staff):
    req = at_status(Status.ACCEPTED, staff)
    with pytest.raises(operations.TransitionNotAllowed):
        operations.record_transfer_answer(req, staff, "答复")
    operations.transfer_request(req, staff, "市自然资源和规划局")
    operations.record_transfer_answer(req, staff, "已安排现场踏勘")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.IN_PROGRESS
    assert req.transfer_department == "市自然资源和规划局" and req.transferred_on is not None
    assert req.transfer_answer == "已安排现场踏勘"
    answer = req.events.get(kind=EventKind.TRANSFER_ANSWER)
    assert answer.public is False


def test_suspend_and_resume_return_to_the_previous_status(staff):
    req = at_status(Status.IN_PROGRESS, staff)
    operations.suspend_request(req, staff, "等待企业补充营业执照")
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUSPENDED
    operations.resume_request(req, staff)
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.IN_PROGRESS and req.suspended_on is None


def test_internal_notes_are_allowed_in_any_status_and_never_public(staff):
    for status in ALL:
        req = at_status(status, staff)
        operations.add_note(req, staff, "内部备注")
        assert req.events.last().public is False
        assert req.events.last().kind == EventKind.NOTE


def test_resolving_needs_a_resolution(staff):
    req = at_status(Status.IN_PROGRESS, staff)
    with pytest.raises(operations.RequestActionError):
        operations.resolve_request(req, staff, "")
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.IN_PROGRESS
    operations.resolve_request(req, staff, "已协调解决")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.RESOLVED and req.resolved_on_time is True and req.resolve_working_days == 0


def test_a_satisfied_rating_closes_the_request(staff):
    req = at_status(Status.RESOLVED, staff)
    operations.rate_request(req, Rating.SATISFIED, "感谢")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert (req.status, req.rating, req.escalated) == (Status.CLOSED, Rating.SATISFIED, False)


def test_an_unsatisfied_rating_reopens_and_raises_to_leadership(staff, leader, django_capture_on_commit_callbacks):
    leader.email = "leader@example.cn"
    leader.save()
    req = at_status(Status.RESOLVED, staff)
    with django_capture_on_commit_callbacks(execute=True):
        operations.rate_request(req, Rating.UNSATISFIED, "问题没有解决")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert (req.status, req.escalated, req.reopen_count, req.resolved_at) == (Status.REOPENED, True, 1, None)
    assert Notice.objects.filter(recipient=leader).count() == 1
    assert Notice.objects.filter(recipient=staff).count() == 1  # the assignee
    assert mail.outbox and mail.outbox[0].to == ["leader@example.cn"]
    # The reopened request is worked on again and can be resolved anew.
    operations.resolve_request(req, staff, "再次协调，已解决")
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.RESOLVED


def test_a_follow_up_call_records_the_rating_as_taken_by_phone(staff):
    req = at_status(Status.RESOLVED, staff)
    operations.record_follow_up(req, staff, Rating.FAIRLY, "电话回访")
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.status == Status.CLOSED
    event = req.events.get(kind=EventKind.FOLLOW_UP)
    assert event.actor == staff


def test_an_unknown_rating_is_refused(staff):
    req = at_status(Status.RESOLVED, staff)
    with pytest.raises(operations.RequestActionError):
        operations.rate_request(req, "great")
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.RESOLVED


def test_an_action_on_an_outdated_version_is_refused_plainly(staff):
    req = ServiceRequestFactory()
    seen = req.version
    operations.accept_request(ServiceRequest.objects.get(pk=req.pk), staff)
    with pytest.raises(operations.ConcurrentChange) as exc:
        operations.reject_request(req, staff, "理由", version=seen)
    assert "已受理" in str(exc.value) or "Accepted" in str(exc.value)
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.ACCEPTED


def test_staff_can_link_a_request_to_an_enterprise(staff):
    req = ServiceRequestFactory()
    enterprise = EnterpriseFactory()
    operations.link_enterprise(req, staff, enterprise)
    req = ServiceRequest.objects.get(pk=req.pk)
    assert req.enterprise == enterprise and req.uscc == enterprise.uscc


def test_history_is_audited_with_simple_history(staff):
    req = ServiceRequestFactory()
    operations.accept_request(req, staff)
    assert req.history.count() == 2
