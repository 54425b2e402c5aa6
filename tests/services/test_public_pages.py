"""The public pages: submit (phone form), success, lookup with code AND phone, rating."""

import pytest
from django.test import Client
from django.urls import reverse

from federation import captcha
from federation.models import Notice
from services.requests import operations
from services.requests.choices import Rating, Status
from services.requests.models import Attachment, ServiceRequest

from .factories import ServiceRequestFactory
from .files import EXE, PDF, PNG, upload

pytestmark = pytest.mark.django_db
SUBMIT = reverse("services:request_submit")
TRACK = reverse("services:request_track")


# A request as an enterprise fills in the form (without the captcha).
REQUEST_FIELDS = {
    "enterprise_name": "青海高原光伏科技有限公司",
    "uscc": "",
    "contact_person": "张明",
    "phone": "13812345678",
    "district": "",
    "category": "financing",
    "title": "流动资金贷款续贷困难",
    "description": "贷款下月到期，希望协调无还本续贷。",
    "consent": "on",
}


def form_data(**overrides):
    challenge = captcha.new_challenge(2, 3)
    return {**REQUEST_FIELDS, "captcha_token": challenge.token, "captcha_answer": "5", **overrides}


def test_the_public_form_opens_without_login_and_has_a_captcha(client):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="captcha-image"' in body and "csrfmiddlewaretoken" in body
    assert "个人信息" in body  # the consent, in Chinese


