"""The leadership dashboard (数据驾驶舱, issue 14): who may open it, what each block shows on hand-built
data, the period and district in the URL, last year's comparison, the figure = list-count contract
for every figure and every chart bar, and the cache that a write makes stale at once."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import TEST_PASSWORD
from federation import dashboard, registry
from federation.views.dashboard import chart_context
from services.requests import metrics as request_metrics
from services.requests.choices import Category
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory, county
from tests.federation.test_figures import data_set  # noqa: F401  (a fixture: enterprises and requests)
from tests.kit import clear_run_cache, roles_map
from tests.services.factories import ServiceRequestFactory
from tests.services.test_events import make_event
from tests.services.test_legal import make_consultation, make_station

pytestmark = pytest.mark.django_db
URL = reverse("federation:dashboard")


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_run_cache()
    yield
    clear_run_cache()


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["table"].paginator.count


def _shown(response) -> dict[str, registry.Figure]:
    return {s.figure.key: s for block in response.context["data"].blocks for s in block.figures}


@pytest.fixture
def several_apps(data_set, staff):  # noqa: F811
    """Besides the enterprises and requests of ``data_set`` (district a, March 2025): chambers of two
    types and statuses, a membership, a legal consultation at a station and an event, in March 2025."""
    a, b = data_set
    industry = ChamberFactory(district=a)
    ChamberFactory(district=b, chamber_type="regional", status="dormant")
    MembershipFactory(chamber=industry, enterprise=EnterpriseFactory(district=a, cluster="pv"))
    station = make_station(district=a)
    make_consultation(station=station, date=datetime.date(2025, 3, 4))
    make_event(held_on=datetime.date(2025, 3, 12), district=a)
    return a, b


# --- Who may open it -----------------------------------------------------------------------------------


def test_leadership_staff_and_secretaries_open_the_dashboard_outsiders_do_not(assert_roles):
    assert_roles(URL, roles_map({"admin", "leader", "staff", "secretary"}))


def test_leadership_land_on_the_dashboard_after_login_and_staff_on_their_workbench(leader, staff):
    for user, landing in ((leader, URL), (staff, reverse("home"))):
        response = Client().post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
        assert response.status_code == 302 and response["Location"] == landing, user.username


def test_the_menu_shows_the_dashboard_to_those_who_may_open_it(staff_client, outsider):
    assert URL in staff_client.get(reverse("home")).content.decode()
    outsider_client = Client()
    outsider_client.force_login(outsider)
    assert URL not in outsider_client.get(reverse("home")).content.decode()


def test_a_secretary_sees_only_their_own_chambers_figures(secretary):
    mine = ChamberFactory()
    mine.secretaries.add(secretary)
    ChamberFactory()
    ChamberFactory(status="dormant")
    MembershipFactory(chamber=mine)
    MembershipFactory()
    ServiceRequestFactory(now=timezone.now())
    client = Client()
    client.force_login(secretary)
    response = client.get(URL)
    shown = _shown(response)
    assert shown["chambers.total"].figure.value == 1
    assert shown["chambers.members"].figure.value == 1
    assert "chambers.coverage_rate" not in shown  # the city's key areas are not a secretary's
    assert not any(key.startswith(("enterprises.", "requests.")) for key in shown)
    assert "您所在商会" in response.content.decode()
    # ... and the list behind each figure (restricted to their chamber) has that many rows.
    for key in ("chambers.total", "chambers.members"):
        assert _listed(client, shown[key].figure.url) == shown[key].figure.value


# --- What it shows ------------------------------------------------------------------------------------


def test_each_block_shows_its_figures_on_hand_built_data(several_apps, leader_client):
    a, _b = several_apps
    response = leader_client.get(URL, {"start": "2025-03-01", "end": "2025-03-31", "district": a.pk})
    assert response.status_code == 200
    shown = _shown(response)
    assert shown["enterprises.total"].figure.value == 3  # two of data_set, one member of the chamber
    assert shown["requests.received"].figure.value == 6
    assert shown["requests.response_rate"].figure.value == 50.0
    assert shown["requests.overdue"].alert  # the red count is shown in red
    assert shown["chambers.total"].figure.value == 1
    assert shown["legal.consultations"].figure.value == 1
    assert shown["events.held"].figure.value == 1
    page = response.content.decode()
    assert "响应率" in page and "按时办结率" in page and "满意率" in page
    assert "数据更新于" in page


def test_the_charts_carry_the_breakdowns_with_a_list_for_each_bar(several_apps, leader_client):
    response = leader_client.get(URL, {"start": "2025-03-01", "end": "2025-03-31"})
    charts = {c["key"]: c for c in chart_context(response.context["data"])["charts"]}
    assert {
        "enterprises.by_district",
        "enterprises.by_cluster",
        "chambers.by_type",
        "requests.by_month.received",
    } <= set(charts)
    by_category = charts["requests.by_category.received"]
    financing = by_category["labels"].index(Category.FINANCING.label)
    assert by_category["series"][0]["values"][financing] == 2
    trend = charts["requests.by_month.received"]
    assert [s["key"] for s in trend["series"]] == list(request_metrics.TREND)
    assert trend["labels"] == ["2025-03"]
    assert 'id="dashboard-charts"' in response.content.decode()  # the JSON the charts are drawn from


def test_a_block_no_app_fills_says_so_rather_than_showing_zeros(leader_client, monkeypatch):
    monkeypatch.setattr(registry.metrics, "_items", [])
    clear_run_cache()
    page = leader_client.get(URL).content.decode()
    assert page.count("暂无数据/未启用") == len(registry.dashboard_blocks_merged())


def test_figures_registered_under_a_blocks_prefix_appear_in_it(leader_client, monkeypatch):
    def villages(start, end, district=None):
        return [registry.Figure("villages.investment", "帮扶投资", 120, "万元", "/villages/")]

    monkeypatch.setattr(registry.metrics, "_items", [villages])
    response = leader_client.get(URL)
    block = next(b for b in response.context["data"].blocks if b.block.key == "villages")
    assert [s.figure.key for s in block.figures] == ["villages.investment"]
    assert "帮扶投资" in response.content.decode()


def test_the_village_block_shows_the_village_apps_own_figures(leader_client):
    response = leader_client.get(URL)
    block = next(b for b in response.context["data"].blocks if b.block.key == "villages")
    keys = {s.figure.key for s in block.figures}
    assert {"villages.enterprises", "villages.investment", "villages.jobs", "villages.new_pairings"} <= keys


# --- Period, district, comparison ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, start, end",
    [
        ({}, datetime.date(2026, 5, 1), datetime.date(2026, 5, 20)),
        ({"period": "month"}, datetime.date(2026, 5, 1), datetime.date(2026, 5, 20)),
        ({"period": "quarter"}, datetime.date(2026, 4, 1), datetime.date(2026, 5, 20)),
        ({"period": "year"}, datetime.date(2026, 1, 1), datetime.date(2026, 5, 20)),
        (
            {"period": "range", "start": "2025-03-01", "end": "2025-03-31"},
            datetime.date(2025, 3, 1),
            datetime.date(2025, 3, 31),
        ),
        ({"start": "2025-03-31", "end": "2025-03-01"}, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)),
        ({"start": "2025-03-01"}, datetime.date(2025, 3, 1), datetime.date(2026, 5, 20)),
        ({"start": "三月", "end": "2025-13-01"}, datetime.date(2026, 5, 1), datetime.date(2026, 5, 20)),
    ],
)
def test_the_period_comes_from_the_query_string(params, start, end):
    period = dashboard.period_from(params, today=datetime.date(2026, 5, 20))
    assert (period.start, period.end) == (start, end)


def test_last_year_is_the_same_dates_a_year_earlier():
    period = dashboard.Period("range", datetime.date(2024, 2, 29), datetime.date(2024, 3, 31))
    assert dashboard.period_from({}).last_year().start.year == timezone.localdate().year - 1
    assert (period.last_year().start, period.last_year().end) == (
        datetime.date(2023, 2, 28),
        datetime.date(2023, 3, 31),
    )


def test_the_period_and_district_stay_in_the_links_and_a_bad_district_means_the_whole_city(data_set, leader_client):  # noqa: F811
    a, _b = data_set
    response = leader_client.get(URL, {"start": "2025-03-01", "end": "2025-03-31", "district": a.pk})
    page = response.content.decode()
    assert f"?period=year&amp;district={a.pk}" in page
    assert 'value="2025-03-01"' in page and f'<option value="{a.pk}" selected>' in page
    received = _shown(response)["requests.received"].figure
    assert "received_from=2025-03-01" in received.url and f"district={a.pk}" in received.url
    for bad in ("abc", "999999"):
        response = leader_client.get(URL, {"district": bad})
        assert response.status_code == 200 and response.context["district"] is None


def test_last_year_is_compared_where_it_exists_and_a_total_gets_a_dash(data_set, leader_client):  # noqa: F811
    a, _b = data_set
    # One request in district a in March 2024 to compare with the six of March 2025.
    ServiceRequestFactory(
        category=Category.LABOUR, district=a, now=datetime.datetime(2024, 3, 9, 10, tzinfo=datetime.UTC)
    )
    response = leader_client.get(URL, {"start": "2025-03-01", "end": "2025-03-31", "district": a.pk})
    shown = _shown(response)
    received = shown["requests.received"]
    assert received.last.value == 1 and received.change == "+500.0%"
    assert "received_from=2024-03-01" in received.last.url
    assert shown["enterprises.total"].last is None  # a total as of today has no last year
    page = response.content.decode()
    assert re.search(r'data-testid="last-year-enterprises.total">去年同期:\s*—', page)


def test_a_rates_change_is_in_points():
    f = registry.Figure("x.rate", "率", 62.5, "%", "/a")
    assert dashboard.Shown(f, registry.Figure("x.rate", "率", 50.0, "%", "/b")).change == "+12.5个百分点"
    assert dashboard.Shown(f, registry.Figure("x.rate", "率", None, "%", "/b")).change == ""


# --- Every number is its list's count -----------------------------------------------------------------


@pytest.mark.parametrize("in_district", [True, False])
def test_every_figure_and_every_chart_bar_equals_the_count_of_its_list(several_apps, staff_client, in_district):
    a, _b = several_apps
    start, end = datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)
    district = a.pk if in_district else None
    figures = registry.figures_for(start, end, district)
    series = registry.series_for(start, end, district)
    bars = [f for s in series for f in s.figures]
    assert {"enterprises.by_district", "chambers.by_type", "requests.by_month.received"} <= {s.key for s in series}
    checked = 0
    for figure in figures + bars:
        if figure.is_count and figure.url:
            assert _listed(staff_client, figure.url) == figure.value, figure.key
            checked += 1
        if figure.numerator is not None and figure.numerator_url:
            assert _listed(staff_client, figure.numerator_url) == figure.numerator, figure.key
            assert _listed(staff_client, figure.denominator_url) == figure.denominator, figure.key
    assert checked >= len(figures) // 2
    assert any(f.value for f in bars if f.is_count)  # not a data set of zeros


# --- The cache ------------------------------------------------------------------------------------------


def test_a_write_changes_the_figure_at_once(leader_client):
    first = _shown(leader_client.get(URL))["enterprises.total"].figure.value
    assert _shown(leader_client.get(URL))["enterprises.total"].figure.value == first  # from the cache
    e = EnterpriseFactory()
    assert _shown(leader_client.get(URL))["enterprises.total"].figure.value == first + 1
    e.delete()
    assert _shown(leader_client.get(URL))["enterprises.total"].figure.value == first
    chamber = ChamberFactory()
    before = _shown(leader_client.get(URL))["chambers.members"].figure.value
    MembershipFactory(chamber=chamber)
    assert _shown(leader_client.get(URL))["chambers.members"].figure.value == before + 1


def test_a_cached_render_asks_the_database_nothing_for_its_figures(several_apps, leader_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leader_client.get(URL)  # builds and keeps the figures
    # What is left: the session (read, and saved again by the session middleware), the user and their
    # permissions and groups (the menu, the secretary test) -- no table any figure counts.
    with CaptureQueriesContext(connection) as queries:
        response = leader_client.get(URL)
    sqls = [q["sql"] for q in queries]
    others = [sql for sql in sqls if not re.search(r'"(django_session|auth_\w+)"|SAVEPOINT', sql)]
    assert not others and len(sqls) <= 8, "\n".join(sql[:200] for sql in sqls)
    assert _shown(response)["requests.received"].figure.value is not None


def test_the_dashboard_still_answers_when_the_cache_is_down(leader_client, monkeypatch):
    from federation import ratelimit

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(ratelimit, "_warned_at", ratelimit._warned_at)  # the once-a-minute warning, restored after
    monkeypatch.setattr(ratelimit, "cache", Broken())
    response = leader_client.get(URL)
    assert response.status_code == 200
    EnterpriseFactory()  # the version bump fails over too
    assert leader_client.get(URL).status_code == 200


def test_only_the_writes_a_figure_may_count_bump_the_version(leader):
    from django.contrib.sessions.models import Session

    assert dashboard.tracked(type(EnterpriseFactory.build()))
    assert not dashboard.tracked(Session)
    before = dashboard.version()
    Client().post(reverse("login"), {"username": leader.username, "password": TEST_PASSWORD})  # last_login, session
    assert dashboard.version() == before
    EnterpriseFactory(district=county("630103"))
    assert dashboard.version() > before


def test_money_figures_read_in_wan_yuan_and_other_decimals_keep_their_unit():
    from decimal import Decimal

    from federation.views.dashboard import render_blocks

    money = registry.Figure("t.investment", "累计投入资金", Decimal("22675000"), "元", "/a/")
    jobs = registry.Figure("t.jobs", "累计带动就业", Decimal(429), "人", "/b/")
    block = dashboard.BlockData(registry.DashboardBlock("t", "测试"), [dashboard.Shown(money), dashboard.Shown(jobs)])
    html = render_blocks(dashboard.Data([block], timezone.now(), []))
    assert money.is_money and not jobs.is_money
    assert "2,267.50 万元" in html and "22675000" not in html
    assert ">429</a>" in html and "429.00" not in html


def test_a_deploys_migrate_makes_the_kept_dashboards_stale():
    from django.apps import apps
    from django.db.models.signals import post_migrate

    before = dashboard.version()
    post_migrate.send(
        sender=apps.get_app_config("federation"),
        app_config=apps.get_app_config("federation"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    assert dashboard.version() != before
