"""Import of the enterprise spreadsheet: refused files, encodings, validation, dry run, apply,
idempotence, duplicates, formula-like text, the command, and the task on the real worker."""

import csv
import datetime
import decimal
import io
import time
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from enterprises import imports, spreadsheet
from enterprises.imports import ImportRefused, process
from enterprises.models import Enterprise
from federation.exports import write_xlsx
from federation.imports import engine
from federation.imports.models import ImportJob
from federation.models import Division, Industry
from tests.enterprises.factories import EnterpriseFactory, valid_uscc

pytestmark = pytest.mark.django_db

HEADERS = spreadsheet.HEADERS


def row(n=1, **cells):
    """A valid row (header -> cell) for enterprise ``n``; keyword arguments override by field name."""
    values = {
        "name": f"西宁光伏科技{n}号有限公司",
        "uscc": valid_uscc(5000 + n),
        "entity_type": "企业",
        "ownership": "民营",
        "legal_representative": "王五",
        "registered_capital": "5000000",
        "founded_on": "2019-05-20",
        "registry_status": "存续",
        "district": "城东区",
        "address": "西宁市城东区八一路1号",
        "industry_section": "C",
        "industry_division": "38",
        "cluster": "光伏制造",
        "scale": "小型",
        "employees": "120",
        "revenue_last_year": "12000000.50",
        "contact_person": "赵六",
        "contact_phone": "13912345678",
        "is_member": "是",
        "member_level": "会员单位",
        "member_since": "2021-03-01",
        "tags": "专精特新",
        "notes": "",
    }
    values.update(cells)
    return {spreadsheet.COLUMNS[i].header: values[f] for i, f in enumerate(spreadsheet.FIELDS)}


def write_csv(path, rows, encoding="utf-8", headers=HEADERS):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for r in rows:
            writer.writerow([r.get(h, "") for h in headers])
    return path


def write_xlsx_file(path, rows, headers=HEADERS):
    write_xlsx(path, headers, ([r.get(h, "") for h in headers] for r in rows))
    return path


def test_a_valid_csv_is_counted_in_the_dry_run_and_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2), row(3)])
    before = Enterprise.objects.count()
    summary = process(path)
    assert (summary.created, summary.updated, summary.unchanged, summary.invalid) == (3, 0, 0, 0)
    assert Enterprise.objects.count() == before


def test_applying_creates_the_rows_with_every_field_read(tmp_path, staff):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2, industry_section="制造业", registered_capital="1,000元")])
    summary = process(path, apply=True, user=staff)
    assert summary.line() == "created=2 updated=0 unchanged=0 invalid=0"
    one = Enterprise.objects.get(uscc=valid_uscc(5001))
    assert one.name == "西宁光伏科技1号有限公司"
    assert one.entity_type == "enterprise" and one.ownership == "private" and one.registry_status == "active"
    assert one.registered_capital == decimal.Decimal("5000000.00")
    assert one.founded_on == datetime.date(2019, 5, 20)
    assert one.district == Division.objects.get(name="城东区")
    assert one.industry_section == Industry.objects.get(code="C")
    assert one.industry_division == Industry.objects.get(code="38")
    assert (one.cluster, one.scale, one.employees) == ("pv", "small", 120)
    assert one.revenue_last_year == decimal.Decimal("12000000.50")
    assert one.is_member and one.member_level == "unit" and one.member_since == datetime.date(2021, 3, 1)
    two = Enterprise.objects.get(uscc=valid_uscc(5002))
    assert two.industry_section.code == "C" and two.registered_capital == 1000
    record = one.history.get()
    assert record.history_type == "+" and record.history_user == staff and "a.csv" in record.history_change_reason


def test_a_lower_case_uscc_is_normalised(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1, uscc=valid_uscc(5001).lower())])
    process(path, apply=True)
    assert Enterprise.objects.filter(uscc=valid_uscc(5001)).exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding_chinese_excel_writes_is_read(tmp_path, encoding):
    path = write_csv(tmp_path / f"{encoding}.csv", [row(1, address="湟中区鲁沙尔镇")], encoding=encoding)
    summary = process(path, apply=True)
    assert summary.created == 1
    assert Enterprise.objects.get(uscc=valid_uscc(5001)).address == "湟中区鲁沙尔镇"


