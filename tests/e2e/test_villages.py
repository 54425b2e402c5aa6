"""Browser journey of 百企兴百村: staff add a pairing (the enterprise picked by two typed characters)
and a project, file two quarterly reports, and see the overview and the enterprise's timeline change."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_services_requests import sign_in
from tests.enterprises.factories import EnterpriseFactory
from tests.villages.factories import VillageFactory, township
from villages.models import Pairing, PairingProject, ProgressReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_pair_an_enterprise_with_a_village_report_progress_and_see_the_overview(page, live_server, staff, shoot):
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    EnterpriseFactory(name="西宁昆仑商贸有限公司")
    VillageFactory(township=township("630106102"), name="阿家庄村", is_key=True)
    sign_in(page, live_server, "staff")

    page.goto(f"{live_server.url}/villages/")
    expect(page.get_by_test_id("total-enterprises")).to_have_text("0")
    page.get_by_test_id("add-pairing").click()
    page.get_by_label("一对一").check()
    page.get_by_label("企业", exact=True).fill("光伏")
    results = page.get_by_test_id("picker-results")
    expect(results).to_contain_text("青海高原光伏科技有限公司")
    results.get_by_role("option").first.click()
    page.get_by_label("行政村").select_option(label="湟中区 鲁沙尔镇阿家庄村 · 重点村")
    page.get_by_label("结对方联系人").fill("马建军")
    page.get_by_label("结对方联系电话").fill("13909711234")
    shoot("villages-pairing-form")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_test_id("pairing-status")).to_have_text("进行中")
    expect(page.get_by_test_id("pairing-enterprises")).to_contain_text("青海高原光伏科技有限公司")
    pairing = Pairing.objects.get()
    page.get_by_test_id("add-project").click()
    page.get_by_label("项目类型").select_option(label="产业")
    page.get_by_label("项目名称").fill("高原夏菜种植基地")
    page.get_by_label("计划投资").fill("200")
    page.get_by_label("开始日期").fill("2025-04-01")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("高原夏菜种植基地")
    project = PairingProject.objects.get(pairing=pairing)

    for quarter, investment, jobs, income in (("2", "30", "6", "5"), ("3", "80", "14", "12")):
        page.get_by_test_id("add-report").click()
        page.get_by_label("年度").fill("2025")
        page.locator("#id_quarter").select_option(quarter)
        page.locator("#id_cumulative_investment").fill(investment)
        page.get_by_label("累计带动就业（人）").fill(jobs)
        page.locator("#id_cumulative_income").fill(income)
        page.get_by_label("进展情况").fill("大棚建设按计划推进，吸纳村民务工。")
        if quarter == "3":
            shoot("villages-report-form")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_test_id("reports")).to_contain_text(f"2025年第{quarter}季度")
    assert ProgressReport.objects.filter(project=project).count() == 2
    expect(page.get_by_test_id("project-figures")).to_contain_text("80.00 万元")
    shoot("villages-project")

    page.goto(f"{live_server.url}/villages/")
    expect(page.get_by_test_id("total-enterprises")).to_have_text("1")
    expect(page.get_by_test_id("total-key-villages")).to_have_text("1")
    expect(page.get_by_test_id("total-jobs")).to_have_text("14")
    expect(page.get_by_test_id("by-township")).to_contain_text("鲁沙尔镇")
    shoot("villages-overview")

    page.goto(f"{live_server.url}{enterprise.get_absolute_url()}")
    expect(page.locator("body")).to_contain_text("高原夏菜种植基地")
    expect(page.locator("body")).to_contain_text(str(pairing.__class__.objects.get().name))
    shoot("villages-enterprise-timeline")
