"""The public forms take what people type on a phone: spaced or prefixed numbers, full-width
digits, no preset category, and a rating error shown by the field."""

import pytest
from django.urls import reverse

from federation import captcha
from services.requests import operations
from services.requests.choices import Rating
from services.requests.models import ServiceRequest

from .factories import ServiceRequestFactory
from .test_public_pages import form_data

pytestmark = pytest.mark.django_db
SUBMIT = reverse("services:request_submit")
TRACK = reverse("services:request_track")


@pytest.mark.parametrize("typed", ["139 1234 5678", "139-1234-5678", "+86 13912345678", "１３９１２３４５６７８"])
def test_the_public_form_accepts_a_mobile_number_typed_with_spaces_dashes_prefix_or_full_width(client, typed):
    response = client.post(SUBMIT, form_data(phone=typed))
    assert response.status_code == 302, response.context["form"].errors
    assert ServiceRequest.objects.get().phone == "13912345678"


def test_the_public_form_does_not_cut_the_phone_at_eleven_characters(client):
    body = client.get(SUBMIT).content.decode()
    tag = body[body.index('id="id_phone"') - 300 : body.index('id="id_phone"') + 300]
    assert 'maxlength="11"' not in tag


def test_the_lookup_finds_a_request_whatever_way_the_phone_is_typed(client):
    req = ServiceRequestFactory(phone="13912345678")
    response = client.post(TRACK, {"code": req.code, "phone": "+86 139-1234-5678"})
    assert response.status_code == 302


def test_the_lookup_finds_a_request_with_a_full_width_phone(client):
    req = ServiceRequestFactory(phone="13912345678")
    response = client.post(TRACK, {"code": req.code, "phone": "１３９ １２３４ ５６７８"})
    assert response.status_code == 302


def test_staff_may_enter_a_landline_as_the_contact_number(staff_client):
    data = form_data(phone="0971 8123456", source="phone")
    response = staff_client.post(reverse("services:request_add"), data)
    assert response.status_code == 302
    assert ServiceRequest.objects.get().phone == "0971-8123456"


def test_the_captcha_accepts_a_full_width_answer(client):
    challenge = captcha.new_challenge(4, 5)
    response = client.post(SUBMIT, form_data(captcha_token=challenge.token, captcha_answer="９"))
    assert response.status_code == 302


def test_the_captcha_accepts_a_full_width_answer_of_two_digits():
    challenge = captcha.new_challenge(6, 7)
    assert captcha.verify(challenge.token, "１３")


def test_the_public_form_has_no_preset_category(client):
    form = client.get(SUBMIT).context["form"]
    assert not form["category"].value()
    body = client.get(SUBMIT).content.decode()
    start = body.index('name="category"')
    select = body[start : body.index("</select>", start)]
    assert '<option value="" selected>请选择</option>' in select


def test_a_request_without_a_category_is_refused_by_the_field(client):
    response = client.post(SUBMIT, form_data(category=""))
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()


def test_the_staff_form_has_no_preset_category(staff_client):
    body = staff_client.get(reverse("services:request_add")).content.decode()
    start = body.index('name="category"')
    assert '<option value="" selected>请选择</option>' in body[start : body.index("</select>", start)]


def resolved_and_looked_up(client, staff):
    req = ServiceRequestFactory(phone="13912345678")
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff)
    operations.resolve_request(req, staff, "已协调银行")
    client.post(TRACK, {"code": req.code, "phone": "13912345678"})
    return req, reverse("services:request_track_result", args=[req.code])


def test_rating_without_a_choice_shows_the_error_by_the_field_and_anchors_to_it(client, staff):
    req, url = resolved_and_looked_up(client, staff)
    response = client.post(url, {"rating": "", "comment": "还行"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="rate"' in body
    assert "这是必填项" in body or "请选择" in body
    assert "is-invalid" in body or "invalid-feedback" in body
    assert ServiceRequest.objects.get(pk=req.pk).rating == ""
    # The form posts to the anchor, so the page opens at the rating, not at the top.
    assert 'action="#rate"' in body


def test_rating_choices_are_big_tap_targets(client, staff):
    _, url = resolved_and_looked_up(client, staff)
    body = client.get(url).content.decode()
    assert body.count("rating-choice") >= len(Rating.choices)
