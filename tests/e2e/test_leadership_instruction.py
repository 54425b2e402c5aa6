"""Browser journey: a leader gives an instruction (督办) on a request raised to them, and the assignee
finds it on the workbench; a report whose build died offers a retry. Screenshots, desktop and phone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from federation import roles
from federation.models import Report
from services.requests import operations
from services.requests.choices import Rating

from ..services.factories import ServiceRequestFactory
from .test_services_requests import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_instructs_and_the_assignee_sees_it(page, live_server, staff, staff2, leader, shoot):
    perm = Permission.objects.get(content_type__app_label="services", codename="instruct_servicerequest")
    Group.objects.get(name=roles.LEADERSHIP).permissions.add(perm)
    req = ServiceRequestFactory(title="厂房用地审批迟迟未办", enterprise_name="青海锂能储能科技有限公司")
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff2)
    operations.resolve_request(req, staff2, "已转自然资源局")
    operations.rate_request(req, Rating.UNSATISFIED, "仍未解决")

    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}{req.get_absolute_url()}")
    page.get_by_test_id("open-instruct").click()
    page.get_by_label("批示内容").fill("请会同自然资源局本周内现场办公，限期答复企业。")
    due = timezone.localdate() + timedelta(days=5)
    page.get_by_label(re.compile("办理期限")).fill(due.isoformat())
    page.get_by_test_id("do-instruct").click()
    expect(page.get_by_test_id("supervised")).to_have_text("督办中")
    expect(page.get_by_test_id("instruction")).to_contain_text("限期答复企业")
    shoot("services-request-instructed")

    sign_in(page, live_server, "staff2")
    expect(page.get_by_role("link", name="领导督办", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("厂房用地审批迟迟未办")).first).to_be_visible()
    # The workbench opens on everything sorted by due date; its sections view names the shared queue.
    page.get_by_role("link", name="按板块").click()
    expect(page.get_by_role("link", name="领导督办", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="待受理诉求（共享）")).to_be_visible()
    shoot("workbench-instruction-and-queue")


def test_a_dead_report_build_offers_a_retry(page, live_server, staff, shoot):
    Report.objects.create(
        kind="enterprises.export",
        title="企业名录导出",
        created_by=staff,
        status=Report.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
    )
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/system/reports/")
    expect(page.get_by_text("生成任务中断（后台进程可能已重启），请重试")).to_be_visible()
    expect(page.get_by_test_id("retry")).to_be_visible()
    shoot("report-centre-retry")
