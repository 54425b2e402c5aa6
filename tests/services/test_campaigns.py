"""Campaigns (专项行动): the pace arithmetic, progress of each goal (whole and split by staff member
or district) from the visits and requests linked to it, the pages for every role, the goal formset's
bad input, and the campaign figures with their lists."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from services.campaigns import measures, metrics, progress
from services.campaigns.choices import Measure
from services.campaigns.models import Campaign, CampaignGoal
from services.models import ServiceRequest
from services.requests import operations as request_ops
from services.requests.choices import Category, Source
from tests.enterprises.factories import EnterpriseFactory, county
from tests.kit import roles_map
from tests.services.test_visits import make_visit

pytestmark = pytest.mark.django_db

D = datetime.date
MARCH_1 = D(2026, 3, 1)


def campaign(start=MARCH_1, days=60, **kwargs):
    return Campaign.objects.create(
        name=kwargs.pop("name", "大调研大走访大解题大服务"),
        starts_on=start,
        ends_on=start + datetime.timedelta(days=days - 1),
        **kwargs,
    )


# --- the pace --------------------------------------------------------------------------------------


def test_where_we_should_be_is_the_target_spread_evenly_over_the_days():
    c = campaign(days=60)
    assert progress.expected(60, c, D(2026, 2, 28)) == 0  # before it starts
    assert progress.expected(60, c, D(2026, 3, 1)) == 1  # its first day counts
    assert progress.expected(60, c, D(2026, 3, 21)) == 21  # the third week
    assert progress.expected(4, c, D(2026, 3, 21)) == 1  # 4 × 21/60 = 1.4: one lecture by now
    assert progress.expected(60, c, D(2026, 4, 29)) == 60  # the last day
    assert progress.expected(60, c, D(2026, 9, 1)) == 60  # after it ended


def test_a_lagging_campaign_shows_behind_pace_in_its_third_week(staff):
    c = campaign(days=60)
    goal = CampaignGoal.objects.create(campaign=c, measure=Measure.ENTERPRISES_VISITED, target=60)
    for i in range(10):
        make_visit([staff], [EnterpriseFactory()], date=D(2026, 3, 1 + i), campaign=c)
    row = progress.goal_progress(goal, D(2026, 3, 21))
    assert (row.count, row.expected, row.behind, row.shortfall) == (10, 21, True, 11)
    assert progress.goal_progress(goal, D(2026, 3, 8)).behind is False  # 10 ≥ 8 in its first week


def test_counts_stop_at_the_day_asked_and_count_each_enterprise_once(staff):
    c = campaign(days=60)
    e = EnterpriseFactory()
    make_visit([staff], [e], date=D(2026, 3, 2), campaign=c)
    make_visit([staff], [e, EnterpriseFactory()], date=D(2026, 3, 10), campaign=c)
    make_visit([staff], [EnterpriseFactory()], date=D(2026, 3, 3))  # no campaign
    assert measures.count(Measure.VISITS, c) == 2
    assert measures.count(Measure.ENTERPRISES_VISITED, c) == 2
    assert measures.count(Measure.ENTERPRISES_VISITED, c, until=D(2026, 3, 5)) == 1


def test_goals_split_by_staff_member_or_district_count_only_theirs(staff, staff2):
    c = campaign(days=60)
    a, b = county("630102"), county("630103")
    make_visit([staff], [EnterpriseFactory(district=a)], date=D(2026, 3, 2), campaign=c)
    make_visit([staff, staff2], [EnterpriseFactory(district=b)], date=D(2026, 3, 3), campaign=c)
    make_visit([staff2], [EnterpriseFactory(district=b)], date=D(2026, 3, 4), campaign=c)
    whole = CampaignGoal.objects.create(campaign=c, measure=Measure.ENTERPRISES_VISITED, target=60)
    mine = CampaignGoal.objects.create(campaign=c, measure=Measure.ENTERPRISES_VISITED, target=30, staff=staff)
    theirs = CampaignGoal.objects.create(campaign=c, measure=Measure.ENTERPRISES_VISITED, target=30, staff=staff2)
    in_b = CampaignGoal.objects.create(campaign=c, measure=Measure.VISITS, target=10, district=b)
    day = D(2026, 3, 5)
    counts = {r.goal.pk: (r.count, r.expected) for r in progress.progress(c, day)}
    assert counts[whole.pk] == (3, 5)
    assert counts[mine.pk] == (2, 2)
    assert counts[theirs.pk] == (2, 2)
    assert counts[in_b.pk] == (2, 0)
    rows = progress.progress(c, day)
    assert [r.split_label for r in rows if r.goal.measure == Measure.ENTERPRISES_VISITED][0] == ""  # whole first


def test_problems_raised_and_solved_are_the_requests_of_the_campaigns_visits(staff):
    c = campaign(start=timezone.localdate() - datetime.timedelta(days=5), days=30)
    visit = make_visit([staff], [EnterpriseFactory()], date=timezone.localdate(), campaign=c, problems="两件事")
    for i in range(2):
        req = request_ops.submit_request(
            enterprise_name="企业",
            contact_person="张明",
            phone="13812345678",
            category=Category.OTHER,
            title=f"问题{i}",
            description="d",
            source=Source.VISIT,
        )
        ServiceRequest.objects.filter(pk=req.pk).update(visit=visit)
    assert measures.count(Measure.PROBLEMS_RAISED, c) == 2
    assert measures.count(Measure.PROBLEMS_SOLVED, c) == 0  # before
    request_ops.accept_request(req, staff)
    request_ops.resolve_request(req, staff, "已协调解决")
    assert measures.count(Measure.PROBLEMS_SOLVED, c) == 1  # after
    assert measures.count(Measure.PROBLEMS_SOLVED, c, staff=staff) == 1


def test_a_measure_nobody_counts_yet_is_shown_as_not_counted(monkeypatch, staff_client):
    monkeypatch.delitem(measures.counters, Measure.EVENTS, raising=False)
    c = campaign(start=timezone.localdate(), days=30)
    CampaignGoal.objects.create(campaign=c, measure=Measure.EVENTS, target=4)
    row = progress.progress(c, timezone.localdate())[0]
    assert row.count is None and not row.behind
    assert "暂未统计" in staff_client.get(c.get_absolute_url()).content.decode()


# --- pages ------------------------------------------------------------------------------------------


def test_every_role_gets_what_it_may_of_the_campaign_pages(assert_roles):
    c = campaign()
    readers = roles_map({"admin", "leader", "staff"})
    writers = roles_map({"admin", "staff"})
    assert_roles(reverse("services:campaign_list"), readers)
    assert_roles(c.get_absolute_url(), readers)
    assert_roles(reverse("services:campaign_add"), writers)
    assert_roles(reverse("services:campaign_edit", args=[c.pk]), writers)


def test_the_campaign_page_flags_a_goal_behind_pace_and_shows_split_goals(staff_client, staff):
    today = timezone.localdate()
    c = campaign(start=today - datetime.timedelta(days=20), days=60)
    behind = CampaignGoal.objects.create(campaign=c, measure=Measure.ENTERPRISES_VISITED, target=60)
    CampaignGoal.objects.create(campaign=c, measure=Measure.VISITS, target=1, staff=staff)
    make_visit([staff], [EnterpriseFactory()], date=today, campaign=c)
    response = staff_client.get(c.get_absolute_url())
    body = response.content.decode()
    rows = {r.goal.pk: r for r in response.context["rows"]}
    assert rows[behind.pk].behind and rows[behind.pk].expected == 21
    assert "落后时间进度 20" in body and "目标进度落后" in body
    assert (staff.get_full_name() or staff.username) in body
    assert "已完成目标" in body  # the split goal of one visit is reached


def _goal_forms(rows, total=None):
    data = {
        "goals-TOTAL_FORMS": str(total or len(rows)),
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"goals-{i}-{key}"] = value
    return data


def test_staff_add_a_campaign_with_goals_in_one_form(staff_client, staff):
    data = {
        "name": "助企暖企春风行动",
        "starts_on": "2026-02-01",
        "ends_on": "2026-04-30",
        "lead": staff.pk,
        **_goal_forms(
            [
                {"measure": Measure.VISITS, "target": "40"},
                {"measure": Measure.VISITS, "target": "20", "staff": staff.pk},
                {"measure": "", "target": ""},  # an empty extra form is ignored
            ]
        ),
    }
    response = staff_client.post(reverse("services:campaign_add"), data)
    c = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == c.get_absolute_url()
    assert sorted((g.target, g.staff_id) for g in c.goals.all()) == [(20, staff.pk), (40, None)]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"ends_on": "2026-01-01"}, "结束日期不能早于开始日期"),
        ({"goals-0-district": "DISTRICT"}, "不能同时分解"),
        ({"goals-1-measure": Measure.VISITS, "goals-1-target": "5"}, "重复"),
        ({"goals-0-target": "0"}, "至少为1"),
    ],
)
def test_bad_campaign_input_is_refused_with_nothing_saved_and_kept(staff_client, staff, change, message):
    data = {
        "name": "政策宣传月",
        "starts_on": "2026-02-01",
        "ends_on": "2026-02-28",
        **_goal_forms([{"measure": Measure.VISITS, "target": "10", "staff": staff.pk}, {}], total=2),
    }
    data.update({k: (county().pk if v == "DISTRICT" else v) for k, v in change.items()})
    if "goals-1-measure" in change:
        data["goals-1-staff"] = staff.pk
    response = staff_client.post(reverse("services:campaign_add"), data)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert not Campaign.objects.exists() and not CampaignGoal.objects.exists()
    assert 'value="政策宣传月"' in body


def test_editing_a_campaign_changes_and_removes_goals(staff_client):
    c = campaign()
    goal = CampaignGoal.objects.create(campaign=c, measure=Measure.VISITS, target=10)
    data = {
        "name": c.name,
        "starts_on": "2026-03-01",
        "ends_on": "2026-04-29",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "1",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "1000",
        "goals-0-id": goal.pk,
        "goals-0-measure": Measure.VISITS,
        "goals-0-target": "12",
        "goals-0-DELETE": "on",
    }
    assert staff_client.post(reverse("services:campaign_edit", args=[c.pk]), data).status_code == 302
    assert not c.goals.exists()


# --- figures ----------------------------------------------------------------------------------------


def test_the_campaign_figures_count_what_their_lists_show(staff_client, staff):
    today = timezone.localdate()
    running = campaign(start=today - datetime.timedelta(days=10), days=30, name="进行中")
    CampaignGoal.objects.create(campaign=running, measure=Measure.VISITS, target=30)  # 0 of 11: behind
    on_pace = campaign(start=today - datetime.timedelta(days=1), days=100, name="刚开始")
    CampaignGoal.objects.create(campaign=on_pace, measure=Measure.VISITS, target=10)
    campaign(start=today - datetime.timedelta(days=400), days=30, name="去年的")
    figures = {f.key: f for f in metrics.figures(today - datetime.timedelta(days=30), today)}
    assert figures["campaigns.active"].value == 2
    assert figures["campaigns.behind_pace"].value == 1
    for f in figures.values():
        assert staff_client.get(f.url).context["table"].paginator.count == f.value, f.key
