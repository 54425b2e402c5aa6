"""Quarterly progress reports: the quarter must fall within the project, a lower cumulative figure is
questioned until a reason is given, a closed quarter's change needs a reason and is audited, the
reporting rate per period, district and enterprise, and the reports due on the workbench."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from federation import registry
from tests.enterprises.factories import county
from villages import quarters, reporting
from villages.models import ProgressReport

from .factories import PairingFactory, ProjectFactory, ReportFactory, VillageFactory, township

pytestmark = pytest.mark.django_db
D = datetime.date


def report_data(year=2025, quarter=3, investment="30", jobs=6, income="9", **extra):
    """Form data; money in 万元 as typed."""
    return {
        "year": year,
        "quarter": quarter,
        "cumulative_investment": investment,
        "cumulative_jobs": jobs,
        "cumulative_income": income,
        "narrative": "完成大棚建设",
        **extra,
    }


@pytest.fixture
def project():
    return ProjectFactory(start_date=D(2025, 4, 1))


def test_quarter_helpers_place_the_window_after_the_quarter():
    assert quarters.last_day(2025, 1) == D(2025, 3, 31)
    assert quarters.due_date(2025, 4) == D(2026, 1, 10)
    assert not quarters.is_closed(2025, 3, D(2025, 10, 10)) and quarters.is_closed(2025, 3, D(2025, 10, 11))
    assert list(quarters.due_between(D(2025, 1, 1), D(2025, 12, 31))) == [(2024, 4), (2025, 1), (2025, 2), (2025, 3)]


def test_staff_file_a_report_and_the_project_shows_it(project, staff, staff_client):
    url = reverse("villages:progressreport_add", args=[project.pk])
    response = staff_client.post(url, report_data(quarter=2, investment="20"))
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.cumulative_investment, report.filed_by, report.filed_on) == (200000, staff, timezone.localdate())
    assert report.period_end == D(2025, 6, 30)


@pytest.mark.parametrize(
    "year, quarter, message",
    [
        (2025, 1, "项目开始于"),  # before the project started
        (2026, 1, "项目结束于"),  # after it ended
    ],
)
def test_a_report_outside_the_project_is_refused_in_chinese(project, staff_client, year, quarter, message):
    project.end_date = D(2025, 12, 31)
    project.save()
    response = staff_client.post(
        reverse("villages:progressreport_add", args=[project.pk]), report_data(year=year, quarter=quarter)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_negative_figures_are_refused(project, staff_client):
    response = staff_client.post(
        reverse("villages:progressreport_add", args=[project.pk]), report_data(quarter=2, investment="-1", jobs=-3)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "cumulative_investment" in form.errors and "cumulative_jobs" in form.errors
    assert "不能为负数" in str(form.errors["cumulative_investment"])
    assert "大于或等于0" in str(form.errors["cumulative_jobs"])
    assert not ProgressReport.objects.exists()


def test_a_lower_cumulative_figure_is_questioned_until_a_reason_is_given(project, staff_client):
    ReportFactory(project=project, year=2025, quarter=2, cumulative_investment=300000, cumulative_jobs=8)
    url = reverse("villages:progressreport_add", args=[project.pk])
    response = staff_client.post(url, report_data(quarter=3, investment="20", jobs=8))
    assert response.status_code == 200
    assert response.context["form"].lower == ["cumulative_investment"]
    assert "低于" in response.content.decode()
    assert ProgressReport.objects.count() == 1
    response = staff_client.post(
        url, report_data(quarter=3, investment="20", jobs=8, decrease_reason="核减重复统计的设备款")
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(quarter=3).decrease_reason == "核减重复统计的设备款"


def test_a_higher_figure_needs_no_reason(project, staff_client):
    ReportFactory(
        project=project, year=2025, quarter=2, cumulative_investment=100000, cumulative_jobs=2, cumulative_income=1
    )
    response = staff_client.post(reverse("villages:progressreport_add", args=[project.pk]), report_data(quarter=3))
    assert response.status_code == 302


def test_a_second_report_for_a_quarter_is_refused(project, staff_client):
    ReportFactory(project=project, year=2025, quarter=2)
    response = staff_client.post(reverse("villages:progressreport_add", args=[project.pk]), report_data(quarter=2))
    assert response.status_code == 200 and "已有" in response.content.decode()
    assert ProgressReport.objects.count() == 1


def test_changing_a_closed_quarter_needs_a_reason_and_is_audited(project, staff, staff_client):
    report = ReportFactory(project=project, year=2025, quarter=2, cumulative_investment=100000)
    url = reverse("villages:progressreport_edit", args=[report.pk])
    response = staff_client.post(url, report_data(quarter=2, investment="15"))
    assert response.status_code == 200
    assert "change_reason" in response.context["form"].errors
    report.refresh_from_db()
    assert report.cumulative_investment == 100000
    response = staff_client.post(url, report_data(quarter=2, investment="15", change_reason="补录漏报的设备投资"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.cumulative_investment == 150000
    last = report.history.first()
    assert (last.history_change_reason, last.history_user) == ("补录漏报的设备投资", staff)


def test_an_open_quarter_changes_without_a_reason(staff_client):
    today = timezone.localdate()
    year, quarter = quarters.of(today)
    project = ProjectFactory(start_date=quarters.first_day(year, quarter))
    report = ReportFactory(project=project, year=year, quarter=quarter, filed_on=today)
    response = staff_client.get(reverse("villages:progressreport_edit", args=[report.pk]))
    assert "change_reason" not in response.context["form"].fields
    response = staff_client.post(
        reverse("villages:progressreport_edit", args=[report.pk]),
        report_data(year=year, quarter=quarter, investment="50"),
    )
    assert response.status_code == 302


@pytest.fixture
def rated():
    """Two projects in two districts from 2025-04-01: p in 湟中 files Q2 on time and Q3 late; q in 大通 files nothing."""
    p = ProjectFactory(start_date=D(2025, 4, 1))
    ReportFactory(project=p, year=2025, quarter=2, filed_on=D(2025, 7, 10))
    ReportFactory(project=p, year=2025, quarter=3, filed_on=D(2025, 10, 20))
    village = VillageFactory(township=township("630121105"))
    q = ProjectFactory(pairing=PairingFactory(villages=[village]), village=village, start_date=D(2025, 4, 1))
    return p, q


def test_the_reporting_rate_counts_on_time_of_due_per_period_district_and_enterprise(rated):
    p, q = rated
    year = (D(2025, 1, 1), D(2025, 12, 31))
    today = D(2026, 2, 1)
    assert reporting.rate(reporting.slots(*year, today=today)) == (1, 4)
    assert reporting.rate(reporting.slots(*year, district=county("630106"), today=today)) == (1, 2)
    assert reporting.rate(reporting.slots(*year, district=county("630121"), today=today)) == (0, 2)
    enterprise = p.pairing.enterprises.get()
    assert reporting.rate(reporting.slots(*year, enterprise=enterprise, today=today)) == (1, 2)
    # Only windows that ended in the period count: Q3's ends 10-10.
    assert reporting.rate(reporting.slots(D(2025, 7, 1), D(2025, 9, 30), today=today)) == (1, 2)


def test_no_report_is_due_for_quarters_after_the_pairing_closed(rated, staff):
    from villages import operations

    p, _q = rated
    operations.complete_pairing(p.pairing, staff, on=D(2025, 6, 30))
    found = reporting.slots(D(2025, 1, 1), D(2025, 12, 31), district=county("630106"), today=D(2026, 2, 1))
    assert [(s.year, s.quarter) for s in found] == [(2025, 2)]


def test_the_rate_figure_and_its_lists(rated, staff_client):
    figure = next(f for f in registry.figures_for(D(2025, 1, 1), D(2025, 12, 31)) if f.key == "villages.reporting_rate")
    assert (figure.numerator, figure.denominator, figure.value) == (1, 4, 25.0)
    page = staff_client.get(figure.denominator_url)
    assert page.context["table"].paginator.count == 4
    assert [(d.name, a, b) for d, a, b, _r in page.context["by_district"]] == [
        ("湟中区", 1, 2),
        ("大通回族土族自治县", 0, 2),
    ]


def test_the_workbench_lists_the_reports_due_in_the_window(rated, staff, leader, monkeypatch):
    p, q = rated
    assert {s.project for s in reporting.waiting(D(2025, 10, 5))} == {q}  # p filed Q3 (late, but filed)
    assert reporting.waiting(D(2025, 10, 11)) == []  # the window is over
    assert reporting.waiting(D(2025, 9, 30)) == []  # the quarter has not ended
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2025, 10, 5))
    sections = [s for s in registry.workbench_for(staff) if "village" in s.url]
    assert len(sections) == 1 and sections[0].count == 1
    assert "10-10" in sections[0].items[0].text and q.name in sections[0].items[0].text
    assert not [s for s in registry.workbench_for(leader) if "villages" in s.url]
