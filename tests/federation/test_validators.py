"""USCC (GB 32100-2015) and phone validation, with property tests for the checksum."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from federation.validators import (
    USCC_ALPHABET,
    normalize_uscc,
    uscc_check_character,
    validate_contact_phone,
    validate_mobile,
    validate_uscc,
)

# Published codes: the example in GB 32100-2015 and codes printed on well-known companies' licences.
REAL_CODES = ["91350100M000100Y43", "91110108551385082Q", "91440300708461136T", "914403001922038216"]

first17 = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


def make_code(body: str) -> str:
    return body + uscc_check_character(body)


@pytest.mark.parametrize("code", REAL_CODES)
def test_published_codes_are_accepted(code):
    validate_uscc(code)


def test_a_code_built_by_the_algorithm_is_accepted():
    validate_uscc(make_code("91630100MA752XXR3"))


def test_lower_case_is_normalised_and_accepted():
    code = make_code("91630100MA752XXR3")
    validate_uscc(code.lower())
    assert normalize_uscc(f" {code.lower()} ") == code


def test_a_code_typed_full_width_or_with_spaces_inside_is_normalised():
    code = make_code("91630100MA752XXR3")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)  # a phone's Chinese keyboard: "９１６３…"
    assert normalize_uscc(f"{full_width[:6]}\u3000{full_width[6:]}") == code
    assert normalize_uscc(f"{code[:9]} {code[9:]}\t") == code


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("91630100MA752XXR3", "uscc_length"),
        ("91630100MA752XXR3MM", "uscc_length"),
        ("91630100MA752XXI3M", "uscc_charset"),
        ("91630100MA752XXO3M", "uscc_charset"),
        ("9163010OMA752XXR3M", "uscc_charset"),
    ],
)
def test_each_broken_rule_is_named(value, rule):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(value)
    assert exc.value.code == rule


def test_a_wrong_check_character_says_which_it_should_be():
    code = make_code("91630100MA752XXR3")
    wrong = "0" if code[-1] != "0" else "1"
    with pytest.raises(ValidationError) as exc:
        validate_uscc(code[:17] + wrong)
    assert exc.value.code == "uscc_checksum"
    assert code[-1] in exc.value.messages[0]


def test_the_message_is_chinese_under_the_default_language():
    with pytest.raises(ValidationError) as exc:
        validate_uscc("123")
    assert "统一社会信用代码" in exc.value.messages[0]


@given(first17)
def test_every_code_built_by_the_algorithm_passes(body):
    validate_uscc(make_code(body))


@given(first17, st.integers(min_value=0, max_value=17), st.sampled_from(USCC_ALPHABET))
def test_every_single_character_change_fails(body, position, replacement):
    code = make_code(body)
    if code[position] == replacement:
        return  # not a change
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(ValidationError):
        validate_uscc(changed)


@pytest.mark.parametrize("value", ["13812345678", "19912345678"])
def test_mobile_numbers_are_accepted(value):
    validate_mobile(value)


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "138123456789", "0971-1234567", "abc"])
def test_bad_mobile_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


@pytest.mark.parametrize("value", ["13812345678", "0971-1234567", "09716123456", "010-12345678"])
def test_contact_phone_accepts_mobiles_and_landlines(value):
    validate_contact_phone(value)


@pytest.mark.parametrize("value", ["0971", "1234567", "电话", "0971-12"])
def test_contact_phone_refuses_the_rest(value):
    with pytest.raises(ValidationError):
        validate_contact_phone(value)


def test_the_uscc_field_normalises_what_is_typed_and_keeps_empty_optional():
    from django.core.exceptions import ValidationError as FormError

    from federation.forms import USCCField

    code = make_code("91630100MA752XXR3")
    field = USCCField(required=False)
    assert field.clean(" " + "".join(chr(ord(c) + 0xFEE0) for c in code.lower()) + " ") == code
    assert field.clean("") == ""
    with pytest.raises(FormError):
        field.clean(code[:-1] + ("0" if code[-1] != "0" else "1"))  # a wrong check character
