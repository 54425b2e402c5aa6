"""The programme's arithmetic on a hand-built programme: an enterprise in two pairings, a one-to-many
and a many-to-one pairing, a village paired twice, a project with quarterly reports — counted once
each, for the whole programme, a period, a district and a township; every figure's list has as many
rows as the figure says."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from federation import registry
from tests.enterprises.factories import EnterpriseFactory, county
from villages import operations, programme
from villages.choices import PairingForm

from .factories import PairingFactory, ProjectFactory, ReportFactory, VillageFactory, township

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def built(staff):
    t1, t2, t3 = township("630106102"), township("630106105"), township("630121105")  # 鲁沙尔, 多巴 (湟中); 长宁 (大通)
    v1 = VillageFactory(township=t1, name="阿家庄村", is_key=True)
    v2 = VillageFactory(township=t1, name="石咀村")
    v3 = VillageFactory(township=t2, name="多巴三村", is_key=True)
    v4 = VillageFactory(township=t3, name="长宁村", is_key=True)  # never paired
    a, b, c = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    p1 = PairingFactory(enterprises=[a], villages=[v1])
    p2 = PairingFactory(form=PairingForm.ONE_TO_MANY, enterprises=[a], villages=[v2, v3])
    p3 = PairingFactory(
        form=PairingForm.MANY_TO_ONE,
        enterprises=[b, c],
        villages=[v3],
        batch="2026年度",
        start_year=2026,
        agreement_date=D(2026, 2, 1),
    )
    x1 = ProjectFactory(pairing=p1, village=v1, actual_investment=1_000_000, jobs=10, income_increase=200_000)
    x2 = ProjectFactory(pairing=p2, village=v2, actual_investment=500_000, jobs=99, income_increase=99_000)
    ReportFactory(
        project=x2, year=2025, quarter=2, cumulative_investment=300_000, cumulative_jobs=4, cumulative_income=50_000
    )
    ReportFactory(
        project=x2, year=2025, quarter=3, cumulative_investment=800_000, cumulative_jobs=6, cumulative_income=90_000
    )
    x3 = ProjectFactory(pairing=p2, village=v3, actual_investment=200_000, jobs=2, income_increase=10_000)
    x4 = ProjectFactory(
        pairing=p3, village=v3, start_date=D(2026, 3, 1), actual_investment=2_000_000, jobs=20, income_increase=300_000
    )
    return locals()


def test_the_whole_programme_counts_each_enterprise_village_and_project_once(built):
    t = programme.totals(programme.Scope(None, D(2026, 6, 30)))
    assert (t.enterprises, t.villages, t.key_villages_paired, t.townships, t.pairings) == (3, 3, 2, 2, 3)
    # x2 from its latest report (not its own figures), x4 once although two enterprises share it.
    assert t.investment == Decimal(1_000_000 + 800_000 + 200_000 + 2_000_000)
    assert t.jobs == 10 + 6 + 2 + 20
    assert t.income_increase == Decimal(200_000 + 90_000 + 10_000 + 300_000)
    assert t.new_pairings == 3


def test_money_is_cumulative_to_the_period_end_from_the_reports_filed_by_then(built):
    t = programme.totals(programme.Scope(D(2025, 1, 1), D(2025, 8, 1)))
    assert t.investment == Decimal(1_000_000 + 300_000 + 200_000)  # Q2 report of x2; p3 not yet paired
    assert t.jobs == 10 + 4 + 2
    assert (t.enterprises, t.pairings, t.new_pairings) == (1, 2, 2)


def test_a_pairing_closed_before_the_period_is_out_of_it(built, staff):
    operations.terminate_pairing(built["p1"], staff, "企业经营困难", on=D(2025, 12, 31))
    t = programme.totals(programme.Scope(D(2026, 1, 1), D(2026, 6, 30)))
    assert (t.enterprises, t.villages, t.key_villages_paired, t.pairings, t.new_pairings) == (3, 2, 1, 2, 1)
    assert t.investment == Decimal(800_000 + 200_000 + 2_000_000)


def test_district_and_township_count_the_villages_there(built):
    huangzhong, datong = county("630106"), county("630121")
    whole = programme.totals(programme.Scope(None, D(2026, 6, 30)))
    assert programme.totals(programme.Scope.of(None, D(2026, 6, 30), huangzhong)) == whole
    nothing = programme.totals(programme.Scope.of(None, D(2026, 6, 30), datong))
    assert (nothing.enterprises, nothing.villages, nothing.investment, nothing.jobs) == (0, 0, 0, 0)
    duoba = programme.totals(programme.Scope.of(None, D(2026, 6, 30), township=built["t2"]))
    assert (duoba.villages, duoba.enterprises, duoba.townships) == (1, 3, 1)  # v3: a (p2), b and c (p3)
    assert duoba.investment == Decimal(200_000 + 2_000_000)


def test_per_start_year_rows_add_up_to_the_whole_for_money(built):
    end = D(2026, 6, 30)
    rows = [programme.totals(programme.Scope(None, end, year=y)) for y in (2025, 2026)]
    whole = programme.totals(programme.Scope(None, end))
    assert sum(r.investment for r in rows) == whole.investment
    assert sum(r.jobs for r in rows) == whole.jobs


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["table"].paginator.count


@pytest.mark.parametrize("district", [None, "630106", "630121"])
def test_every_villages_figure_equals_the_count_of_its_list(built, staff_client, district):
    start, end = D(2025, 1, 1), D(2026, 6, 30)
    figures = [
        f
        for f in registry.figures_for(start, end, county(district) if district else None)
        if f.key.startswith("villages.")
    ]
    keys = {f.key for f in figures}
    assert {
        "villages.enterprises",
        "villages.townships",
        "villages.villages",
        "villages.key_villages_paired",
        "villages.investment",
        "villages.jobs",
        "villages.income_increase",
        "villages.new_pairings",
        "villages.reporting_rate",
    } <= keys
    counts = [f for f in figures if f.is_count]
    assert len(counts) == 5
    for figure in counts:
        assert _listed(staff_client, figure.url) == figure.value, figure.key
    rate = next(f for f in figures if f.key == "villages.reporting_rate")
    assert _listed(staff_client, rate.numerator_url) == rate.numerator
    assert _listed(staff_client, rate.denominator_url) == rate.denominator


def test_the_figures_match_the_programme_for_the_period(built):
    figures = {f.key: f for f in registry.figures_for(D(2025, 1, 1), D(2026, 6, 30))}
    assert figures["villages.enterprises"].value == 3
    assert figures["villages.villages"].value == 3
    assert figures["villages.key_villages_paired"].value == 2
    assert figures["villages.townships"].value == 2
    assert figures["villages.new_pairings"].value == 3
    assert figures["villages.investment"].value == Decimal(4_000_000)
    assert figures["villages.jobs"].value == 38


def test_the_overview_shows_the_whole_programme_and_its_breakdowns(built, staff_client):
    response = staff_client.get(reverse("villages:overview"))
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (totals.enterprises, totals.villages, totals.key_villages_paired) == (3, 3, 2)
    by_district = {label: t for label, _url, t in response.context["by_district"]}
    assert set(by_district) == {"湟中区"}
    by_township = {label: t for label, _url, t in response.context["by_township"]}
    assert by_township["湟中区 多巴镇"].investment == Decimal(2_200_000)
    assert by_township["湟中区 鲁沙尔镇"].villages == 2
    assert "0.04 亿元" in response.content.decode()  # 4,000,000 yuan in the 亿元 the overview shows


def test_township_and_village_pages_show_their_pairings_and_projects(built, staff_client):
    response = staff_client.get(reverse("villages:township_detail", args=[built["t2"].pk]))
    assert response.status_code == 200
    assert {p.pk for p in response.context["pairings"]} == {built["p2"].pk, built["p3"].pk}
    assert {p.pk for p in response.context["projects"]} == {built["x3"].pk, built["x4"].pk}
    response = staff_client.get(reverse("villages:village_detail", args=[built["v3"].pk]))
    assert {p.pk for p in response.context["pairings"]} == {built["p2"].pk, built["p3"].pk}
    assert staff_client.get(reverse("villages:township_detail", args=[county().pk])).status_code == 404


def test_the_statistics_table_has_one_row_per_project_with_money_in_ten_thousand_yuan(built, staff):
    from villages.ledgers import STATS_LEDGER

    rows = list(STATS_LEDGER.rows(STATS_LEDGER.queryset(staff), staff))
    headers = STATS_LEDGER.headers()
    assert len(rows) == 4
    by_name = {r[headers.index("项目名称")]: r for r in rows}
    x2 = by_name[built["x2"].name]
    assert x2[headers.index("累计投资（万元）")] == Decimal("80.00")  # the latest report, in 万元
    assert x2[headers.index("结对形式")] == "一对多" and x2[headers.index("重点村")] == "否"
    x4 = by_name[built["x4"].name]
    assert set(x4[headers.index("结对企业 / 商会")].split("、")) == {built["b"].name, built["c"].name}
    assert len(list(STATS_LEDGER.queryset(staff, district=county("630121")))) == 0
