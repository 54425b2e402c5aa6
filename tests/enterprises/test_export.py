"""Export of the enterprise list: the import layout (round trip), formula-safe text, permissions."""

import openpyxl
import pytest
from django.urls import reverse

from conftest import client_for
from enterprises import spreadsheet
from enterprises.imports import process
from enterprises.models import Enterprise
from tests.enterprises.factories import EnterpriseFactory, valid_uscc
from tests.kit import roles_map

pytestmark = pytest.mark.django_db


def export(client, tmp_path, query="", name="export.xlsx"):
    response = client.get(reverse("enterprises:enterprise_list") + "?export=xlsx" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    path = tmp_path / name
    path.write_bytes(b"".join(response.streaming_content))
    return path


def test_the_export_has_the_import_layout_with_chinese_labels(staff_client, tmp_path):
    EnterpriseFactory(
        name="西宁锂电储能科技有限公司",
        uscc=valid_uscc(77),
        cluster="lithium",
        scale="medium",
        is_member=True,
        member_level="vice_president",
        registered_capital=12_345_678,
    )
    sheet = openpyxl.load_workbook(export(staff_client, tmp_path)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == spreadsheet.HEADERS
    data = dict(zip(spreadsheet.HEADERS, rows[1], strict=True))
    assert data["企业名称"] == "西宁锂电储能科技有限公司" and data["统一社会信用代码"] == valid_uscc(77)
    assert (data["主体类型"], data["重点产业链"], data["企业规模"]) == ("企业", "锂电储能", "中型")
    assert (data["是否会员"], data["会员层级"]) == ("是", "副会长")
    assert data["注册资本（元）"] == 12345678 and data["所属区县"] == "城东区" and data["行业门类"] == "制造业"


def test_an_export_imports_back_unchanged_and_an_edited_one_updates(staff_client, tmp_path):
    for _ in range(5):
        EnterpriseFactory()
    EnterpriseFactory(uscc=None, entity_type="individual", name="城中区小吃店", legal_representative="马某")
    path = export(staff_client, tmp_path)
    assert process(path, apply=True).line() == "created=0 updated=0 unchanged=6 invalid=0"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=spreadsheet.HEADERS.index("从业人数") + 1, value=999)
    workbook.save(path)
    assert process(path, apply=True).line() == "created=0 updated=1 unchanged=5 invalid=0"
    assert Enterprise.objects.filter(employees=999).count() == 1


def test_formula_like_text_is_exported_as_text(staff_client, tmp_path):
    EnterpriseFactory(notes="=SUM(A1:A9)", address="+86 城东区", tags="@all", contact_person="-x")
    sheet = openpyxl.load_workbook(export(staff_client, tmp_path)).worksheets[0]
    for header in ("备注", "住所", "标签", "联系人"):
        cell = sheet.cell(row=2, column=spreadsheet.HEADERS.index(header) + 1)
        assert cell.data_type == "s", header
    assert sheet.cell(row=2, column=spreadsheet.HEADERS.index("备注") + 1).value == "=SUM(A1:A9)"
    # …and imports back verbatim.
    path = tmp_path / "export.xlsx"
    assert process(path).unchanged == 1


def test_the_export_follows_the_search(staff_client, tmp_path):
    EnterpriseFactory(name="青海光伏制造有限公司")
    EnterpriseFactory(name="西宁餐饮管理有限公司")
    rows = list(
        openpyxl.load_workbook(export(staff_client, tmp_path, "&q=光伏")).worksheets[0].iter_rows(values_only=True)
    )
    assert [r[0] for r in rows[1:]] == ["青海光伏制造有限公司"]


def test_only_exporters_may_export(assert_roles):
    assert_roles(reverse("enterprises:enterprise_list") + "?export=xlsx", roles_map({"admin", "staff"}))


def test_the_export_button_is_shown_to_exporters_only(client, staff, leader):
    client_for(client, staff)
    assert "export=xlsx" in client.get(reverse("enterprises:enterprise_list")).content.decode()
    client_for(client, leader)
    page = client.get(reverse("enterprises:enterprise_list"))
    assert page.status_code == 200 and "export=xlsx" not in page.content.decode()


def test_anonymous_export_goes_to_the_login_page(client):
    response = client.get(reverse("enterprises:enterprise_list") + "?export=xlsx")
    assert response.status_code == 302 and reverse("login") in response.url
