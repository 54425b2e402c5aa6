"""The pairing ledger import (one row per project) on the core engine: a one-to-one, a one-to-many
gathered from two rows and a many-to-one; dry run, apply, idempotence, the refusals with row, column
and reason, the command's summary line and the template."""

import csv
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from federation.imports import engine
from tests.enterprises.factories import EnterpriseFactory
from villages.choices import PairingForm
from villages.imports import SPEC
from villages.models import Pairing, PairingProject, Village

from .factories import PairingFactory, VillageFactory, township

pytestmark = pytest.mark.django_db
HEADERS = SPEC.headers


def row(codes, village="阿家庄村", township_name="鲁沙尔镇", **cells):
    values = {
        "批次": "2025年度",
        "结对形式": "一对一",
        "企业统一社会信用代码": "、".join(codes),
        "区县": "湟中区",
        "乡镇（街道）": township_name,
        "行政村": village,
        "重点村": "是",
        "起始年份": "",
        "签约日期": "2025-03-15",
        "项目类型": "产业",
        "项目名称": f"{village}高原夏菜种植基地",
        "计划投资（元）": "2,000,000",
        "实际投资（元）": "1500000",
        "带动就业（人）": "12",
        "村民增收（元）": "300000元",
        "受益户数": "45",
        "开始日期": "2025-04-01",
        "结束日期": "",
        "项目状态": "实施中",
        "先进典型": "否",
    }
    values.update(cells)
    return values


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for r in rows:
            writer.writerow([r.get(h, "") for h in HEADERS])
    return str(path)


def process(path, **options):
    return engine.process(SPEC, path, **options)


@pytest.fixture
def ledger(tmp_path):
    a, b, c, d = EnterpriseFactory.create_batch(4)
    rows = [
        row([a.uscc]),
        row([b.uscc], "卡阳村", "上五庄镇", 结对形式="一对多"),
        row([b.uscc], "黄草沟村", "上五庄镇", 结对形式="一对多", 重点村="否"),
        row([c.uscc, d.uscc], "多巴三村", "多巴镇", 结对形式="多对一", 先进典型="是"),
    ]
    return write_csv(tmp_path / "ledger.csv", rows), (a, b, c, d)


def test_a_dry_run_counts_and_changes_nothing(ledger):
    path, _ents = ledger
    assert process(path).line() == "created=4 updated=0 unchanged=0 invalid=0"
    assert not Pairing.objects.exists() and not Village.objects.exists()


def test_applying_builds_pairings_villages_and_projects(ledger):
    path, (a, b, c, d) = ledger
    assert process(path, apply=True).created == 4
    assert Pairing.objects.count() == 3
    one_to_many = Pairing.objects.get(enterprises=b)
    assert one_to_many.form == PairingForm.ONE_TO_MANY
    assert sorted(v.name for v in one_to_many.villages.all()) == ["卡阳村", "黄草沟村"]
    many = Pairing.objects.get(enterprises=c)
    assert set(many.enterprises.all()) == {c, d} and many.start_year == 2025
    project = PairingProject.objects.get(pairing=many)
    assert (project.planned_investment, project.actual_investment, project.jobs, project.income_increase) == (
        Decimal(2_000_000),
        Decimal(1_500_000),
        12,
        Decimal(300_000),
    )
    assert project.is_typical and project.village.township == township("630106105")
    assert Village.objects.get(name="卡阳村").is_key and not Village.objects.get(name="黄草沟村").is_key
    assert Pairing.objects.get(enterprises=a).started_on == datetime.date(2025, 3, 15)


def test_importing_again_is_unchanged_and_corrected_figures_update(ledger, tmp_path):
    path, (a, *_rest) = ledger
    process(path, apply=True)
    assert process(path, apply=True).line() == "created=0 updated=0 unchanged=4 invalid=0"
    fixed = write_csv(tmp_path / "fixed.csv", [row([a.uscc], **{"实际投资（元）": "1800000"})])
    assert process(fixed, apply=True).line() == "created=0 updated=1 unchanged=0 invalid=0"
    assert PairingProject.objects.get(pairing__enterprises=a).actual_investment == Decimal(1_800_000)
    assert PairingProject.objects.count() == 4


