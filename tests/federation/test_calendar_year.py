"""Next year's holiday calendar: a warning from 1 November while it is missing, and a whole year
entered at once (pasted list or CSV) with a preview and an all-or-nothing confirm."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from federation import registry, workdays
from federation.models import CalendarDay

pytestmark = pytest.mark.django_db

BULK = reverse("federation:calendarday_bulk")
LIST = reverse("federation:calendarday_list")
NOTICE_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知
2027-01-01 元旦 休
2027-02-06 春节 上班
2027-02-10至2027-02-16 春节 休
2027-10-01 至 07 国庆节 休
"""


@pytest.fixture
def december_2026(monkeypatch):
    """Today is 1 December 2026 (the bundled calendar ends with 2026)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 12, 1))


def test_next_year_is_reported_missing_from_november_only():
    CalendarDay.objects.filter(date__year=2027).delete()
    assert workdays.missing_calendar_year(datetime.date(2026, 10, 31)) is None
    assert workdays.missing_calendar_year(datetime.date(2026, 11, 1)) == 2027
    CalendarDay.objects.create(date=datetime.date(2027, 1, 1), kind="holiday", name="元旦")
    assert workdays.missing_calendar_year(datetime.date(2026, 12, 1)) is None


def test_the_workbench_warns_those_who_edit_the_calendar(december_2026, staff, leader):
    titles = [s.title for s in registry.workbench_for(staff)]
    assert "缺少2027年节假日安排" in titles
    assert "缺少2027年节假日安排" not in [s.title for s in registry.workbench_for(leader)]  # reads only


def test_the_calendar_page_warns_when_next_year_is_empty(december_2026, staff_client):
    body = staff_client.get(LIST).content.decode()
    assert 'data-testid="calendar-missing-year"' in body and "2027" in body
    assert BULK in body


def test_the_calendar_page_does_not_warn_before_november(staff_client):
    from django.utils import timezone

    if timezone.localdate().month >= 11 and not CalendarDay.objects.filter(date__year=timezone.localdate().year + 1):
        CalendarDay.objects.create(date=datetime.date(timezone.localdate().year + 1, 1, 1), kind="holiday", name="元旦")
    assert 'data-testid="calendar-missing-year"' not in staff_client.get(LIST).content.decode()


def test_a_pasted_notice_is_previewed_without_saving_anything(december_2026, staff_client):
    response = staff_client.post(BULK, {"text": NOTICE_2027, "preview": "1"})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert len(plan.additions) == 1 + 1 + 7 + 7 and not plan.problems
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    body = response.content.decode()
    assert "将新增 16 天" in body and 'data-testid="calendar-confirm"' in body


def test_confirming_writes_the_whole_year_with_history(december_2026, staff, staff_client):
    response = staff_client.post(BULK, {"text": NOTICE_2027, "source": "https://www.gov.cn/x", "confirm": "1"})
    assert response.status_code == 302
    days = CalendarDay.objects.filter(date__year=2027)
    assert days.count() == 16
    assert days.get(date=datetime.date(2027, 2, 6)).kind == CalendarDay.Kind.WORKDAY
    assert days.get(date=datetime.date(2027, 10, 7)).source == "https://www.gov.cn/x"
    history = CalendarDay.history.filter(date__year=2027)
    assert history.count() == 16 and all(h.history_user_id == staff.pk for h in history)
    assert workdays.missing_calendar_year() is None
    # The working-day arithmetic uses the new days: 2027-02-09 + 1 working day skips the Spring Festival.
    assert workdays.WorkCalendar().add_working_days(datetime.date(2027, 2, 9), 1) == datetime.date(2027, 2, 17)


def test_wrong_lines_are_named_in_chinese_and_nothing_is_written(december_2026, staff_client):
    text = (
        NOTICE_2027
        + "2027-13-01 植树节 休\n2027-04-05 清明节 玩\n2027-05-01至2027-04-30 劳动节 休\n2027-01-01 元旦 上班\n"
    )
    response = staff_client.post(BULK, {"text": text, "confirm": "1"})
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    problems = {p.line: p.message for p in response.context["plan"].problems}
    assert set(problems) == {6, 7, 8, 9}
    body = response.content.decode()
    assert "第 6 行" in body and "无法识别日期" in body
    assert "休还是上班" in body and "结束日期早于开始日期" in body and "与第 2 行不一致" in body
    assert 'data-testid="calendar-confirm"' not in body


def test_a_csv_in_the_bundled_layout_is_previewed_then_confirmed(december_2026, staff_client):
    csv = (
        "date,kind,name,source,note\n2027-01-01,holiday,元旦,https://www.gov.cn/y,\n2027-02-06,workday,春节调休上班,,\n"
    )
    upload = SimpleUploadedFile("holidays_2027.csv", csv.encode("gb18030"), content_type="text/csv")
    response = staff_client.post(BULK, {"file": upload, "preview": "1"})
    plan = response.context["plan"]
    assert [(e.date.isoformat(), e.kind) for e in plan.additions] == [
        ("2027-01-01", "holiday"),
        ("2027-02-06", "workday"),
    ]
    # The file travels back as text with the confirm button.
    csv_text = response.context["form"].initial["csv_text"]
    response = staff_client.post(BULK, {"csv_text": csv_text, "confirm": "1"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=datetime.date(2027, 1, 1)).source == "https://www.gov.cn/y"


def test_a_csv_without_the_columns_is_refused(staff_client):
    upload = SimpleUploadedFile("x.csv", "日期,名称\n2027-01-01,元旦\n".encode(), content_type="text/csv")
    response = staff_client.post(BULK, {"file": upload, "confirm": "1"})
    assert "date,kind,name" in response.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_a_day_already_entered_differently_is_shown_as_a_change(staff_client):
    CalendarDay.objects.create(date=datetime.date(2027, 1, 1), kind="workday", name="错误")
    plan = staff_client.post(BULK, {"text": "2027-01-01 元旦 休"}).context["plan"]
    assert [(c.name, e.name) for c, e in plan.changes] == [("错误", "元旦")] and not plan.additions


def test_only_those_who_edit_the_calendar_may_enter_a_year(leader_client, staff_client, client):
    assert staff_client.get(BULK).status_code == 200
    assert leader_client.get(BULK).status_code == 403
    assert client.get(BULK).status_code == 302
