"""A campaign's progress against its goals, with the pace a person expects.

"Where we should be by today" is ``floor(target × campaign.elapsed(today))``: the whole number of
records a goal should have reached if its target were spread evenly over the campaign's days (both
ends counted). A goal is behind pace when its count is below that number — so a campaign of 60
visits over 60 days with 10 visits in its 21st day (expected 21) shows red in its third week."""

import dataclasses
import datetime

from federation import pace

from . import measures
from .models import Campaign, CampaignGoal


@dataclasses.dataclass(frozen=True)
class GoalProgress:
    goal: CampaignGoal
    count: int | None  # None: no sub-domain counts this measure (yet)
    expected: int

    @property
    def counted(self) -> bool:
        return self.count is not None

    @property
    def behind(self) -> bool:
        return self.count is not None and self.count < self.expected

    @property
    def shortfall(self) -> int:
        """How many records the goal lacks to be on pace (0 when on pace or not counted)."""
        return max(0, self.expected - self.count) if self.count is not None else 0

    @property
    def done(self) -> bool:
        return self.count is not None and self.count >= self.goal.target

    @property
    def percent(self) -> int:
        """The count as a share of the target (0–100, for the bar)."""
        if not self.count or not self.goal.target:
            return 0
        return min(100, round(100 * self.count / self.goal.target))

    @property
    def expected_percent(self) -> int:
        return min(100, round(100 * self.expected / self.goal.target)) if self.goal.target else 0

    @property
    def split_label(self) -> str:
        if self.goal.staff_id:
            return self.goal.staff.get_full_name() or self.goal.staff.username
        return self.goal.district.name if self.goal.district_id else ""


def expected(target: int, campaign: Campaign, today: datetime.date) -> int:
    """Where a goal of ``target`` should be by ``today``: the target times the share of days gone by."""
    return pace.expected(target, campaign.elapsed(today))


def goal_progress(goal: CampaignGoal, today: datetime.date) -> GoalProgress:
    campaign = goal.campaign
    count = measures.count(goal.measure, campaign, staff=goal.staff, district=goal.district, until=today)
    return GoalProgress(goal, count, expected(goal.target, campaign, today))


def progress(campaign: Campaign, today: datetime.date) -> list[GoalProgress]:
    """Every goal of the campaign, whole goals first, then the ones split by person or district."""
    goals = campaign.goals.select_related("campaign", "staff", "district").order_by(
        "measure", "staff__username", "district__code"
    )
    rows = [goal_progress(g, today) for g in goals]
    return sorted(rows, key=lambda r: (r.goal.measure, bool(r.goal.staff_id or r.goal.district_id)))


def behind_pace(campaign: Campaign, today: datetime.date) -> bool:
    """Whether any goal of the campaign is behind pace on ``today``."""
    return any(p.behind for p in progress(campaign, today))
