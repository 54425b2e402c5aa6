"""Staff pages: permissions per role, the inbox (filters, counters, pinned queries, ledger), the
request page's actions (allowed, refused, forged, stale), staff entry and attachments."""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services.requests import operations
from services.requests.choices import Source, Status
from services.requests.models import Attachment, ServiceRequest
from tests.kit import roles_map

from .factories import EnterpriseFactory, ServiceRequestFactory
from .files import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def req():
    return ServiceRequestFactory()


def pages(req, attachment=None):
    urls = {
        "list": reverse("services:request_list"),
        "detail": req.get_absolute_url(),
        "metrics": reverse("services:request_metrics"),
        "poster": reverse("services:request_poster"),
        "add": reverse("services:request_add"),
        "export": reverse("services:request_list") + "?export=xlsx",
    }
    if attachment:
        urls["attachment"] = attachment.get_absolute_url()
    return urls


@pytest.fixture
def attachment(req, settings, tmp_path):
    from federation import uploads

    settings.MEDIA_ROOT = tmp_path
    name = uploads.store_upload(upload("a.pdf", PDF), "pdf", "services/test")
    return Attachment.objects.create(request=req, original_name="申请.pdf", stored_name=name, kind="pdf", size=len(PDF))


PAGE_ROLES = {
    # page: roles answering 200 (the others 403, an anonymous visitor to the login page)
    "list": {"admin", "staff", "leader"},
    "detail": {"admin", "staff", "leader"},
    "metrics": {"admin", "staff", "leader"},
    "poster": {"admin", "staff", "leader"},
    "add": {"admin", "staff"},
    "export": {"admin", "staff", "leader"},
    # Attachments hold personal data in full: leadership (names masked) sees their names only.
    "attachment": {"admin", "staff"},
}


@pytest.mark.parametrize("page", PAGE_ROLES)
def test_every_staff_page_answers_each_role_as_it_should(assert_roles, page, req, attachment):
    assert_roles(pages(req, attachment)[page], roles_map(PAGE_ROLES[page]))


@pytest.mark.parametrize("role", ["leader", "secretary", "outsider"])
def test_only_handlers_may_post_transitions(client, role_users, role, req):
    client.force_login(role_users[role])
    url = reverse("services:request_action", args=[req.pk, "accept"])
    assert client.post(url, {"accept-version": req.version}).status_code == 403
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED


def test_anonymous_transition_posts_go_to_login(client, req):
    url = reverse("services:request_action", args=[req.pk, "accept"])
    assert client.post(url, {"accept-version": req.version}).status_code == 302
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED


def test_leadership_sees_the_request_with_only_the_instruction_form(leader_client, req):
    # Leaders do not handle requests; they may give an instruction (督办) on one (issue 8).
    body = leader_client.get(req.get_absolute_url()).content.decode()
    offered = set(re.findall(r'data-testid="open-([a-z_]+)"', body))
    assert offered == {"instruct"}


def test_staff_accept_assign_and_resolve_from_the_request_page(staff_client, staff, staff2, req):
    def act(action, **data):
        fresh = ServiceRequest.objects.get(pk=req.pk)
        payload = {f"{action}-{k}": v for k, v in {"version": fresh.version, **data}.items()}
        return staff_client.post(reverse("services:request_action", args=[req.pk, action]), payload)

    assert act("accept").status_code == 302
    assert act("assign", assignee=staff2.pk).status_code == 302
    assert act("resolve", resolution="已协调办结").status_code == 302
    req.refresh_from_db()
    assert (req.status, req.assignee, req.resolution) == (Status.RESOLVED, staff2, "已协调办结")
    page = staff_client.get(req.get_absolute_url()).content.decode()
    assert "已协调办结" in page and 'data-testid="form-follow_up"' in page


def test_a_forged_transition_from_the_wrong_state_is_refused_with_a_message(staff_client, req):
    url = reverse("services:request_action", args=[req.pk, "resolve"])
    response = staff_client.post(url, {"resolve-version": req.version, "resolve-resolution": "伪造"}, follow=True)
    assert "不能" in response.content.decode()
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED


def test_an_unknown_action_is_not_found(staff_client, req):
    url = reverse("services:request_action", args=[req.pk, "delete"])
    assert staff_client.post(url, {}).status_code == 404


def test_transitions_only_accept_post(staff_client, req):
    url = reverse("services:request_action", args=[req.pk, "accept"])
    assert staff_client.get(url).status_code == 405


def test_an_action_from_an_outdated_page_is_refused_plainly(staff_client, staff, req):
    seen = req.version
    operations.accept_request(ServiceRequest.objects.get(pk=req.pk), staff)
    url = reverse("services:request_action", args=[req.pk, "reject"])
    response = staff_client.post(url, {"reject-version": seen, "reject-reason": "理由"}, follow=True)
    assert "其他人" in response.content.decode() or "Someone else" in response.content.decode()
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.ACCEPTED