def test_an_enterprise_submits_a_request_and_gets_a_code_and_dates(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = form_data(attachments=[upload("申请.pdf", PDF), upload("现场.png", PNG)])
    response = client.post(SUBMIT, data)
    assert response.status_code == 302 and response["Location"] == reverse("services:request_submitted")
    req = ServiceRequest.objects.get()
    assert (req.status, req.source, req.phone) == (Status.SUBMITTED, "online", "13812345678")
    assert req.consent_at is not None
    assert sorted(Attachment.objects.values_list("kind", flat=True)) == ["pdf", "png"]
    page = client.get(response["Location"]).content.decode()
    assert req.code in page and req.resolve_due.strftime("%Y-%m-%d") in page


def test_a_failed_submission_keeps_what_was_typed_and_marks_the_field(client):
    response = client.post(SUBMIT, form_data(phone="12345", title="我的标题"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "我的标题" in body and "青海高原光伏科技有限公司" in body and "12345" in body
    assert "11位手机号码" in body
    assert "is-invalid" in body
    assert not ServiceRequest.objects.exists()


def test_an_invalid_uscc_is_explained(client):
    response = client.post(SUBMIT, form_data(uscc="91630100ABCDEFGHIO"))
    assert response.status_code == 200
    assert "统一社会信用代码" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_wrong_captcha_refuses_the_submission(client):
    response = client.post(SUBMIT, form_data(captcha_answer="6"))
    assert response.status_code == 200
    assert "验证" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_captcha_cannot_be_replayed(client):
    data = form_data()
    assert client.post(SUBMIT, data).status_code == 302
    assert client.post(SUBMIT, data).status_code == 200
    assert ServiceRequest.objects.count() == 1


def test_consent_is_required(client):
    data = form_data()
    del data["consent"]
    response = client.post(SUBMIT, data)
    assert "个人信息" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_renamed_executable_is_refused_and_the_rest_kept(client):
    response = client.post(SUBMIT, form_data(attachments=[upload("发票.pdf", EXE)], title="保留的标题"))
    body = response.content.decode()
    assert "发票.pdf" in body and "保留的标题" in body
    assert not ServiceRequest.objects.exists() and not Attachment.objects.exists()


def test_more_than_three_files_are_refused(client):
    files = [upload(f"{i}.pdf", PDF) for i in range(4)]
    response = client.post(SUBMIT, form_data(attachments=files))
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists()


def test_the_form_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(SUBMIT, form_data()).status_code == 403
    assert not ServiceRequest.objects.exists()


def test_submissions_are_rate_limited_per_address(client, settings):
    settings.SERVICES_SUBMIT_LIMIT = 2
    assert client.post(SUBMIT, form_data()).status_code == 302
    assert client.post(SUBMIT, form_data()).status_code == 302
    response = client.post(SUBMIT, form_data(title="第三次"))
    assert response.status_code == 429
    assert "第三次" in response.content.decode()
    assert ServiceRequest.objects.count() == 2
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post(SUBMIT, form_data()).status_code == 302


def test_the_success_page_needs_a_submission_in_this_browser(client):
    assert client.get(reverse("services:request_submitted")).status_code == 302


# --- Lookup ---------------------------------------------------------------------------------------


def test_lookup_with_code_and_phone_shows_status_and_public_history_only(client, staff):
    req = ServiceRequestFactory(phone="13912345678")
    operations.accept_request(req, staff)
    operations.add_note(req, staff, "内部：企业负责人难沟通")
    operations.send_reply(req, staff, "已联系银行，正在协调。")
    response = client.post(TRACK, {"code": req.code.lower(), "phone": "13912345678"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "已受理" in page and "已联系银行，正在协调。" in page
    assert "内部：企业负责人难沟通" not in page


def test_a_wrong_phone_looks_exactly_like_an_unknown_code(client):
    req = ServiceRequestFactory(phone="13912345678")
    wrong_phone = client.post(TRACK, {"code": req.code, "phone": "13900000000"})
    unknown = client.post(TRACK, {"code": "ZZZZZZZZZZ", "phone": "13900000000"})
    assert wrong_phone.status_code == unknown.status_code == 200

    def message(r):
        body = r.content.decode()
        start = body.index('data-testid="track-error"')
        return body[start : body.index("</div>", start)]

    assert message(wrong_phone) == message(unknown)
    assert req.title not in wrong_phone.content.decode()


def test_repeated_misses_are_throttled_even_for_the_right_pair_afterwards(client):
    req = ServiceRequestFactory(phone="13912345678")
    for _ in range(5):
        assert client.post(TRACK, {"code": "ABCDEFGHJK", "phone": "13900000000"}).status_code == 200
    response = client.post(TRACK, {"code": req.code, "phone": "13912345678"})
    assert response.status_code == 429
    assert req.title not in response.content.decode()


def test_a_result_page_is_not_shown_without_the_lookup(client):
    req = ServiceRequestFactory()
    response = client.get(reverse("services:request_track_result", args=[req.code]))
    assert response.status_code == 302 and response["Location"] == TRACK


def test_the_enterprise_rates_an_unsatisfying_answer_and_sees_it_reopened(
    client, staff, leader, django_capture_on_commit_callbacks
):
    req = ServiceRequestFactory(phone="13912345678")
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff)
    operations.resolve_request(req, staff, "已协调银行")
    client.post(TRACK, {"code": req.code, "phone": "13912345678"})
    url = reverse("services:request_track_result", args=[req.code])
    assert 'data-testid="rating-form"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"rating": Rating.UNSATISFIED, "comment": "没有解决"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "重新办理" in page and 'data-testid="rating-form"' not in page
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.REOPENED
    assert Notice.objects.filter(recipient=leader).exists()


def test_rating_is_refused_before_the_request_is_resolved(client):
    req = ServiceRequestFactory(phone="13912345678")
    client.post(TRACK, {"code": req.code, "phone": "13912345678"})
    url = reverse("services:request_track_result", args=[req.code])
    client.post(url, {"rating": Rating.SATISFIED})
    assert ServiceRequest.objects.get(pk=req.pk).status == Status.SUBMITTED


def test_html_typed_by_the_public_is_shown_as_text(client, staff):
    evil = '<script>alert("x")</script><b>粗</b>'
    client.post(SUBMIT, form_data(title=evil, description=evil, enterprise_name=evil))
    req = ServiceRequest.objects.get()
    public = client.get(reverse("services:request_submitted")).content.decode()
    client.force_login(staff)
    pages = [
        public,
        client.get(reverse("services:request_list")).content.decode(),
        client.get(req.get_absolute_url()).content.decode(),
    ]
    for page in pages:
        assert "<script>alert" not in page and "<b>粗</b>" not in page
    assert "&lt;script&gt;alert" in pages[1] and "&lt;script&gt;alert" in pages[2]