def test_an_xlsx_file_is_read(tmp_path):
    path = write_xlsx_file(tmp_path / "a.xlsx", [row(1), row(2)])
    summary = process(path, apply=True)
    assert summary.line() == "created=2 updated=0 unchanged=0 invalid=0"
    assert Enterprise.objects.get(uscc=valid_uscc(5002)).founded_on == datetime.date(2019, 5, 20)


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2), row(3, entity_type="个体工商户", uscc="")])
    process(path, apply=True)
    history = Enterprise.history.count()
    summary = process(path, apply=True)
    assert summary.line() == "created=0 updated=0 unchanged=3 invalid=0"
    assert Enterprise.history.count() == history
    assert Enterprise.objects.count() == 3


def test_a_changed_row_updates_the_record_with_history(tmp_path, staff):
    process(write_csv(tmp_path / "a.csv", [row(1), row(2)]), apply=True)
    summary = process(
        write_csv(tmp_path / "b.csv", [row(1, scale="中型", employees="300"), row(2)]), apply=True, user=staff
    )
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    one = Enterprise.objects.get(uscc=valid_uscc(5001))
    assert (one.scale, one.employees) == ("medium", 300)
    latest = one.history.order_by("-history_id").first()
    assert latest.history_type == "~" and latest.history_user == staff


def test_an_individual_business_without_a_uscc_is_matched_by_name_and_legal_representative(tmp_path):
    rows = [row(1, entity_type="个体工商户", uscc="", name="城东区老马牛肉面馆", legal_representative="马明")]
    process(write_csv(tmp_path / "a.csv", rows), apply=True)
    rows[0][spreadsheet.COLUMN_BY_HEADER["住所"].header] = "城东区新址"
    summary = process(write_csv(tmp_path / "b.csv", rows), apply=True)
    assert (summary.created, summary.updated) == (0, 1)
    assert Enterprise.objects.get(name="城东区老马牛肉面馆").address == "城东区新址"


def test_an_enterprise_without_a_uscc_is_invalid(tmp_path):
    summary = process(write_csv(tmp_path / "a.csv", [row(1, uscc="")]))
    assert summary.invalid == 1
    assert summary.preview[0]["errors"][0][0] == "统一社会信用代码"
    assert "个体工商户" in summary.preview[0]["errors"][0][1]


def test_a_uscc_twice_in_one_file_makes_the_later_row_invalid(tmp_path):
    rows = [row(1), row(2), row(1, name="重复的公司")]
    summary = process(write_csv(tmp_path / "a.csv", rows), apply=True)
    assert summary.line() == "created=2 updated=0 unchanged=0 invalid=1"
    assert summary.preview == [{"row": 4, "errors": [["统一社会信用代码", "与本文件第 2 行重复，只导入第一行。"]]}]
    assert Enterprise.objects.get(uscc=valid_uscc(5001)).name == "西宁光伏科技1号有限公司"


def test_invalid_rows_are_reported_with_row_column_and_chinese_reason(tmp_path):
    bad_uscc = valid_uscc(5002)[:17] + ("0" if valid_uscc(5002)[17] != "0" else "1")
    rows = [
        row(1),
        row(2, uscc=bad_uscc),
        row(3, founded_on="2019-13-45", registered_capital="-5"),
        row(4, scale="巨型", district="海淀区"),
        row(5, industry_section="Z", industry_division="99", contact_phone="12345"),
        row(6, is_member="否", member_level="会长"),
        row(7, name=""),
    ]
    before = Enterprise.objects.count()
    summary = process(write_csv(tmp_path / "a.csv", rows), apply=True)
    assert summary.line() == "created=1 updated=0 unchanged=0 invalid=6"
    assert Enterprise.objects.count() == before + 1
    errors = {item["row"]: dict(item["errors"]) for item in summary.preview}
    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert "校验位" in errors[3]["统一社会信用代码"]
    assert "不是日期" in errors[4]["成立日期"] and "不能为负数" in errors[4]["注册资本（元）"]
    assert "大型、中型、小型、微型" in errors[5]["企业规模"] and "海淀区" in errors[5]["所属区县"]
    assert set(errors[6]) == {"行业门类", "行业大类代码", "联系电话"}
    assert "会员" in errors[7]["会员层级"]
    assert "必填" in errors[8]["企业名称"]


