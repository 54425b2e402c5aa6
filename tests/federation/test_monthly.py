"""The monthly work report (月度工作报告): its figures are figures_for's, stored with the moment they
were read; the Word file and its XLSX appendix hold them; a rebuilt report says what changed."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from federation import ledgers, monthly, registry
from federation.models import Report
from federation.reports import build, fail_report, retry_report, start_report
from tests.enterprises.factories import EnterpriseFactory, county

pytestmark = pytest.mark.django_db


def this_month():
    today = timezone.localdate()
    return today.year, today.month


def ask(user, captured, year=None, month=None, district=None):
    if year is None:
        year, month = this_month()
    with captured(execute=True):
        report, appendix = monthly.request_monthly_report(user, year, month, district)
    report.refresh_from_db()
    appendix.refresh_from_db()
    return report, appendix


def plain(value):
    return str(value) if isinstance(value, Decimal) else value


def stored(report, field="value"):
    return {f["key"]: f[field] for f in report.figures["figures"]}


def expected(start, end, district=None):
    return {f.key: plain(f.value) for f in registry.figures_for(start, end, district)}


def docx_text(path_or_file) -> str:
    document = Document(path_or_file)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_report_stores_exactly_the_dashboards_figures_for_the_month_and_its_comparisons(
    staff, django_capture_on_commit_callbacks
):
    EnterpriseFactory.create_batch(3)
    year, month = this_month()
    report, _ = ask(staff, django_capture_on_commit_callbacks)
    assert report.status == Report.Status.DONE
    assert stored(report) == expected(*monthly.month_period(year, month))
    assert stored(report, "previous") == expected(*monthly.month_period(*monthly.shift_month(year, month, -1)))
    assert stored(report, "last_year") == expected(*monthly.month_period(year - 1, month))
    assert stored(report)["enterprises.new"] == 3
    read_at = report.figures_read_at
    assert report.started_at <= read_at <= report.finished_at
    # Twelve months of the trend, each figures_for's for that month.
    assert len(report.figures["trend"]) == monthly.TREND_MONTHS
    first = report.figures["trend"][0]
    y, m = monthly.shift_month(year, month, -(monthly.TREND_MONTHS - 1))
    assert first["values"] == expected(*monthly.month_period(y, m))


def test_a_district_report_holds_the_districts_figures(staff, django_capture_on_commit_callbacks):
    chengxi = county("630104")
    EnterpriseFactory.create_batch(2, district=chengxi)
    EnterpriseFactory.create_batch(3)  # 城东区
    report, appendix = ask(staff, django_capture_on_commit_callbacks, district=chengxi)
    assert stored(report) == expected(*monthly.month_period(*this_month()), chengxi)
    assert stored(report)["enterprises.new"] == 2
    assert report.figures["district_name"] == chengxi.name and chengxi.name in report.title
    assert appendix.params["district"] == chengxi.pk


def test_the_word_file_shows_every_figure_its_comparisons_and_two_charts(staff, django_capture_on_commit_callbacks):
    EnterpriseFactory.create_batch(4)
    report, _ = ask(staff, django_capture_on_commit_callbacks)
    text = docx_text(report.file.path)
    year, month = this_month()
    assert f"{year}年{month}月工作报告" in text
    assert "范围：全市" in text
    rows = {line.split(" | ")[0]: line.split(" | ") for line in text.splitlines() if " | " in line}
    for figure in report.figures["figures"]:
        cells = rows[figure["label"]]
        assert cells[1] == monthly._row(figure)["value"] + " " + figure["unit"]
        assert cells[2] == monthly._row(figure)["previous"]
    new = next(f for f in report.figures["figures"] if f["key"] == "enterprises.new")
    assert rows[new["label"]][1] == f"4 {new['unit']}" and rows[new["label"]][3].startswith("+4")
    with zipfile.ZipFile(report.file.path) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 2
    assert "{{" not in text and "{%" not in text


def test_the_appendix_holds_the_months_ledgers_as_its_person_may_read_them(staff, django_capture_on_commit_callbacks):
    EnterpriseFactory.create_batch(3)
    _, appendix = ask(staff, django_capture_on_commit_callbacks)
    assert appendix.status == Report.Status.DONE and appendix.format == "xlsx"
    workbook = openpyxl.load_workbook(appendix.file.path, read_only=True)
    start, end = monthly.month_period(*this_month())
    readable = ledgers.ledgers_for(staff)
    assert workbook.sheetnames == [item.sheet_name[:31] for item in readable]
    total = 0
    for item in readable:
        rows = list(workbook[item.sheet_name[:31]].iter_rows(values_only=True))
        assert list(rows[0]) == item.headers()
        count = item.queryset(staff, start=start, end=end).count()
        assert len(rows) - 1 == count
        total += count
    assert appendix.rows == total and total >= 3


def test_a_report_asked_again_says_which_figures_changed(staff, django_capture_on_commit_callbacks):
    first, _ = ask(staff, django_capture_on_commit_callbacks)
    assert first.changes is None
    EnterpriseFactory.create_batch(2)
    second, _ = ask(staff, django_capture_on_commit_callbacks)
    changed = {c["key"]: c for c in second.changes["changed"]}
    assert second.changes["against"] == first.pk
    assert (changed["enterprises.new"]["before"], changed["enterprises.new"]["after"]) == (0, 2)
    assert (changed["enterprises.total"]["before"], changed["enterprises.total"]["after"]) == (0, 2)
    unchanged = set(stored(second)) - set(changed)
    assert all(stored(first)[key] == stored(second)[key] for key in unchanged)
    assert "由 0 变为 2" in docx_text(second.file.path)


def test_a_retried_report_compares_with_the_last_good_build(staff, django_capture_on_commit_callbacks):
    first, _ = ask(staff, django_capture_on_commit_callbacks)
    failed, _ = ask(staff, django_capture_on_commit_callbacks)
    Report.objects.filter(pk=failed.pk).update(status=Report.Status.PENDING, file="", figures=None, changes=None)
    failed.refresh_from_db()
    start_report(failed)
    fail_report(failed, "worker lost", attempt=failed.started_at)
    EnterpriseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        retry_report(failed, staff)
    failed.refresh_from_db()
    assert failed.status == Report.Status.DONE
    assert failed.changes["against"] == first.pk
    assert {c["key"] for c in failed.changes["changed"]} >= {"enterprises.new", "enterprises.total"}


def test_the_report_centre_lists_a_rebuilt_reports_changes(client, staff, django_capture_on_commit_callbacks):
    ask(staff, django_capture_on_commit_callbacks)
    EnterpriseFactory()
    ask(staff, django_capture_on_commit_callbacks)
    client.force_login(staff)
    page = client.get(reverse("federation:report_list")).content.decode()
    assert 'data-testid="report-changes"' in page and "项数据与上一版本不同" in page
    assert "数据读取于" in page


# --- asking for it ---


def test_staff_ask_for_the_monthly_report_with_a_month_and_district(client, staff, django_capture_on_commit_callbacks):
    client.force_login(staff)
    year, month = this_month()
    chengxi = county("630104")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("federation:report_request", args=[monthly.KEY]),
            {"month": f"{year}-{month:02d}", "district": chengxi.pk},
        )
    assert response.status_code == 302 and response["Location"] == reverse("federation:report_list")
    kinds = sorted(Report.objects.filter(created_by=staff).values_list("kind", "status", "params"))
    assert kinds == [
        (monthly.KEY, "done", {"year": year, "month": month, "district": chengxi.pk}),
        (monthly.APPENDIX_KEY, "done", {"year": year, "month": month, "district": chengxi.pk, "user": staff.pk}),
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-13", "请按“年-月”填写月份"),
        ("十一月", "请按“年-月”填写月份"),
        ("", "这个字段是必填项"),
        ("future", "该月份尚未开始"),
    ],
)
def test_a_bad_month_is_refused_in_chinese_and_nothing_is_asked_for(client, staff, value, message):
    if value == "future":
        y, m = monthly.shift_month(*this_month(), 1)
        value = f"{y:04d}-{m:02d}"
    client.force_login(staff)
    response = client.post(reverse("federation:report_request", args=[monthly.KEY]), {"month": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_the_request_page_is_for_holders_of_the_monthly_permission(assert_roles):
    url = reverse("federation:report_request", args=[monthly.KEY])
    assert_roles(url, {"admin": 200, "leader": 200, "staff": 200, "secretary": 403, "outsider": 403, "anonymous": 302})


def test_a_kind_without_a_form_or_unknown_has_no_request_page(client, staff):
    client.force_login(staff)
    assert client.get(reverse("federation:report_request", args=[monthly.APPENDIX_KEY])).status_code == 404
    assert client.get(reverse("federation:report_request", args=["nope"])).status_code == 404


def test_the_report_centre_offers_the_monthly_report_to_those_who_may_ask(client, staff, secretary):
    client.force_login(staff)
    assert (
        reverse("federation:report_request", args=[monthly.KEY])
        in client.get(reverse("federation:report_list")).content.decode()
    )
    client.force_login(secretary)
    assert 'data-testid="report-kinds"' not in client.get(reverse("federation:report_list")).content.decode()


def test_only_the_person_who_asked_downloads_the_word_file(client, staff, staff2, django_capture_on_commit_callbacks):
    report, _ = ask(staff, django_capture_on_commit_callbacks)
    url = reverse("federation:report_download", args=[report.pk])
    client.force_login(staff2)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == registry.REPORT_FORMATS["docx"]
    body = b"".join(response.streaming_content)
    assert "工作报告" in docx_text(io.BytesIO(body))


def test_the_previous_month_is_offered_by_default(client, staff):
    client.force_login(staff)
    page = client.get(reverse("federation:report_request", args=[monthly.KEY])).content.decode()
    first = timezone.localdate().replace(day=1)
    previous = first - datetime.timedelta(days=1)
    assert f'value="{previous:%Y-%m}"' in page


def test_a_missing_chart_font_fails_the_report_with_a_readable_reason(staff, settings):
    settings.REPORT_CJK_FONT = "/nonexistent/font.ttc"
    report, _ = monthly.request_monthly_report(staff, *this_month())
    assert build(report.pk) == Report.Status.FAILED
    report.refresh_from_db()
    assert "图表用的中文字体" in report.error and "fonts-noto-cjk" in report.error
    assert not report.file and report.figures is None


def test_every_ledger_can_be_read_for_a_district(admin_user):
    # A district's monthly report has an appendix of every ledger for that district.
    district = county("630104")
    start, end = monthly.month_period(*this_month())
    for item in registry.ledgers:
        assert item.queryset(admin_user, start=start, end=end, district=district).count() >= 0, item.key
