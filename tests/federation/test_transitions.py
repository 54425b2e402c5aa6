"""The core's transition mechanism (federation.transitions) on its own: lock, allowed-from table,
version check, history event, side effects after commit; a refused change changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from federation.models import Report
from federation.transitions import ConcurrentChange, StateMachine, TransitionError, TransitionNotAllowed
from services.requests.choices import EventKind, Status
from services.requests.models import RequestEvent, ServiceRequest
from services.requests.operations import REQUEST, RequestActionError

from ..services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

# A machine declared in a few lines, for a model without a version field or history (like a report).
REPORT = StateMachine(
    Report,
    allowed={"start": [Report.Status.PENDING], "touch": None},
    verbs={"start": "开始生成"},
    version_field=None,
)


@pytest.fixture
def report(staff):
    return Report.objects.create(kind="test.rows", title="测试报表", created_by=staff)


def test_a_transition_locks_the_row_changes_it_and_refreshes_the_callers_object(report):
    with CaptureQueriesContext(connection) as queries, REPORT.transition(report, "start") as change:
        assert change.before == Report.Status.PENDING
        change.row.status = Report.Status.RUNNING
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    assert report.status == Report.Status.RUNNING  # the caller's object, not only the locked row
    assert Report.objects.get(pk=report.pk).status == Report.Status.RUNNING


def test_an_action_from_a_status_not_in_its_table_is_refused_with_a_chinese_message_and_changes_nothing(report):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    ran = []
    with (
        translation.override("zh-hans"),
        pytest.raises(TransitionNotAllowed) as exc,
        REPORT.transition(report, "start") as change,
    ):
        change.row.title = "改过的标题"
        change.on_commit(lambda: ran.append(1))
    assert str(exc.value) == "该报表当前为“已生成”，现在不能开始生成，未作任何更改。"
    assert Report.objects.get(pk=report.pk).title == "测试报表" and not ran


def test_an_action_allowed_from_any_status_is_never_refused_for_its_status(report):
    for status in Report.Status:
        Report.objects.filter(pk=report.pk).update(status=status)
        with REPORT.transition(report, "touch"):
            pass


def test_an_unknown_action_is_a_programming_error_not_a_refusal(report):
    with pytest.raises(KeyError):
        REPORT.transition(report, "delete")


def test_an_outdated_version_is_refused_and_a_current_one_is_bumped(staff):
    req = ServiceRequestFactory()
    seen = req.version
    with (
        translation.override("zh-hans"),
        pytest.raises(ConcurrentChange) as exc,
        REQUEST.transition(req, "accept", version=seen + 1) as change,
    ):
        change.row.status = Status.ACCEPTED
    assert "其他人刚刚处理了该诉求" in str(exc.value) and "待受理" in str(exc.value)
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED

    with REQUEST.transition(req, "accept", version=seen) as change:
        change.row.status = Status.ACCEPTED
    assert (req.status, req.version) == (Status.ACCEPTED, seen + 1)


def test_a_change_that_saves_nothing_keeps_the_version(staff):
    req = ServiceRequestFactory()
    with REQUEST.transition(req, "note", save=False) as change:
        change.record(EventKind.NOTE, actor=staff, text="内部备注", created_at=req.received_at)
    assert ServiceRequest.objects.get(pk=req.pk).version == req.version == 0
    assert RequestEvent.objects.filter(request=req, kind=EventKind.NOTE).count() == 1


def test_the_history_event_records_the_status_before_and_after(staff):
    req = ServiceRequestFactory()
    with REQUEST.transition(req, "accept") as change:
        change.row.status = Status.ACCEPTED
        change.record(EventKind.ACCEPTED, actor=staff, created_at=req.received_at)
    event = RequestEvent.objects.get(request=req, kind=EventKind.ACCEPTED)
    assert (event.from_status, event.to_status, event.actor) == (Status.SUBMITTED, Status.ACCEPTED, staff)


def test_side_effects_run_only_after_the_commit(report, django_capture_on_commit_callbacks):
    ran = []
    with django_capture_on_commit_callbacks() as callbacks, REPORT.transition(report, "start") as change:
        change.row.status = Report.Status.RUNNING
        change.on_commit(lambda: ran.append("notice"))
        assert ran == []  # not yet: the transaction has not committed
    assert len(callbacks) == 1
    callbacks[0]()
    assert ran == ["notice"]


def test_an_error_inside_the_block_rolls_back_the_row_and_its_events(staff, django_capture_on_commit_callbacks):
    req = ServiceRequestFactory()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RequestActionError),
        REQUEST.transition(req, "accept") as change,
    ):
        change.row.status = Status.ACCEPTED
        change.record(EventKind.ACCEPTED, actor=staff, created_at=req.received_at)
        change.on_commit(lambda: None)
        raise RequestActionError("校验失败")
    assert callbacks == []
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED
    assert not RequestEvent.objects.filter(request=req, kind=EventKind.ACCEPTED).exists()
    assert req.status == Status.SUBMITTED  # the caller's object is left as it was


def test_the_requests_old_exception_names_are_the_cores():
    from services.requests import operations

    assert operations.RequestActionError is TransitionError
    assert operations.TransitionNotAllowed is TransitionNotAllowed
    assert operations.ConcurrentChange is ConcurrentChange
