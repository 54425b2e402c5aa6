"""The member import (会员名册) on the core engine: matching chambers and enterprises, the refusals
(row, column, reason), overlapping periods, dry run, one-transaction apply, idempotence, the
command, and real XLSX and GB18030 CSV files."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from chambers.choices import MemberRole, Status
from chambers.imports import SPEC, process
from chambers.models import Membership
from federation.exports import write_xlsx
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

HEADERS = SPEC.headers


def row(chamber, enterprise, **cells):
    values = {
        "商会名称": chamber.name,
        "商会统一社会信用代码": "",
        "企业名称": enterprise.name,
        "统一社会信用代码": enterprise.uscc,
        "职务": "会员",
        "入会日期": "2020-03-01",
        "退会日期": "",
    }
    values.update(cells)
    return values


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for r in rows:
            writer.writerow([r.get(h, "") for h in HEADERS])
    return path


def test_the_template_has_the_issue_columns_in_order():
    assert HEADERS == [
        "商会名称",
        "商会统一社会信用代码",
        "企业名称",
        "统一社会信用代码",
        "职务",
        "入会日期",
        "退会日期",
    ]


def test_a_dry_run_counts_the_rows_and_changes_nothing(tmp_path):
    chamber = ChamberFactory()
    rows = [row(chamber, EnterpriseFactory()), row(chamber, EnterpriseFactory())]
    summary = process(write_csv(tmp_path / "m.csv", rows))
    assert summary.line() == "created=2 updated=0 unchanged=0 invalid=0"
    assert Membership.objects.count() == 0


def test_applying_creates_the_memberships_with_role_and_period_and_history(tmp_path):
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    rows = [row(chamber, enterprise, 职务="副会长", 入会日期="2019/5/20", 退会日期="2024年1月1日")]
    summary = process(write_csv(tmp_path / "m.csv", rows), apply=True)
    assert summary.created == 1
    m = Membership.objects.get()
    assert (m.chamber, m.enterprise, m.role) == (chamber, enterprise, MemberRole.VICE_PRESIDENT)
    assert (m.started_on, m.ended_on) == (datetime.date(2019, 5, 20), datetime.date(2024, 1, 1))
    assert m.history.count() == 1


def test_the_chamber_is_found_by_its_code_and_the_enterprise_by_name_when_the_code_is_empty(tmp_path):
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    rows = [row(chamber, enterprise, 商会名称="", 商会统一社会信用代码=chamber.uscc, 统一社会信用代码="")]
    assert process(write_csv(tmp_path / "m.csv", rows), apply=True).created == 1
    assert Membership.objects.get().enterprise == enterprise


def test_importing_the_same_file_again_creates_nothing_and_a_new_end_date_updates(tmp_path):
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    path = write_csv(tmp_path / "m.csv", [row(chamber, enterprise)])
    assert process(path, apply=True).created == 1
    assert process(path, apply=True).line() == "created=0 updated=0 unchanged=1 invalid=0"
    left = write_csv(tmp_path / "left.csv", [row(chamber, enterprise, 退会日期="2025-06-30")])
    assert process(left, apply=True).updated == 1
    assert Membership.objects.get().ended_on == datetime.date(2025, 6, 30)


def test_unknown_and_deregistered_chambers_unknown_enterprises_and_overlaps_are_refused_with_row_column_reason(
    tmp_path,
):
    chamber, gone = ChamberFactory(), ChamberFactory(status=Status.DEREGISTERED)
    known, twin1 = EnterpriseFactory(), EnterpriseFactory(name="同名商贸有限公司")
    EnterpriseFactory(name="同名商贸有限公司")
    MembershipFactory(chamber=chamber, enterprise=known, started_on=datetime.date(2018, 1, 1))
    rows = [
        row(chamber, EnterpriseFactory()),  # row 2: valid
        row(chamber, known, 商会名称="不存在的商会"),  # 3
        row(gone, known),  # 4
        row(chamber, known, 企业名称="未登记企业", 统一社会信用代码=""),  # 5
        row(chamber, twin1, 统一社会信用代码=""),  # 6: two records of that name
        row(chamber, known, 入会日期="2021-01-01"),  # 7: overlaps the recorded membership
        row(chamber, known, 职务="秘书长"),  # 8: not a role
        row(chamber, known, 入会日期="2022-01-01", 退会日期="2021-01-01"),  # 9
    ]
    summary = process(write_csv(tmp_path / "m.csv", rows), apply=True)
    assert summary.line() == "created=1 updated=0 unchanged=0 invalid=7"
    errors = {item["row"]: dict(item["errors"]) for item in summary.preview}
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "未登记" in errors[3]["商会名称"] or "没有" in errors[3]["商会名称"]
    assert "注销" in errors[4]["商会名称"]
    assert "企业名称" in errors[5]
    assert "统一社会信用代码" in errors[6]
    assert "重叠" in errors[7]["入会日期"]
    assert "会长" in errors[8]["职务"]
    assert "退会日期" in errors[9]
    assert Membership.objects.count() == 2


def test_two_overlapping_rows_of_one_file_import_the_first_only(tmp_path):
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    rows = [row(chamber, enterprise), row(chamber, enterprise, 入会日期="2021-01-01")]
    assert (
        process(write_csv(tmp_path / "m.csv", rows), apply=True).line() == "created=1 updated=0 unchanged=0 invalid=1"
    )


def test_a_secretary_imports_into_their_own_chamber_only(tmp_path, secretary):
    own, other = ChamberFactory(), ChamberFactory()
    own.secretaries.add(secretary)
    rows = [row(own, EnterpriseFactory()), row(other, EnterpriseFactory())]
    summary = process(write_csv(tmp_path / "m.csv", rows), apply=True, user=secretary)
    assert summary.line() == "created=1 updated=0 unchanged=0 invalid=1"
    assert list(Membership.objects.values_list("chamber", flat=True)) == [own.pk]


def test_a_gb18030_csv_and_an_xlsx_file_are_read(tmp_path):
    chamber = ChamberFactory()
    a, b = EnterpriseFactory(), EnterpriseFactory()
    assert process(write_csv(tmp_path / "gb.csv", [row(chamber, a)], encoding="gb18030"), apply=True).created == 1
    path = tmp_path / "m.xlsx"
    write_xlsx(path, HEADERS, [[row(chamber, b).get(h, "") for h in HEADERS]])
    assert process(path, apply=True).created == 1
    assert Membership.objects.count() == 2


def test_the_command_prints_the_summary_line_and_dry_run_changes_nothing(tmp_path):
    chamber = ChamberFactory()
    path = write_csv(
        tmp_path / "m.csv", [row(chamber, EnterpriseFactory()), row(chamber, EnterpriseFactory(), 职务="x")]
    )
    out = io.StringIO()
    call_command("import_members", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "created=1 updated=0 unchanged=0 invalid=1"
    assert Membership.objects.count() == 0
    out = io.StringIO()
    call_command("import_members", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "created=1 updated=0 unchanged=0 invalid=1"
    assert Membership.objects.count() == 1


def test_the_import_pages_are_for_those_who_keep_members(client, staff_client, leader_client):
    url = reverse("chambers:membership_import")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(reverse("chambers:membership_import_template")).status_code == 200
    assert leader_client.get(url).status_code == 403
