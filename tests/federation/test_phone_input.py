"""What people type into a phone field: one normalisation (``normalize_phone``) and one form
field (``PhoneField``) shared by every form."""

import pytest
from django import forms

from federation.forms import PhoneField
from federation.validators import normalize_phone


@pytest.mark.parametrize(
    "typed",
    [
        "13912345678",
        "139 1234 5678",
        "139-1234-5678",
        "139.1234.5678",
        "(139) 1234 5678",
        "+86 13912345678",
        "+86-139-1234-5678",
        "0086 139 1234 5678",
        "8613912345678",
        "１３９１２３４５６７８",
        "＋８６ １３９ １２３４ ５６７８",
        "139　1234　5678",  # ideographic spaces
        " 13912345678 ",
    ],
)
def test_a_mobile_number_typed_any_usual_way_is_read_as_its_eleven_digits(typed):
    assert normalize_phone(typed) == "13912345678"


@pytest.mark.parametrize(
    "typed",
    ["0971-1234567", "09711234567", "0971 1234567", "(0971) 123 4567", "（0971）1234567", "+86 971 1234567"],
)
def test_a_landline_is_read_as_area_code_dash_number(typed):
    assert normalize_phone(typed) == "0971-1234567"


def test_a_three_digit_area_code_is_split_after_three_digits():
    assert normalize_phone("010 12345678") == "010-12345678"


class MobileForm(forms.Form):
    phone = PhoneField()


class ContactForm(forms.Form):
    phone = PhoneField(landline=True)


def test_the_phone_field_accepts_a_spaced_and_prefixed_mobile_and_cleans_it():
    form = MobileForm({"phone": "+86 139 1234 5678"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "13912345678"


def test_the_phone_field_does_not_cut_what_people_type_in_the_browser():
    html = str(MobileForm()["phone"])
    assert 'maxlength="11"' not in html
    assert 'inputmode="tel"' in html
    assert len("0086 (139) 1234-5678") <= int(html.split('maxlength="')[1].split('"')[0])


def test_a_mobile_form_refuses_a_landline_and_a_contact_form_accepts_it():
    assert not MobileForm({"phone": "0971-1234567"}).is_valid()
    form = ContactForm({"phone": "0971 1234567"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0971-1234567"


def test_a_short_number_is_still_refused_with_the_mobile_message():
    form = MobileForm({"phone": "１３９１２３４５６７"})
    assert not form.is_valid()
    assert "13–19" in form.errors["phone"][0]


@pytest.mark.django_db
def test_selects_of_the_enterprise_and_calendar_forms_start_with_please_choose_not_dashes(staff_client, admin_client_):
    from django.urls import reverse

    body = staff_client.get(reverse("enterprises:enterprise_add")).content.decode()
    assert "---------" not in body and "请选择" in body
    body = admin_client_.get(reverse("federation:calendarday_add")).content.decode()
    assert "---------" not in body
