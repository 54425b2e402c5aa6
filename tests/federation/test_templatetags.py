"""The one money filter and the masking helpers."""

from decimal import Decimal

import pytest

from federation.masking import mask_name, mask_phone
from federation.templatetags.portal import money


@pytest.mark.parametrize(
    ("yuan", "shown"),
    [
        (Decimal("5000"), "5,000.00 元"),
        (Decimal("12345678"), "1,234.57 万元"),
        (Decimal("478000000"), "4.78 亿元"),
        (0, "0.00 元"),
        (None, ""),
        ("not a number", ""),
    ],
)
def test_money_shows_yuan_in_wan_or_yi(yuan, shown):
    assert money(yuan) == shown


def test_money_can_force_a_unit():
    assert money(Decimal("50000000"), "yi") == "0.50 亿元"
    assert money(Decimal("100000000"), "wan") == "10,000.00 万元"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812341234", "138****1234"), ("0971-6123456", "0971-***3456"), ("", "")],
)
def test_phones_are_masked_in_lists(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张*"), ("欧阳明", "欧*明"), ("李", "李"), ("司马相如", "司**如")]
)
def test_names_keep_family_name_and_last_character(name, masked):
    assert mask_name(name) == masked


def test_choice_label_is_the_display_of_the_choice_in_the_active_language():
    from django.utils import translation

    from enterprises.models import Enterprise
    from federation.templatetags.portal import choice_label

    enterprise = Enterprise(scale="small", registry_status="active", cluster="")
    with translation.override("zh-hans"):
        assert choice_label(enterprise, "scale") == enterprise.get_scale_display()
        assert choice_label(enterprise, "registry_status") == enterprise.get_registry_status_display()
        assert choice_label(enterprise, "cluster") == ""
    with translation.override("en"):
        assert choice_label(enterprise, "scale") == enterprise.get_scale_display()