def test_an_incomplete_action_form_keeps_the_text_and_changes_nothing(staff_client, staff, req):
    operations.accept_request(req, staff)
    url = reverse("services:request_action", args=[req.pk, "transfer"])
    response = staff_client.post(
        url, {"transfer-version": req.version, "transfer-department": "", "transfer-note": "保留我"}
    )
    assert response.status_code == 200
    assert "保留我" in response.content.decode()
    assert ServiceRequest.objects.get(pk=req.pk).transfer_department == ""


def test_staff_record_a_hotline_request_linked_by_uscc(staff_client, staff):
    enterprise = EnterpriseFactory()
    response = staff_client.post(
        reverse("services:request_add"),
        {
            "source": Source.HOTLINE,
            "enterprise_name": enterprise.name,
            "uscc": enterprise.uscc,
            "contact_person": "李娜",
            "phone": "0971-6123456",
            "category": "labour",
            "title": "招工难",
            "description": "12345转来：企业缺少技术工人。",
        },
    )
    req = ServiceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == req.get_absolute_url()
    assert (req.source, req.enterprise, req.created_by) == (Source.HOTLINE, enterprise, staff)


def test_the_enterprise_page_timeline_lists_its_requests_in_one_query(django_assert_num_queries):
    from services.requests.contributions import enterprise_timeline

    enterprise = EnterpriseFactory()
    for _ in range(3):
        ServiceRequestFactory(uscc=enterprise.uscc)
    with django_assert_num_queries(1):
        entries = enterprise_timeline(enterprise)
    assert len(entries) == 3 and entries[0].url.startswith("/services/requests/")


def test_the_workbench_shows_my_requests_by_light(staff, staff2):
    import datetime

    from services.requests.contributions import my_requests

    old = ServiceRequestFactory(now=datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC))
    operations.accept_request(old, staff)
    operations.assign_request(old, staff, staff)
    sections = my_requests(staff)
    assert [s.count for s in sections][0] == 1  # red first
    assert my_requests(staff2)[0].count == 0


# --- Inbox ----------------------------------------------------------------------------------------


# session, user, groups/permissions, holiday calendar, counters (one aggregate), filter choices
# (districts, staff), row count, one page of rows with district and assignee joined.
INBOX_QUERIES = 10


def inbox_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_inbox_query_count_does_not_grow_with_rows(staff_client, staff, staff2):
    url = reverse("services:request_list")
    for i in range(5):
        r = ServiceRequestFactory(district=None)
        if i % 2:
            operations.accept_request(r, staff)
            operations.assign_request(r, staff, staff2)
    five = inbox_queries(staff_client, url)
    for i in range(45):
        r = ServiceRequestFactory()
        if i % 2:
            operations.accept_request(r, staff)
            operations.assign_request(r, staff, staff2)
    fifty = inbox_queries(staff_client, url)
    assert five == fifty
    assert fifty == INBOX_QUERIES


def test_the_inbox_filters_and_counts(staff_client, staff):
    import datetime

    overdue = ServiceRequestFactory(now=datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC), title="过期的诉求")
    fresh = ServiceRequestFactory(title="新的诉求")
    operations.accept_request(fresh, staff)
    url = reverse("services:request_list")
    body = staff_client.get(url + "?light=red").content.decode()
    assert "过期的诉求" in body and "新的诉求" not in body
    body = staff_client.get(url + "?overdue=true").content.decode()
    assert "过期的诉求" in body and "新的诉求" not in body
    body = staff_client.get(url + "?status=accepted").content.decode()
    assert "新的诉求" in body and "过期的诉求" not in body
    body = staff_client.get(url + f"?q={overdue.code}").content.decode()
    assert "过期的诉求" in body and "新的诉求" not in body
    page = staff_client.get(url)
    assert page.context["red_count"] == 1