def test_bad_rows_are_refused_with_row_column_and_reason_and_nothing_dropped(tmp_path):
    a, b = EnterpriseFactory(), EnterpriseFactory()
    PairingFactory(enterprises=[b], villages=[VillageFactory(name="石咀村")], batch="2025年度")
    rows = [
        row([a.uscc]),  # 2: valid
        row([a.uscc], "下关村", "桥头镇", 区县="湟中区"),  # 3: 桥头镇 is in 大通
        row(["91630100MA7XXXXXX1"]),  # 4: not a valid code
        row([EnterpriseFactory.build(uscc=None).name or "x"]),  # 5: not a code at all
        row([a.uscc], 项目名称="新项目", **{"实际投资（元）": "-5"}),  # 6: negative money
        row([a.uscc], 项目名称="新项目2", **{"带动就业（人）": "-3"}),  # 7: negative jobs
        row([a.uscc], 项目名称="新项目3", 结束日期="2025-01-01"),  # 8: ends before it starts
        row(
            [b.uscc], "石咀村", 结对形式="一对一", 批次="2025年度", 项目名称="重复结对"
        ),  # 9: recorded pairing's pair... same pairing (same key)
        row([a.uscc, b.uscc], "石咀村", 结对形式="多对一", 项目名称="重复"),  # 10: b–石咀村 already paired in 2025年度
        row([a.uscc], "石咀村", 结对形式="一对一"),  # 11: one-to-one with a second village
        row([a.uscc], "城关镇村", "城关镇", 区县=""),  # 12: 城关镇 is in 大通 and 湟源
        row([a.uscc]),  # 13: repeats row 2
    ]
    summary = process(write_csv(tmp_path / "bad.csv", rows), apply=True)
    errors = {item["row"]: dict(item["errors"]) for item in summary.preview}
    assert set(errors) == {3, 4, 5, 6, 7, 8, 10, 11, 12, 13}, errors
    assert summary.created == 2 and summary.invalid == 10  # rows 2 and 9 (b's recorded pairing gets a project)
    assert "桥头镇不属于湟中区" in errors[3]["乡镇（街道）"]
    assert "企业统一社会信用代码" in errors[4] and "企业统一社会信用代码" in errors[5]
    assert "负" in errors[6]["实际投资（元）"]
    assert "负" in errors[7]["带动就业（人）"]
    assert "结束日期不能早于开始日期" in errors[8]["结束日期"]
    assert "已与此村结对" in errors[10]["行政村"]
    assert "一对一结对应为" in errors[11]["结对形式"]
    assert "区县" in errors[12]
    assert "重复" in errors[13]["项目名称"]
    assert Village.objects.filter(name="下关村").count() == 0


def test_the_command_prints_the_summary_line_and_dry_run_changes_nothing(ledger, capsys):
    path, _ents = ledger
    call_command("import_pairings", path, "--dry-run")
    assert capsys.readouterr().out.strip().endswith("created=4 updated=0 unchanged=0 invalid=0")
    assert not Pairing.objects.exists()
    call_command("import_pairings", path)
    assert capsys.readouterr().out.strip().endswith("created=4 updated=0 unchanged=0 invalid=0")
    assert PairingProject.objects.count() == 4


def test_the_template_has_the_headers(staff_client):
    from io import BytesIO

    from openpyxl import load_workbook

    response = staff_client.get(reverse("villages:pairing_import_template"))
    assert response.status_code == 200
    sheet = load_workbook(
        BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    ).active
    assert [c.value for c in sheet[1]][: len(HEADERS)] == HEADERS