def test_the_invalid_rows_file_has_the_row_number_and_reason_and_imports_again_once_corrected(tmp_path):
    rows = [row(1), row(2, founded_on="昨天")]
    invalid = tmp_path / "invalid.xlsx"
    summary = process(write_csv(tmp_path / "a.csv", rows), invalid_path=invalid)
    assert summary.invalid_path == str(invalid)
    sheet = openpyxl.load_workbook(invalid).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-2:] == ("原行号", "错误原因")
    assert values[1][0] == "西宁光伏科技2号有限公司" and values[1][-2] == 3
    assert values[1][-1].startswith("成立日期：")
    sheet.cell(row=2, column=HEADERS.index("成立日期") + 1, value="2020-01-02")
    sheet.parent.save(invalid)
    assert process(invalid, apply=True).line() == "created=1 updated=0 unchanged=0 invalid=0"


def test_text_that_looks_like_a_formula_is_stored_verbatim(tmp_path):
    rows = [row(1, notes="=1+2", address="+86 区", tags="@标签", contact_person="-某人")]
    process(write_xlsx_file(tmp_path / "a.xlsx", rows), apply=True)
    process(write_csv(tmp_path / "b.csv", [row(2, notes='=HYPERLINK("x")')]), apply=True)
    one = Enterprise.objects.get(uscc=valid_uscc(5001))
    assert (one.notes, one.address, one.tags, one.contact_person) == ("=1+2", "+86 区", "@标签", "-某人")
    assert Enterprise.objects.get(uscc=valid_uscc(5002)).notes == '=HYPERLINK("x")'


def test_blank_rows_are_skipped(tmp_path):
    path = tmp_path / "a.csv"
    write_csv(path, [row(1), {}, row(2)])
    assert process(path).line() == "created=2 updated=0 unchanged=0 invalid=0"


# --- refused files: a clear message, nothing changed ---


def assert_refused(path, *words, name=""):
    before = Enterprise.objects.count()
    with pytest.raises(ImportRefused) as info:
        process(path, name=name, apply=True)
    for word in words:
        assert word in str(info.value)
    assert Enterprise.objects.count() == before
    return str(info.value)


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert_refused(png, "不是电子表格")
    docx = tmp_path / "letter.csv"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert_refused(docx, "不是电子表格")
    binary = tmp_path / "data.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    assert_refused(binary, "不是电子表格")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert_refused(old, ".xlsx")


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert_refused(empty, "文件是空的")
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n,,,\n", encoding="utf-8")
    assert_refused(blank, "空的")
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "empty.xlsx")
    assert_refused(tmp_path / "empty.xlsx", "空的")


def test_wrong_headers_are_refused_naming_the_missing_and_unknown_columns(tmp_path):
    headers = [h for h in HEADERS if h not in ("成立日期", "备注")] + ["邮箱"]
    path = write_csv(tmp_path / "a.csv", [row(1)], headers=headers)
    message = assert_refused(path, "成立日期", "备注", "邮箱", "缺少", "多余")
    assert "模板" in message


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.ENTERPRISE_IMPORT_MAX_BYTES = 2000
    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 30)])
    assert_refused(path, "文件太大")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (50 * 1024 * 1024) + b">")
    assert bomb.stat().st_size < 200 * 1024
    assert_refused(bomb, "压缩炸弹")


# --- the command ---


