"""Accessibility in the markup (信息无障碍, WCAG 2.1 AA): what a screen reader is given. The browser
tests run axe-core on every page as well (tests/e2e/conftest.py)."""

import re

import pytest
from django.urls import reverse

from federation import captcha

pytestmark = pytest.mark.django_db


def test_the_captcha_picture_has_a_text_alternative_that_does_not_give_the_sum():
    svg = captcha.new_challenge(3, 4).svg()
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert "算式图片" in label
    assert not re.search(r"\d", label)
    assert 'aria-describedby="captcha-alternative"' in svg


def test_the_public_form_offers_the_hotline_to_those_who_cannot_see_the_picture(client, settings):
    settings.SERVICE_HOTLINE = "0971-12345678"
    body = client.get(reverse("services:request_submit")).content.decode()
    assert 'id="captcha-alternative"' in body and "0971-12345678" in body and "代为登记" in body
    answer = re.search(r'<input[^>]*id="id_captcha_answer"[^>]*>', body).group(0)
    assert 'aria-describedby="captcha-alternative"' in answer


def test_the_account_menu_button_has_a_name_on_a_phone_too(staff_client):
    body = staff_client.get(reverse("home")).content.decode()
    button = re.search(r'<button[^>]*data-testid="user-menu"[^>]*>(.*?)</button>', body, re.S).group(1)
    # The user's name is hidden below 576 px (d-none d-sm-inline): a hidden text names the button there.
    assert '<span class="visually-hidden">个人账户</span>' in button
