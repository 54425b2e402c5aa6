"""Issue 9 (abuse): passwords need three of the four character classes (等保2.0) and may not be one
unit repeated; the messages are in Chinese, and the demo and test passwords pass."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError

from conftest import TEST_PASSWORD
from federation import passwords
from federation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("staff2staff2", "至少 3 类"),  # two classes, and a repeat
        ("马干事马干事马干事马", "至少 3 类"),  # Chinese characters are no class at all
        ("马干事马干事2026!", "至少 3 类"),  # digits and symbols: two classes
        ("alllowercase2026", "至少 3 类"),
        ("Staff2!Staff2!", "重复"),  # four classes, but one unit twice
        ("Ab1!Ab1!Ab1!Ab", "重复"),  # a last partial repeat counts
        ("Aaaaaaaaaaaa", "至少 3 类"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(staff, password, message):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, staff)
    assert message in " ".join(exc.value.messages)


@pytest.mark.parametrize(
    "password", [TEST_PASSWORD, DEMO_PASSWORD, "Qinghai-Xining-88", "xining#2026net", "青海Xining2026", "Xn7!kq2#Lm"]
)
def test_strong_passwords_pass(staff, password):
    validate_password(password, staff)


def test_the_classes_and_the_repeat_are_found_as_stated():
    assert passwords.character_classes("aA1!") == {"upper", "lower", "digit", "symbol"}
    assert passwords.character_classes("马干事") == set()
    assert passwords.character_classes("１２") == {"digit"}  # full-width digits are digits
    assert passwords.repeated_unit("staff2staff2") == "staff2"
    assert passwords.repeated_unit("马干事马干事马干事马") == "马干事"
    assert passwords.repeated_unit("StaffStaff") == "Staff"
    assert passwords.repeated_unit("abcab") is None  # less than two full repeats
    assert passwords.repeated_unit("Xining@2026demo") is None


def test_the_help_texts_say_the_rules_in_chinese():
    help_texts = " ".join(password_validators_help_texts())
    assert "大写字母" in help_texts and "重复" in help_texts


def test_the_password_change_form_refuses_a_repeated_password(client, staff):
    from django.urls import reverse

    client.force_login(staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "staff2staff2", "new_password2": "staff2staff2"},
    )
    assert response.status_code == 200 and "至少 3 类" in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(TEST_PASSWORD)
