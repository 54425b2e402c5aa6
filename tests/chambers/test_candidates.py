"""The dormant-chamber rules one by one, the "checked, not dormant" decision and its expiry."""

import datetime

import pytest

from chambers import activity, candidates, operations
from chambers.choices import EventKind, InspectionResult, Status
from chambers.models import AnnualInspection, CandidateRules, ChamberEvent, DormancyCheck, Membership
from tests.chambers.factories import ChamberFactory, MembershipFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def rules():
    rules = CandidateRules.current()
    rules.inactive_months, rules.failed_inspection_years, rules.min_active_members, rules.contact_failures = 12, 2, 2, 1
    rules.save()
    return rules


def healthy(**kw):
    """A chamber that meets no rule on TODAY: recent activity, inspections passed, election ahead, members."""
    chamber = ChamberFactory(registered_on=datetime.date(2015, 5, 1), next_election_due=datetime.date(2028, 1, 1), **kw)
    ChamberEvent.objects.create(chamber=chamber, kind=EventKind.ACTIVITY, occurred_on=datetime.date(2026, 9, 1))
    for year in (2024, 2025):
        AnnualInspection.objects.create(
            chamber=chamber, year=year, result=InspectionResult.PASSED, inspected_on=datetime.date(year + 1, 4, 1)
        )
    MembershipFactory.create_batch(2, chamber=chamber)
    return chamber


def rules_of(chamber, rules):
    open_, held = candidates.candidates(rules=rules, on=TODAY)
    found = {c.chamber.pk: c for c in open_ + held}
    return found[chamber.pk].rules if chamber.pk in found else []


def test_a_healthy_chamber_is_no_candidate(rules):
    assert rules_of(healthy(), rules) == []


def test_no_activity_for_the_set_months_is_a_rule(rules):
    chamber = healthy()
    ChamberEvent.objects.filter(chamber=chamber, kind=EventKind.ACTIVITY).update(
        occurred_on=datetime.date(2025, 11, 30)
    )
    AnnualInspection.objects.filter(chamber=chamber).update(inspected_on=datetime.date(2025, 4, 1))
    assert rules_of(chamber, rules) == ["inactive"]


def test_an_inspection_counts_as_activity(rules):
    chamber = healthy()
    ChamberEvent.objects.filter(chamber=chamber).update(occurred_on=datetime.date(2020, 1, 1))
    assert rules_of(chamber, rules) == []  # the 2025 inspection held on 2026-04-01


@pytest.fixture
def activity_source():
    """Register a source of chamber activity for one test, as services' events do in their ready()."""
    added = []

    def register(source):
        activity.register(source)
        added.append(source)

    yield register
    for source in added:
        activity.sources._items.remove(source)


def test_activity_registered_by_another_app_counts(rules, activity_source):
    chamber = healthy()
    ChamberEvent.objects.filter(chamber=chamber, kind=EventKind.ACTIVITY).update(occurred_on=datetime.date(2020, 1, 1))
    AnnualInspection.objects.filter(chamber=chamber).update(inspected_on=datetime.date(2020, 4, 1))
    assert rules_of(chamber, rules) == ["inactive"]
    # Another app's records (here: memberships begun) count once registered as a source.
    Membership.objects.filter(chamber=chamber).update(started_on=datetime.date(2026, 10, 1))
    activity_source(lambda ref: Membership.objects.filter(chamber=ref).order_by("-started_on").values("started_on"))
    assert rules_of(chamber, rules) == []


def test_a_chamber_registered_inside_the_window_is_not_inactive(rules):
    chamber = ChamberFactory(registered_on=datetime.date(2026, 6, 1), next_election_due=datetime.date(2031, 6, 1))
    MembershipFactory.create_batch(2, chamber=chamber)
    assert rules_of(chamber, rules) == []


def test_inspections_missing_or_failed_years_running_is_a_rule(rules):
    chamber = healthy()
    AnnualInspection.objects.filter(chamber=chamber, year=2025).delete()
    AnnualInspection.objects.filter(chamber=chamber, year=2024).update(result=InspectionResult.FAILED)
    assert rules_of(chamber, rules) == ["inspection"]


def test_one_inspection_passed_in_the_years_is_enough(rules):
    chamber = healthy()
    AnnualInspection.objects.filter(chamber=chamber, year=2025).update(result=InspectionResult.FAILED)
    assert rules_of(chamber, rules) == []


