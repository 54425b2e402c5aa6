"""Codes a spreadsheet turned into numbers, files in another encoding, Chinese dates, negative
amounts and counts, and the first history row of records loaded in bulk (issue 8, "Imports")."""

import csv
import datetime

import openpyxl
import pytest
from django.urls import reverse

from enterprises import spreadsheet
from enterprises.demo import seed_enterprises
from enterprises.imports import ImportRefused, process
from enterprises.models import Enterprise
from federation.imports.cells import CellError
from federation.validators import uscc_check_character
from tests.enterprises.test_imports import HEADERS, row, write_csv

pytestmark = pytest.mark.django_db

NUMBER_MESSAGE = "读到的是数字 9.16301E+17：表格把代码当成了数字，请把该列设为文本后重新填写"
USCC_HEADER, PHONE_HEADER = "统一社会信用代码", "联系电话"


def digits_only_uscc():
    """A valid USCC of 18 digits, as LibreOffice and Excel turn into a number."""
    for n in range(100, 1000):
        first17 = f"91630105000000{n:03d}"
        check = uscc_check_character(first17)
        if check.isdigit():
            return first17 + check
    raise AssertionError("no all-digit code")


def write_workbook(path, rows, numbers=None):
    """An XLSX written by openpyxl, as a spreadsheet program stores it: ``numbers`` maps a header
    to the numeric cell value it holds in every row (the text of ``row`` elsewhere)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for r in rows:
        sheet.append([(numbers or {}).get(h, r[h]) for h in HEADERS])
    workbook.save(path)
    return path


def reasons(summary):
    return [reason for item in summary.preview for _column, reason in item["errors"]]


def test_the_template_formats_the_code_phone_and_division_columns_as_text(staff_client, tmp_path):
    response = staff_client.get(reverse("enterprises:enterprise_import_template"))
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    formats = {}
    for dimension in sheet.column_dimensions.values():
        for col in range(dimension.min, dimension.max + 1):
            formats[sheet.cell(1, col).value] = dimension.number_format
    assert [c.value for c in sheet[1]] == spreadsheet.HEADERS
    for header in (USCC_HEADER, PHONE_HEADER, "行业大类代码"):
        assert formats[header] == "@", header
    assert formats["企业名称"] != "@" and formats["注册资本（元）"] != "@"


def test_a_uscc_stored_as_a_number_in_an_xlsx_is_reported_as_a_number_not_a_checksum(tmp_path):
    path = write_workbook(tmp_path / "libreoffice.xlsx", [row(1)], numbers={USCC_HEADER: 9.16301e17})
    summary = process(path)
    assert summary.invalid == 1
    assert reasons(summary) == [NUMBER_MESSAGE]


def test_a_uscc_that_csv_text_shows_in_scientific_notation_is_reported_as_a_number(tmp_path):
    path = write_csv(tmp_path / "excel.csv", [row(1, uscc="9.16301E+17")], encoding="gb18030")
    summary = process(path)
    assert reasons(summary) == [NUMBER_MESSAGE]


def test_a_number_that_is_exactly_a_valid_all_digit_uscc_is_accepted():
    # Excel and openpyxl keep 15 significant digits, so such a cell only comes from a reader that
    # kept every digit (an integer cell written by another program): the code is then whole.
    code = digits_only_uscc()
    column = spreadsheet.COLUMN_BY_HEADER[USCC_HEADER]
    read = spreadsheet.make_reader(column, spreadsheet.Lookups())
    assert read(int(code)) == code
    with pytest.raises(CellError, match="读到的是数字"):
        read(float(code))


def test_a_landline_that_lost_its_leading_zero_is_reported_as_a_number(tmp_path):
    path = write_workbook(tmp_path / "phones.xlsx", [row(1), row(2)], numbers={PHONE_HEADER: 9718123456})
    summary = process(path)
    assert summary.invalid == 2
    assert reasons(summary)[0] == "读到的是数字 9718123456：表格把代码当成了数字，请把该列设为文本后重新填写"


def test_a_mobile_number_stored_as_a_number_is_accepted(tmp_path):
    path = write_workbook(tmp_path / "mobiles.xlsx", [row(1)], numbers={PHONE_HEADER: 13912345678})
    process(path, apply=True)
    assert Enterprise.objects.get().contact_phone == "13912345678"


def test_a_csv_whose_headers_cannot_be_read_says_it_is_probably_in_another_encoding(tmp_path):
    # A UTF-8 file with one damaged byte is read as GB18030: every Chinese header turns into garbage.
    path = write_csv(tmp_path / "mixed.csv", [row(1)])
    path.write_bytes(path.read_bytes() + b"\xff\xfe,\n")
    with pytest.raises(ImportRefused) as info:
        process(path)
    message = str(info.value)
    assert "编码" in message and "UTF-8" in message and "GB18030" in message and "XLSX" in message


def test_a_file_with_a_few_wrong_headers_gets_no_encoding_hint(tmp_path):
    headers = [h for h in HEADERS if h != "备注"] + ["邮箱"]
    path = write_csv(tmp_path / "a.csv", [row(1)], headers=headers, encoding="gb18030")
    with pytest.raises(ImportRefused) as info:
        process(path)
    assert "编码" not in str(info.value) and "备注" in str(info.value)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2022年1月1日", datetime.date(2022, 1, 1)), ("2020/7/1", datetime.date(2020, 7, 1))],
)
def test_dates_written_the_chinese_way_or_with_slashes_are_accepted(tmp_path, written, expected):
    with open(tmp_path / "dates.csv", "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerow([row(1, founded_on=written, member_since=written)[h] for h in HEADERS])
    process(tmp_path / "dates.csv", apply=True)
    one = Enterprise.objects.get()
    assert one.founded_on == expected and one.member_since == expected


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"registered_capital": "-5"}, "金额不能为负数"),
        ({"revenue_last_year": "-1,000.00"}, "金额不能为负数"),
        ({"employees": "-3"}, "数量不能为负数"),
    ],
)
def test_negative_money_and_counts_are_refused_with_a_clear_message(tmp_path, cells, message):
    path = write_csv(tmp_path / "neg.csv", [row(1, **cells)])
    summary = process(path, apply=True)
    assert summary.invalid == 1 and message in reasons(summary)[0]
    assert not Enterprise.objects.exists()


def test_a_negative_count_in_a_numeric_xlsx_cell_is_refused_too(tmp_path):
    path = write_workbook(tmp_path / "neg.xlsx", [row(1)], numbers={"从业人数": -3})
    assert "数量不能为负数" in reasons(process(path))[0]


def test_imported_records_each_have_a_first_history_row(tmp_path, staff):
    process(write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 6)]), apply=True, user=staff)
    for enterprise in Enterprise.objects.all():
        assert list(enterprise.history.values_list("history_type", flat=True)) == ["+"]


def test_seeded_demo_records_each_have_a_first_history_row_so_a_first_edit_shows_its_change():
    assert seed_enterprises(enterprises=30) == 30
    history = Enterprise.history.model
    assert history.objects.filter(history_type="+").count() == 30
    assert set(history.objects.values_list("id", flat=True)) == set(Enterprise.objects.values_list("pk", flat=True))
    one = Enterprise.objects.order_by("pk").first()
    one.employees = (one.employees or 0) + 1
    one.save()
    latest, first = one.history.order_by("-history_id")[:2]
    assert [c.field for c in latest.diff_against(first).changes] == ["employees"]
    assert seed_enterprises(enterprises=30) == 0
    assert history.objects.filter(history_type="+").count() == 30  # seeding again adds no history