def test_the_ledger_exports_the_filtered_inbox_as_text(staff_client, staff):
    ServiceRequestFactory(title='=HYPERLINK("http://x")', description="<script>x</script>")
    ServiceRequestFactory(title="另一条", category="legal")
    response = staff_client.get(reverse("services:request_list") + "?category=financing&export=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert len(rows) == 2
    header, row = rows
    assert header[0] == "查询码" and header[9] == "标题"
    assert '=HYPERLINK("http://x")' in row and "<script>x</script>" in row


def test_the_poster_has_a_qr_code_of_the_absolute_form_address(staff_client):
    body = staff_client.get(reverse("services:request_poster")).content.decode()
    assert "<svg" in body and "http://testserver/services/requests/new/" in body


def test_the_metrics_page_shows_the_rates(staff_client, staff):
    r = ServiceRequestFactory()
    operations.accept_request(r, staff)
    response = staff_client.get(reverse("services:request_metrics"))
    assert response.status_code == 200
    assert response.context["summary"]["received"] == 1
    assert "响应率" in response.content.decode()


def test_attachments_download_with_their_name(staff_client, attachment):
    response = staff_client.get(attachment.get_absolute_url())
    assert b"".join(response.streaming_content) == PDF
    assert "attachment;" in response["Content-Disposition"]


def test_the_metrics_page_takes_a_period_and_a_district(staff_client):
    url = reverse("services:request_metrics")
    response = staff_client.get(url, {"start": "2025-03-01", "end": "2025-03-31", "district": ""})
    assert (response.context["start"].isoformat(), response.context["end"].isoformat()) == ("2025-03-01", "2025-03-31")
    assert 'value="2025-03-01"' in response.content.decode()


def test_an_administrator_edits_category_time_limits_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:services_categorydeadline_add")).status_code == 200
    assert client.get(reverse("admin:services_servicerequest_changelist")).status_code == 200


def test_requests_appear_on_the_enterprise_page(staff_client):
    enterprise = EnterpriseFactory()
    ServiceRequestFactory(uscc=enterprise.uscc, title="厂房扩建规划审批慢")
    body = staff_client.get(enterprise.get_absolute_url()).content.decode()
    assert "厂房扩建规划审批慢" in body


def test_a_staff_entry_with_bad_input_keeps_what_was_typed(staff_client):
    response = staff_client.post(
        reverse("services:request_add"),
        {
            "source": Source.LETTER,
            "enterprise_name": "来信企业",
            "contact_person": "韩雪",
            "phone": "12",
            "category": "legal",
            "title": "来信反映",
            "description": "内容",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "来信企业" in body and "来信反映" in body and "is-invalid" in body
    assert not ServiceRequest.objects.exists()


def test_the_staff_entry_form_is_prefilled_from_an_enterprise_record(staff_client):
    enterprise = EnterpriseFactory(contact_person="祁永福", contact_phone="13712345678")
    response = staff_client.get(reverse("services:request_add"), {"enterprise": enterprise.pk})
    form = response.context["form"]
    assert form.initial["uscc"] == enterprise.uscc and form.initial["contact_person"] == "祁永福"


def test_yes_no_filters_offer_any_yes_and_no_in_chinese(staff_client):
    body = staff_client.get(reverse("services:request_list")).content.decode()
    assert "未知" not in body
    assert '<option value="true">是</option>' in body


def test_the_enterprise_page_offers_staff_to_record_a_request_for_it(client, staff, leader):
    enterprise = EnterpriseFactory()
    page = reverse("enterprises:enterprise_detail", args=[enterprise.pk])
    link = f"{reverse('services:request_add')}?enterprise={enterprise.pk}"
    client.force_login(leader)
    assert link not in client.get(page).content.decode()  # leadership reads, does not record
    client.force_login(staff)
    assert link in client.get(page).content.decode()
    form = client.get(link).context["form"]
    assert form.initial["enterprise_name"] == enterprise.name


def test_leadership_workbench_lists_requests_raised_to_them(client, leader, staff):
    from services.requests.choices import Rating
    from services.requests.contributions import raised_to_leadership

    req = ServiceRequestFactory(title="融资难题")
    operations.accept_request(req, staff)
    operations.resolve_request(req, staff, "已协调银行")
    assert raised_to_leadership(leader)[0].count == 0
    operations.rate_request(req, Rating.UNSATISFIED, "没有解决")
    sections = raised_to_leadership(leader)
    assert sections[0].count == 1
    assert sections[0].items[0].url == req.get_absolute_url()
    assert raised_to_leadership(staff) == []  # staff see their own assignments instead
    overdue = ServiceRequestFactory(now=timezone.now() - timedelta(days=30), title="逾期未受理")
    overdue_section = raised_to_leadership(leader)[1]
    assert overdue_section.count == 1
    assert overdue_section.items[0].url == overdue.get_absolute_url()
    client.force_login(leader)
    body = client.get(reverse("home")).content.decode()
    assert "提级督办的诉求" in body and "融资难题" in body


def test_staff_link_a_request_to_a_record_suggested_by_its_name(staff_client):
    enterprise = EnterpriseFactory(name="西宁德润储能科技有限公司", uscc=None, entity_type="individual")
    EnterpriseFactory(name="青海别的企业有限公司")
    req = ServiceRequestFactory(enterprise=None, enterprise_name="西宁德润储能科技有限公司", uscc="")
    page = staff_client.get(reverse("services:request_detail", args=[req.pk]))
    assert [c.pk for c in page.context["link_candidates"]] == [enterprise.pk]
    response = staff_client.post(
        reverse("services:request_action", args=[req.pk, "link"]),
        {"link-version": req.version, "link-enterprise_id": enterprise.pk},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.enterprise == enterprise
    assert staff_client.get(reverse("services:request_detail", args=[req.pk])).context["link_candidates"] == []


def test_linking_without_code_or_choice_says_what_to_do_and_changes_nothing(staff_client):
    req = ServiceRequestFactory(enterprise=None)
    response = staff_client.post(
        reverse("services:request_action", args=[req.pk, "link"]), {"link-version": req.version, "link-uscc": ""}
    )
    assert response.status_code == 200
    assert "请填写统一社会信用代码，或选择下面建议的企业档案" in response.content.decode()
    req.refresh_from_db()
    assert req.enterprise is None