def test_an_overdue_election_is_a_rule(rules):
    chamber = healthy(name="换届逾期商会")
    chamber.next_election_due = datetime.date(2026, 11, 30)
    chamber.save()
    assert rules_of(chamber, rules) == ["election"]


def test_failed_contact_attempts_in_the_window_make_a_chamber_unreachable(rules):
    chamber = healthy()
    ChamberEvent.objects.create(chamber=chamber, kind=EventKind.CONTACT_FAILED, occurred_on=datetime.date(2024, 1, 1))
    assert rules_of(chamber, rules) == []  # outside the window
    ChamberEvent.objects.create(chamber=chamber, kind=EventKind.CONTACT_FAILED, occurred_on=datetime.date(2026, 3, 1))
    assert rules_of(chamber, rules) == ["unreachable"]


def test_fewer_current_members_than_the_minimum_is_a_rule(rules):
    chamber = healthy()
    chamber.memberships.first().__class__.objects.filter(pk=chamber.memberships.first().pk).update(
        ended_on=datetime.date(2026, 1, 1)
    )
    assert rules_of(chamber, rules) == ["few_members"]


def test_the_thresholds_are_read_from_the_rules(rules):
    chamber = healthy()
    rules.min_active_members = 3
    assert rules_of(chamber, rules) == ["few_members"]
    rules.min_active_members, rules.inactive_months = 2, 1
    assert rules_of(chamber, rules) == ["inactive"]


def test_a_deregistered_chamber_is_no_candidate(rules):
    chamber = ChamberFactory(status=Status.DEREGISTERED)
    assert rules_of(chamber, rules) == []


def test_a_chamber_checked_not_dormant_is_held_until_the_check_expires(rules, staff):
    chamber = healthy()
    chamber.next_election_due = datetime.date(2026, 1, 1)
    chamber.save()
    operations.check_not_dormant(chamber, staff, "换届已报批", datetime.date(2027, 1, 31), on=TODAY)
    open_, held = candidates.candidates(rules=rules, on=TODAY)
    assert [c.chamber.pk for c in open_] == []
    assert [(c.chamber.pk, c.holds_until) for c in held] == [(chamber.pk, datetime.date(2027, 1, 31))]
    # On the expiry day it still holds; the day after, the chamber is judged again.
    assert candidates.candidates(rules=rules, on=datetime.date(2027, 1, 31))[1]
    open_, held = candidates.candidates(rules=rules, on=datetime.date(2027, 2, 1))
    assert [c.chamber.pk for c in open_] == [chamber.pk] and held == []
    assert DormancyCheck.objects.count() == 1


def test_the_candidates_take_two_queries_however_many_chambers(rules, django_assert_num_queries):
    for _ in range(5):
        ChamberFactory(next_election_due=datetime.date(2020, 1, 1))
    # One for the chambers with their figures, one grouped count of their current members.
    with django_assert_num_queries(2):
        open_, _held = candidates.candidates(rules=rules, on=TODAY)
    assert len(open_) == 5
    for _ in range(20):
        ChamberFactory(next_election_due=datetime.date(2020, 1, 1))
    with django_assert_num_queries(2):
        assert len(candidates.candidates(rules=rules, on=TODAY)[0]) == 25


def test_a_candidate_shows_its_current_members(rules):
    chamber = ChamberFactory(next_election_due=datetime.date(2020, 1, 1))
    MembershipFactory.create_batch(3, chamber=chamber)
    MembershipFactory(chamber=chamber, ended_on=datetime.date(2026, 1, 1))  # left: not counted
    other = ChamberFactory(next_election_due=datetime.date(2020, 1, 1))
    open_, _held = candidates.candidates(rules=rules, on=TODAY)
    assert {c.chamber.pk: c.chamber.active_members for c in open_} == {chamber.pk: 3, other.pk: 0}


@pytest.mark.parametrize(("members", "minimum", "met"), [(2, 3, True), (3, 3, False), (4, 3, False), (0, 0, False)])
def test_the_members_rule_compares_with_the_minimum_exactly(rules, members, minimum, met):
    rules.min_active_members = minimum
    rules.save()
    chamber = healthy()
    chamber.memberships.all().delete()
    MembershipFactory.create_batch(members, chamber=chamber)
    assert ("few_members" in rules_of(chamber, rules)) is met


def test_months_before_keeps_to_the_end_of_a_shorter_month():
    assert candidates.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert candidates.months_before(datetime.date(2026, 12, 1), 12) == datetime.date(2025, 12, 1)
