"""Issue 9 (abuse): the captcha picture gives a machine nothing to read (no text nodes; paths in
shuffled order, shaken and turned, with noise strokes of the same pens), and each token allows one
attempt: a wrong answer uses it up and the form comes back with a new picture and what was typed."""

import random
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from federation import captcha
from services.requests.models import ServiceRequest
from tests.kit import clear_run_cache
from tests.services.test_public_pages import form_data

pytestmark = pytest.mark.django_db
SUBMIT = reverse("services:request_submit")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _clean_cache():
    clear_run_cache()
    yield
    clear_run_cache()


def test_the_picture_has_no_text_and_no_digit_outside_the_path_data():
    svg = captcha.new_challenge(3, 4).svg()
    root = ET.fromstring(svg)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert tags <= {"svg", "rect", "g", "path"}  # no <text>, <tspan>, <title>, <desc>, <use>, <font>
    assert "".join(root.itertext()).strip() == ""
    # Outside the path data, nothing carries the numbers (the label reads "算式图片"; no digits).
    outside = re.sub(r' d="[^"]*"', "", svg)
    outside = re.sub(r'(xmlns|width|height|viewBox|rx|stroke-width)="[^"]*"', "", outside)
    assert not re.search(r"\d", re.sub(r"#[0-9a-f]{6}", "", outside))


def test_the_same_challenge_is_drawn_differently_each_time_and_not_from_the_token():
    challenge = captcha.new_challenge(3, 4)
    assert challenge.svg() != challenge.svg()
    # Redrawing from the token as a seed (what an attacker with the public code would try) finds nothing.
    assert captcha.draw(challenge.text, random.Random(challenge.token)) != challenge.svg()


def test_the_glyphs_are_drawn_in_shuffled_order_with_noise():
    def strokes(svg):
        return re.findall(r'<path d="([^"]*)"', svg)

    rng = random.Random(1)
    drawn = strokes(captcha.draw("1 + 2 = ?", rng))
    glyph_strokes = sum(len(captcha.GLYPHS[ch]) for ch in "1+2=?")
    assert len(drawn) > glyph_strokes  # noise strokes among them
    # The left-most starting point of the strokes, in document order, is not the reading order.
    starts = [float(d[1:].split()[0]) for d in drawn]
    assert starts != sorted(starts)


def test_every_character_of_a_challenge_has_a_glyph():
    for a in range(1, 10):
        for b in range(1, 10):
            assert set(captcha.new_challenge(a, b).text.replace(" ", "")) <= set(captcha.GLYPHS)


def test_a_wrong_answer_uses_up_the_token():
    challenge = captcha.new_challenge(3, 4)
    assert captcha.verify(challenge.token, "8") is False
    assert captcha.verify(challenge.token, "7") is False  # the one attempt is gone
    fresh = captcha.new_challenge(3, 4)
    assert captcha.verify(fresh.token, "7") is True
    assert captcha.verify(fresh.token, "7") is False


def test_guessing_every_sum_on_one_picture_fails(client):
    data = form_data()
    token = data["captcha_token"]
    for guess in range(2, 19):
        data.update(captcha_answer=str(guess), captcha_token=token)
        client.post(SUBMIT, data)
    assert not ServiceRequest.objects.exists()


def test_a_wrong_answer_shows_a_new_picture_and_keeps_what_was_typed(client):
    data = form_data(captcha_answer="6")
    response = client.post(SUBMIT, data)
    assert response.status_code == 200 and not ServiceRequest.objects.exists()
    body = response.content.decode()
    new_token = re.search(r'name="captcha_token" value="([^"]+)"', body).group(1)
    assert new_token != data["captcha_token"]
    assert "验证" in body and 'data-testid="captcha-image"' in body
    assert "青海高原光伏科技有限公司" in body and "流动资金贷款续贷困难" in body and "13812345678" in body
    answer = re.search(r'<input[^>]*name="captcha_answer"[^>]*>', body).group(0)
    assert "value" not in answer  # the answer to the old picture is not kept


def test_the_whole_public_page_is_kept_with_each_visits_csrf_token_and_picture_filled_in(settings, staff):
    """Under load the page around the form cost more than the form: the whole page is rendered once
    per process for anonymous visitors, and each visit still gets its own CSRF token and captcha,
    which work when the form is sent."""
    from unittest import mock

    from django.test import Client

    from federation import fragments
    from services.requests.views import public

    settings.PAGE_FRAGMENT_TTL = 300
    fragments.forget()
    visitor, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    with mock.patch.object(public, "render_to_string", wraps=public.render_to_string) as rendered:
        first = visitor.get(SUBMIT).content.decode()
        second = other.get(SUBMIT).content.decode()
    assert rendered.call_count == 3  # the fields and the consent box, and the page around them, once
    assert "@@page-hole" not in first + second
    for body in (first, second):
        assert 'name="enterprise_name"' in body and 'name="attachments"' in body and 'name="consent"' in body
    token = re.compile(r'name="captcha_token" value="([^"]+)"')
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first).group(1) != token.search(second).group(1)
    assert re.sub(r"<svg.*?</svg>", "", first).count("<path") == 0 and first.count("<svg") == 1
    assert first.split("<svg")[1] != second.split("<svg")[1]  # each visit its own picture

    data = form_data()  # a picture whose sum the test knows, with the CSRF token of the page
    data["csrfmiddlewaretoken"] = csrf.search(second).group(1)
    assert other.post(SUBMIT, data).status_code == 302
    assert ServiceRequest.objects.count() == 1

    # A signed-in visitor's page carries their name: never the kept one.
    other.force_login(staff)
    assert staff.first_name in other.get(SUBMIT).content.decode()
    fragments.forget()


def test_the_enterprise_lists_empty_filters_are_kept_but_chosen_filters_shown_as_chosen(staff_client, settings):
    from federation import fragments

    settings.PAGE_FRAGMENT_TTL = 300
    fragments.forget()
    url = reverse("enterprises:enterprise_list")
    first = staff_client.get(url).content.decode()
    assert 'name="district"' in first and 'name="q"' in first
    assert staff_client.get(url).content.decode().count('name="district"') == 1
    chosen = staff_client.get(url, {"q": "光伏测试词"}).content.decode()
    assert 'value="光伏测试词"' in chosen
    fragments.forget()
