"""Another city (issue #15): a second region loaded by ``load_region`` and served by the settings."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from enterprises.models import Enterprise
from federation import registry
from federation.models import Division
from federation.region import city_name
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

HAIDONG = Path(__file__).resolve().parents[1] / "data" / "haidong_divisions.csv"
HEADER = "code,name,level,parent_code,note\n"


def rows(path=HAIDONG):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def city_of(path=HAIDONG):
    return next(r for r in rows(path) if r["level"] == "city")


def names(level, path=HAIDONG):
    return [r["name"] for r in rows(path) if r["level"] == level]


def load(path=HAIDONG, *args):
    out = io.StringIO()
    call_command("load_region", str(path), *args, stdout=out)
    return out.getvalue()


def counts(out):
    return {k: int(v) for k, v in re.findall(r"(created|updated|unchanged)=(\d+)", out)}


@pytest.fixture
def haidong():
    """The second region loaded and served (its code in the settings; the city's name from the file)."""
    load()
    with override_settings(
        FEDERATION_REGION_CODE=city_of()["code"], FEDERATION_CITY_NAME="", FEDERATION_AREA_CODE="0972"
    ):
        yield Division.objects.get(code=city_of()["code"])


def test_load_region_adds_every_division_of_the_file_and_says_so():
    before = Division.objects.count()
    out = load()
    assert counts(out) == {"created": len(rows()), "updated": 0, "unchanged": 0}
    assert Division.objects.count() == before + len(rows())
    assert city_of()["name"] in out and f"FEDERATION_REGION_CODE={city_of()['code']}" in out
    township = next(r for r in rows() if r["level"] == "township")
    assert Division.objects.get(code=township["code"]).parent.code == township["parent_code"]


def test_load_region_twice_changes_nothing():
    load()
    snapshot = list(Division.objects.values_list("pk", "code", "name", "level", "parent_id", "note"))
    assert counts(load()) == {"created": 0, "updated": 0, "unchanged": len(rows())}
    assert list(Division.objects.values_list("pk", "code", "name", "level", "parent_id", "note")) == snapshot


def test_a_changed_name_is_updated_in_place(tmp_path):
    load()
    county = next(r for r in rows() if r["level"] == "county")
    pk = Division.objects.get(code=county["code"]).pk
    changed = tmp_path / "renamed.csv"
    text = HAIDONG.read_text(encoding="utf-8").replace(
        f"{county['code']},{county['name']},", f"{county['code']},新名区,"
    )
    changed.write_text(text, encoding="utf-8")
    assert counts(load(changed)) == {"created": 0, "updated": 1, "unchanged": len(rows()) - 1}
    assert Division.objects.get(pk=pk).name == "新名区"


def test_a_dry_run_counts_but_saves_nothing():
    before = Division.objects.count()
    out = load(HAIDONG, "--dry-run")
    assert counts(out)["created"] == len(rows()) and "试运行" in out
    assert Division.objects.count() == before


def test_the_bundled_file_loads_as_it_is():
    bundled = Path(__file__).resolve().parents[2] / "federation" / "data" / "xining_divisions.csv"
    assert counts(load(bundled)) == {"created": 0, "updated": 0, "unchanged": len(rows(bundled))}


GOOD = "630200,海东市,city,630000,\n630202,乐都区,county,630200,\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("code,name,level\n" + GOOD, "第 1 行：表头应为"),
        (HEADER + GOOD + "63020X,平安区,county,630200,\n", "第 4 行：“63020X”不是区（县）的国家统计用区划代码"),
        (HEADER + GOOD + "630202101,高庙镇,township,630299,\n", "第 4 行：上级代码“630299”不存在"),
        (HEADER + GOOD + "630202,乐都区,county,630200,\n", "第 4 行：代码 630202 重复（首次出现在第 3 行）"),
        (HEADER + GOOD + "630203,平安区,district,630200,\n", "第 4 行：级别“district”无法识别"),
        (HEADER + GOOD + "630203100,平安镇,township,630200,\n", "第 4 行：上级 630200 是"),
        (HEADER + GOOD + "630300,另一个市,city,630000,\n", "有且只有一个市"),
    ],
)
def test_a_wrong_file_is_refused_with_the_line_and_nothing_is_saved(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = list(Division.objects.values_list("pk", "code", "name"))
    with pytest.raises(CommandError) as refused:
        load(path)
    assert message in str(refused.value)
    assert list(Division.objects.values_list("pk", "code", "name")) == before


def test_the_second_regions_districts_are_the_enterprise_forms_choices(haidong, staff_client):
    form = staff_client.get(reverse("enterprises:enterprise_add")).context["form"]
    assert [d.name for d in form.fields["district"].queryset] == names("county")


def test_the_second_regions_districts_filter_the_enterprise_list(haidong, staff_client):
    districts = list(Division.objects.counties())
    EnterpriseFactory(name="乐都测试商贸有限公司", district=districts[0])
    EnterpriseFactory(name="平安测试商贸有限公司", district=districts[1])
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"district": districts[0].pk})
    assert [c[1] for c in response.context["filter"].form.fields["district"].choices][1:] == names("county")
    assert [row.record.name for row in response.context["table"].page.object_list] == ["乐都测试商贸有限公司"]


