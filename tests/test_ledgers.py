"""Ledgers (台账): one definition, the same file from the filtered list, the report centre for a
period and the monthly appendix; formula-safe cells; personal data masked for leadership."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enterprises import spreadsheet
from enterprises.ledgers import ENTERPRISE_LEDGER
from federation import ledgers, registry
from federation.models import Report
from services.requests.ledgers import REQUEST_LEDGER
from tests.enterprises.factories import EnterpriseFactory
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

NOVEMBER = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(2026, 11, day, hour))


def book_of(response):
    assert response.status_code == 200, response
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def sheet_rows(book, index=0):
    return [list(r) for r in book.worksheets[index].iter_rows(values_only=True)]


def build(ledger, user, capture, **period):
    """Ask the report centre for the ledger and run the report task eagerly, as the worker would."""
    with capture(execute=True):
        report = ledger.request_report(user, **period)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    client = Client()
    client.force_login(user)
    return report, book_of(client.get(reverse("federation:report_download", args=[report.pk])))


@pytest.fixture
def november_requests():
    """Two financing requests in November (one with a formula-like title), one legal one in
    November, one financing request received in October."""
    return {
        "formula": ServiceRequestFactory(title="=1+1", phone="13812345678", now=at(3)),
        "plain": ServiceRequestFactory(title="融资续贷", now=at(20)),
        "legal": ServiceRequestFactory(title="合同纠纷", category="legal", now=at(21)),
        "october": ServiceRequestFactory(
            title="十月的诉求", now=timezone.make_aware(datetime.datetime(2026, 10, 31, 23, 30))
        ),
    }


def test_every_registered_ledger_has_a_report_kind_by_period():
    keys = {item.key for item in registry.ledgers}
    assert {"services.requests", "enterprises.enterprises"} <= keys
    for item in registry.ledgers:
        kind = registry.report_kind(item.report_key)
        assert str(kind.title) == f"{item.title}（按期间）"
        assert kind.permission == item.permission
    assert ledgers.ledger("services.requests") is REQUEST_LEDGER


def test_the_request_ledger_from_the_filtered_inbox_and_for_a_period_share_their_headers(
    staff, staff_client, november_requests, django_capture_on_commit_callbacks
):
    exported = sheet_rows(
        book_of(staff_client.get(reverse("services:request_list") + "?category=financing&export=xlsx"))
    )
    report, book = build(REQUEST_LEDGER, staff, django_capture_on_commit_callbacks, start=NOVEMBER[0], end=NOVEMBER[1])
    built = sheet_rows(book)
    assert exported[0] == built[0] == REQUEST_LEDGER.headers()
    # The list's filter: financing requests of any month; the period: every November request.
    assert sorted(r[9] for r in exported[1:]) == sorted(["=1+1", "融资续贷", "十月的诉求"])
    assert [r[9] for r in built[1:]] == ["合同纠纷", "融资续贷", "=1+1"]  # newest first
    assert report.rows == 3 and report.title == "诉求台账（2026-11-01至2026-11-30）"
    assert str(registry.report_kind(report.kind).title) == "诉求台账（按期间）"


def test_a_period_ledger_can_keep_the_lists_filters_and_a_district(staff, november_requests):
    from federation.models import Division

    city_east = Division.objects.get(code="630102")
    november_requests["plain"].district = city_east
    november_requests["plain"].save(update_fields=["district"])
    rows = REQUEST_LEDGER.queryset(staff, filters="category=financing", start=NOVEMBER[0], end=NOVEMBER[1])
    assert {r.title for r in rows} == {"=1+1", "融资续贷"}
    rows = REQUEST_LEDGER.queryset(staff, start=NOVEMBER[0], end=NOVEMBER[1], district=city_east.pk)
    assert [r.title for r in rows] == ["融资续贷"]
    assert not REQUEST_LEDGER.queryset(staff, filters={"category": "nonsense"}).exists()


def test_ledger_cells_are_text_never_formulas(staff, november_requests, tmp_path):
    path = tmp_path / "ledger.xlsx"
    REQUEST_LEDGER.write_xlsx(path, REQUEST_LEDGER.rows(REQUEST_LEDGER.queryset(staff, filters="q=%3D1"), staff))
    sheet = openpyxl.load_workbook(path).active
    title = sheet.cell(row=2, column=10)
    assert (title.value, title.data_type) == ("=1+1", "s")


def test_leadership_gets_phones_and_names_masked_in_the_export_and_the_report(
    leader, leader_client, staff_client, november_requests, django_capture_on_commit_callbacks
):
    url = reverse("services:request_list") + "?q=%3D1&export=xlsx"
    header, row = sheet_rows(book_of(leader_client.get(url)))
    phone, person = header.index("电话"), header.index("联系人")
    assert (row[phone], row[person]) == ("138****5678", "张*")
    _report, book = build(REQUEST_LEDGER, leader, django_capture_on_commit_callbacks, start=at(3), end=at(3))
    assert [r[phone] for r in sheet_rows(book)[1:]] == ["138****5678"]
    _header, whole = sheet_rows(book_of(staff_client.get(url)))
    assert (whole[phone], whole[person]) == ("13812345678", "张明")


def test_the_enterprise_ledger_is_the_lists_export_and_its_period_report(
    staff, staff_client, django_capture_on_commit_callbacks
):
    EnterpriseFactory(name="青海光伏制造有限公司", notes="=HYPERLINK(1)")
    EnterpriseFactory(name="西宁餐饮管理有限公司")
    exported = sheet_rows(book_of(staff_client.get(reverse("enterprises:enterprise_list") + "?q=光伏&export=xlsx")))
    today = timezone.localdate()
    report, book = build(ENTERPRISE_LEDGER, staff, django_capture_on_commit_callbacks, start=today, end=today)
    built = sheet_rows(book)
    assert exported[0] == built[0] == spreadsheet.HEADERS
    assert [r[0] for r in exported[1:]] == ["青海光伏制造有限公司"]
    assert [r[0] for r in built[1:]] == ["青海光伏制造有限公司", "西宁餐饮管理有限公司"]
    assert book.worksheets[0].title == spreadsheet.SHEET_NAME
    assert report.title.startswith("企业档案（")
    assert ENTERPRISE_LEDGER.queryset(staff, start=today + datetime.timedelta(days=1)).count() == 0


def test_the_enterprise_ledger_masks_personal_data_for_whoever_may_not_see_it(staff, leader):
    EnterpriseFactory(legal_representative="张三丰", contact_person="李四", contact_phone="13812345678")
    queryset = ENTERPRISE_LEDGER.get_queryset()
    columns = [spreadsheet.HEADERS.index(h) for h in ("法定代表人", "联系人", "联系电话")]
    (whole,) = ENTERPRISE_LEDGER.rows(queryset, staff)
    (masked,) = ENTERPRISE_LEDGER.rows(queryset, leader)
    assert [whole[c] for c in columns] == ["张三丰", "李四", "13812345678"]
    assert [masked[c] for c in columns] == ["张*丰", "李*", "138****5678"]


def test_only_holders_of_a_ledgers_permission_may_read_it_or_ask_for_it(leader, secretary):
    with pytest.raises(PermissionDenied):
        REQUEST_LEDGER.queryset(secretary)
    with pytest.raises(PermissionDenied):
        REQUEST_LEDGER.request_report(secretary, start=NOVEMBER[0], end=NOVEMBER[1])
    with pytest.raises(PermissionDenied):
        ENTERPRISE_LEDGER.request_report(leader)  # leadership reads the register, does not export it
    assert not Report.objects.exists()


def test_the_monthly_appendix_has_one_sheet_per_ledger_the_user_may_read(staff, leader, november_requests, tmp_path):
    EnterpriseFactory()
    path = tmp_path / "appendix.xlsx"
    assert ledgers.write_appendix(path, staff, *NOVEMBER) == 3  # three November requests, no enterprise
    book = openpyxl.load_workbook(path)
    # The chambers' 商会统计表 sits between them (registration order); leadership reads chambers too.
    # Services' visits, events, job fairs and legal services add their 走访台账, 活动台账, 招聘会统计 and
    # 法律服务台账, villages its 百企兴百村统计表 (no November event, fair, consultation or project: sheets
    # of headers).
    assert [s.title for s in book.worksheets] == [
        "企业档案",
        "商会统计表",
        "诉求台账",
        "走访台账",
        "活动台账",
        "招聘会统计",
        "法律服务台账",
        "百企兴百村统计表",
    ]
    assert [r[9] for r in sheet_rows(book, 2)[1:]] == ["合同纠纷", "融资续贷", "=1+1"]
    ledgers.write_appendix(path, leader, *NOVEMBER)
    assert [s.title for s in openpyxl.load_workbook(path).worksheets] == [
        "商会统计表",
        "诉求台账",
        "走访台账",
        "活动台账",
        "招聘会统计",
        "法律服务台账",
        "百企兴百村统计表",
    ]


def _assigned_request(staff):
    from services.requests import operations

    req = ServiceRequestFactory()
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff)
    return req


@pytest.mark.parametrize("ledger", [REQUEST_LEDGER, ENTERPRISE_LEDGER], ids=lambda item: item.key)
def test_a_ledger_reads_the_same_number_of_queries_for_5_rows_as_for_50(ledger, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for _ in range(n):
            _assigned_request(staff) if ledger is REQUEST_LEDGER else EnterpriseFactory()

    ledger.may_use(staff)  # the user's permissions are read once, then cached on the user
    counts = []
    for n, total in ((5, 5), (45, 50)):
        make(n)
        with CaptureQueriesContext(connection) as ctx:
            assert len(list(ledger.rows(ledger.queryset(staff), staff))) == total
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 3