def test_the_command_prints_one_summary_line_and_applies(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2), row(2)])
    out = io.StringIO()
    call_command("import_enterprises", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip().splitlines() == ["created=2 updated=0 unchanged=0 invalid=1"]
    assert Enterprise.objects.count() == 2
    out = io.StringIO()
    call_command("import_enterprises", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "created=0 updated=0 unchanged=2 invalid=1"


def test_the_command_dry_run_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1)])
    out = io.StringIO()
    call_command("import_enterprises", str(path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "created=1 updated=0 unchanged=0 invalid=0"
    assert Enterprise.objects.count() == 0
    assert ImportJob.objects.get().status == ImportJob.Status.CHECKED


def test_the_command_exits_non_zero_on_an_unreadable_or_refused_file(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    with pytest.raises(CommandError, match="无法读取"):
        call_command("import_enterprises", str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,电话\n甲,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="表头"):
        call_command("import_enterprises", str(bad))
    # As a process: a non-zero exit status.
    result = subprocess.run(
        [sys.executable, "manage.py", "import_enterprises", str(tmp_path / "missing.csv")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "无法读取" in result.stderr


# --- the job and the task ---


def test_a_job_records_the_dry_run_and_then_the_apply(tmp_path, staff):
    job = make_job(tmp_path, [row(1), row(2, founded_on="x")], staff)
    imports.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert (job.created_count, job.invalid_count, job.rows_total) == (1, 1, 2)
    assert job.invalid_preview[0]["row"] == 3 and job.invalid_file
    assert Enterprise.objects.count() == 0
    assert imports.run_import(job.pk, apply=True) is None  # not confirmed: nothing happens
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLYING, applied_by=staff)
    imports.run_import(job.pk, apply=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.applied_at
    assert Enterprise.objects.count() == 1
    assert imports.run_import(job.pk, apply=True) is None  # a second delivery applies nothing
    assert Enterprise.objects.count() == 1


def test_a_failure_while_applying_changes_nothing_and_is_recorded_on_the_job(tmp_path, staff, monkeypatch):
    job = make_job(tmp_path, [row(n) for n in range(1, 2500)], staff, status=ImportJob.Status.APPLYING)
    EnterpriseFactory(uscc=valid_uscc(5001))  # row 1 is an update, the other 2,498 rows are new
    calls = []

    def failing_update(self):
        calls.append(len(self.updates))
        raise RuntimeError("disk full")

    # New rows are written in batches of 1,000 before the update fails at the very end.
    monkeypatch.setattr(imports._CopyWriter, "FLUSH_ROWS", 1000)
    monkeypatch.setattr(imports._CopyWriter, "_flush_updates", failing_update)
    with pytest.raises(RuntimeError):
        imports.run_import(job.pk, apply=True)
    job.refresh_from_db()
    assert calls == [1]
    assert job.status == ImportJob.Status.FAILED and "disk full" in job.error and "未做任何更改" in job.error
    assert Enterprise.objects.count() == 1
    assert Enterprise.history.count() == 1


def test_simple_history_bulk_helpers_write_the_same_rows_where_copy_is_not_available(tmp_path, staff, monkeypatch):
    monkeypatch.setattr(imports, "USE_COPY", False)
    process(write_csv(tmp_path / "a.csv", [row(1), row(2)]), apply=True, user=staff)
    summary = process(write_csv(tmp_path / "b.csv", [row(1, employees="7"), row(2)]), apply=True, user=staff)
    assert summary.line() == "created=0 updated=1 unchanged=1 invalid=0"
    assert Enterprise.objects.get(uscc=valid_uscc(5001)).employees == 7
    assert sorted(Enterprise.history.values_list("history_type", flat=True)) == ["+", "+", "~"]
    assert process(write_csv(tmp_path / "b.csv", [row(1, employees="7"), row(2)]), apply=True).unchanged == 2


def test_applied_rows_carry_history_with_user_reason_and_type(tmp_path, staff):
    process(write_csv(tmp_path / "a.csv", [row(1)]), apply=True, user=staff)
    process(write_csv(tmp_path / "b.csv", [row(1, notes="换了地址\t第二行\n第三行 \\ 反斜杠")]), apply=True, user=staff)
    one = Enterprise.objects.get(uscc=valid_uscc(5001))
    assert one.notes == "换了地址\t第二行\n第三行 \\ 反斜杠"
    created, changed = one.history.order_by("history_id")
    assert (created.history_type, changed.history_type) == ("+", "~")
    assert created.history_user == changed.history_user == staff
    assert changed.history_change_reason == "导入“b.csv”"
    assert changed.notes == one.notes and created.created_at == one.created_at
    assert [c.field for c in changed.diff_against(created).changes] == ["notes"]


def make_job(tmp_path, rows, user, status=ImportJob.Status.PENDING):
    from django.core.files import File

    path = write_csv(tmp_path / "upload.csv", rows)
    job = ImportJob(
        spec="enterprises", original_name="upload.csv", size=path.stat().st_size, created_by=user, status=status
    )
    with open(path, "rb") as handle:
        job.file.save("upload.csv", File(handle), save=True)
    return job


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_checks_and_applies_an_upload_with_progress(tmp_path, real_celery, client, staff, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    monkeypatch.setattr(engine, "PROGRESS_EVERY", 50)
    seen = []
    original_set = RedisCache.set

    def spy(self, key, value, *args, **kwargs):
        # The worker runs in its own thread with its own cache connection: spy on the class.
        if key.startswith("enterprises:import-progress:"):
            seen.append(value["percent"])
        return original_set(self, key, value, *args, **kwargs)

    monkeypatch.setattr(RedisCache, "set", spy)
    client.force_login(staff)
    path = write_csv(tmp_path / "big.csv", [row(n) for n in range(1, 401)] + [row(1)])
    with open(path, "rb") as handle:
        response = client.post(reverse("enterprises:enterprise_import"), {"file": handle})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job = wait_for(job, ImportJob.Status.CHECKED)
    assert (job.created_count, job.invalid_count, job.rows_total) == (400, 1, 401)
    assert seen and seen == sorted(seen) and max(seen) < 100
    assert Enterprise.objects.count() == 0
    response = client.post(reverse("enterprises:enterprise_import_apply", args=[job.pk]))
    assert response.status_code == 302
    job = wait_for(job, ImportJob.Status.DONE)
    assert (job.created_count, job.updated_count, job.invalid_count) == (400, 0, 1)
    assert job.applied_by == staff and Enterprise.objects.count() == 400
    assert Enterprise.history.filter(history_user=staff).count() == 400


def wait_for(job, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == status:
            return job
        assert job.status != ImportJob.Status.FAILED, job.error
        time.sleep(0.1)
    raise AssertionError(f"job still {job.status}")


def test_the_xlsx_reader_reads_what_excel_writes(tmp_path):
    """Shared strings, rich text, dates by number format (also Chinese ones), numbers, booleans,
    formulas (their computed value), gaps between rows; only the first sheet."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from federation.imports.reading import XlsxReader

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["企业名称", "成立日期", "注册资本（元）", "是否会员", "备注"])
    sheet.append(["甲公司", datetime.date(2019, 5, 20), 5000000, True, "=1+2"])
    sheet["E2"].data_type = "s"  # typed text that looks like a formula
    sheet.append([CellRichText("乙", TextBlock(InlineFont(b=True), "公司")), 43831, 12.5, False, None])
    sheet["B3"].number_format = 'yyyy"年"m"月"d"日"'
    sheet["A5"] = "隔行"
    sheet["C5"] = "=SUM(C2:C3)"  # no computed value stored: read as its text
    workbook.create_sheet("其他").append(["不读"])
    path = tmp_path / "excel.xlsx"
    workbook.save(path)

    reader = XlsxReader(path)
    rows = list(reader.rows())
    reader.close()
    assert rows[0] == (1, ["企业名称", "成立日期", "注册资本（元）", "是否会员", "备注"])
    assert rows[1] == (2, ["甲公司", datetime.datetime(2019, 5, 20), 5000000, True, "=1+2"])
    assert rows[2] == (3, ["乙公司", datetime.datetime(2020, 1, 1), 12.5, False])
    assert rows[3] == (5, ["隔行", None, "=SUM(C2:C3)"])
    assert reader.last_row == 5


def test_an_xlsx_with_a_dtd_is_refused(tmp_path):
    path = tmp_path / "dtd.xlsx"
    write_xlsx_file(path, [row(1)])
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    assert_refused(path, "无法读取")


def test_a_damaged_xlsx_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "cut.xlsx"
    write_xlsx_file(path, [row(n) for n in range(1, 200)])
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:-3000]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    assert_refused(path, "无法读取")


def test_a_tab_separated_file_is_read_too(tmp_path):
    path = tmp_path / "tabs.txt"
    with open(path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(HEADERS)
        writer.writerow([row(1, address="城西区，胜利路；1号")[h] for h in HEADERS])
    assert process(path, apply=True).created == 1
    assert Enterprise.objects.get().address == "城西区，胜利路；1号"
