"""The chamber registry's state changes: every lifecycle action from every status (allowed and
refused, before and after), and the registry's rules on bad input."""

import datetime

import pytest

from chambers import operations
from chambers.choices import ApplicationStatus, EventKind, MemberRole, Status
from chambers.models import ChamberEvent, Membership
from federation.transitions import TransitionError
from tests.enterprises.factories import EnterpriseFactory

from .factories import ChamberFactory

pytestmark = pytest.mark.django_db

ACTIONS = {
    "rectify": ({Status.ACTIVE}, Status.RECTIFYING),
    "mark_dormant": ({Status.ACTIVE, Status.RECTIFYING}, Status.DORMANT),
    "restore": ({Status.RECTIFYING, Status.DORMANT}, Status.ACTIVE),
    "deregister": ({Status.RECTIFYING, Status.DORMANT}, Status.DEREGISTERED),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("start", list(Status))
def test_each_lifecycle_action_moves_only_from_its_allowed_statuses(staff, action, start):
    chamber = ChamberFactory(status=start)
    allowed, target = ACTIONS[action]
    version = chamber.version
    if start in allowed:
        operations.change_status(chamber, action, staff, "年检连续两年未参加", on=datetime.date(2026, 11, 2))
        chamber.refresh_from_db()
        assert chamber.status == target and chamber.version == version + 1
        assert chamber.status_changed_on == datetime.date(2026, 11, 2)
        event = ChamberEvent.objects.get(chamber=chamber)
        assert (event.kind, event.from_status, event.to_status, event.actor) == (EventKind.STATUS, start, target, staff)
        assert event.text == "年检连续两年未参加"
    else:
        with pytest.raises(TransitionError):
            operations.change_status(chamber, action, staff, "理由")
        chamber.refresh_from_db()
        assert chamber.status == start and chamber.version == version
        assert not ChamberEvent.objects.filter(chamber=chamber).exists()


def test_a_status_change_needs_a_reason_and_changes_nothing_without_one(staff):
    chamber = ChamberFactory()
    with pytest.raises(operations.ChamberError):
        operations.rectify(chamber, staff, "  ")
    chamber.refresh_from_db()
    assert chamber.status == Status.ACTIVE and not chamber.events.exists()


def test_a_stale_version_is_refused(staff):
    chamber = ChamberFactory()
    seen = chamber.version
    operations.rectify(chamber, staff, "整改")
    with pytest.raises(TransitionError):
        operations.mark_dormant(chamber, staff, "长期无活动", version=seen)
    chamber.refresh_from_db()
    assert chamber.status == Status.RECTIFYING


def test_a_deregistered_chamber_takes_no_members(staff):
    chamber = ChamberFactory(status=Status.DEREGISTERED)
    with pytest.raises(operations.ChamberError, match="注销"):
        operations.add_membership(chamber, EnterpriseFactory(), MemberRole.MEMBER)
    assert not Membership.objects.exists()


def test_overlapping_periods_in_the_same_role_are_refused_but_other_roles_and_later_periods_are_not():
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    d = datetime.date
    operations.add_membership(
        chamber, enterprise, MemberRole.DIRECTOR, started_on=d(2020, 1, 1), ended_on=d(2022, 12, 31)
    )
    with pytest.raises(operations.ChamberError):
        operations.add_membership(chamber, enterprise, MemberRole.DIRECTOR, started_on=d(2022, 6, 1))
    operations.add_membership(chamber, enterprise, MemberRole.DIRECTOR, started_on=d(2023, 1, 1))
    operations.add_membership(chamber, enterprise, MemberRole.VICE_PRESIDENT, started_on=d(2021, 1, 1))
    assert Membership.objects.count() == 3


def test_a_second_inspection_for_the_same_year_is_refused():
    chamber = ChamberFactory()
    operations.record_inspection(chamber, 2025, "passed", datetime.date(2026, 3, 1))
    with pytest.raises(operations.ChamberError, match="2025"):
        operations.record_inspection(chamber, 2025, "failed", datetime.date(2026, 4, 1))
    assert chamber.inspections.get().result == "passed"


def test_a_chamber_that_is_not_active_takes_no_applications():
    chamber = ChamberFactory(status=Status.RECTIFYING)
    with pytest.raises(operations.ChamberError):
        operations.submit_application(
            chamber, enterprise_name="青海测试公司", contact_person="王五", phone="13912345678", consent=True
        )
    assert not chamber.applications.exists()


def test_approving_an_application_creates_the_membership_and_declining_needs_a_reason(secretary):
    chamber = ChamberFactory()
    enterprise = EnterpriseFactory()
    app = operations.submit_application(
        chamber, enterprise_name=enterprise.name, contact_person="王五", phone="13912345678", consent=True
    )
    operations.approve_application(app, secretary, enterprise)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED and app.membership.enterprise == enterprise
    assert chamber.memberships.get().role == MemberRole.MEMBER
    with pytest.raises(TransitionError):
        operations.decline_application(app, secretary, "重复申请")
    other = operations.submit_application(
        chamber, enterprise_name="另一家公司", contact_person="赵六", phone="13912345679", consent=True
    )
    with pytest.raises(operations.ChamberError):
        operations.decline_application(other, secretary, "")
    other.refresh_from_db()
    assert other.status == ApplicationStatus.SUBMITTED


def test_checked_not_dormant_must_hold_until_a_later_date(staff):
    chamber = ChamberFactory()
    with pytest.raises(operations.ChamberError):
        operations.check_not_dormant(chamber, staff, "有活动记录", datetime.date(2020, 1, 1))
    check = operations.check_not_dormant(
        chamber, staff, "上月召开会员大会", datetime.date(2027, 6, 30), on=datetime.date(2026, 12, 1)
    )
    assert check.expires_on == datetime.date(2027, 6, 30)
    assert chamber.events.get().kind == EventKind.CHECKED