def test_the_second_regions_districts_are_in_the_by_district_breakdown(haidong):
    districts = list(Division.objects.counties())
    EnterpriseFactory.create_batch(2, district=districts[0])
    EnterpriseFactory(district=districts[2])
    today = datetime.date.today()
    chart = next(s for s in registry.series_for(today.replace(day=1), today) if s.key == "enterprises.by_district")
    bars = {f.label: f.value for f in chart.figures}
    assert bars == {districts[0].name: 2, districts[2].name: 1}


def test_the_city_name_comes_from_the_loaded_region_unless_set(haidong):
    assert city_name() == city_of()["name"]
    with override_settings(FEDERATION_CITY_NAME="海东"):
        assert city_name() == "海东"


def test_seed_demo_on_the_second_region_uses_its_districts_and_no_xining_name(haidong):
    call_command("seed_demo", enterprises=40, stdout=io.StringIO())
    from chambers.models import Chamber
    from services.jobfairs.models import JobFair
    from services.policies.models import Policy
    from villages.models import Village

    region = set(Division.objects.counties().values_list("pk", flat=True))
    assert Enterprise.objects.count() >= 40
    assert set(Enterprise.objects.values_list("district", flat=True)) <= region
    assert Enterprise.objects.filter(district__in=region).values("district").distinct().count() == len(region)
    assert set(Chamber.objects.exclude(district=None).values_list("district", flat=True)) <= region
    assert Village.objects.exists()
    assert set(Village.objects.values_list("township__parent", flat=True)) <= region
    for model, fields in [
        (Enterprise, ["name", "address"]),
        (Chamber, ["name", "address", "registration_authority"]),
        (Policy, ["title", "issuer"]),
        (JobFair, ["venue", "organiser"]),
        (Village, ["name"]),
    ]:
        for field in fields:
            assert not model.objects.filter(**{f"{field}__contains": "西宁"}).exists(), (model, field)
    assert Chamber.objects.filter(name__startswith=city_of()["name"]).exists()
    assert not Enterprise.objects.filter(contact_phone__startswith="0971").exists()
    assert not Chamber.objects.filter(office_phone__startswith="0971").exists()
    assert Chamber.objects.filter(office_phone__startswith="0972-").exists()


@override_settings(PORTAL_TITLE="海东市工商联综合服务平台")
def test_the_portal_title_setting_is_the_pages_title(client):
    page = client.get(reverse("login")).content.decode()
    assert re.search(r"<title>[^<]*海东市工商联综合服务平台</title>", page)


def test_the_portal_title_defaults_to_the_translated_name(client):
    assert re.search(r"<title>[^<]*工商联综合服务平台</title>", client.get(reverse("login")).content.decode())
