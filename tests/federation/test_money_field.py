"""``MoneyField``: money typed in 万元, as the portal shows it, cleaned to yuan as models store it."""

from decimal import Decimal

import pytest
from django import forms

from federation.forms import MoneyField


class CapitalForm(forms.Form):
    capital = MoneyField(required=False)


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("20", Decimal("200000.00")),
        ("0.5", Decimal("5000.00")),
        ("1,250.5", Decimal("12505000.00")),
        ("２０", Decimal("200000.00")),
        (" 12000 ", Decimal("120000000.00")),
        ("", None),
    ],
)
def test_an_amount_typed_in_ten_thousand_yuan_is_cleaned_to_yuan(typed, yuan):
    form = CapitalForm({"capital": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["capital"] == yuan


@pytest.mark.parametrize("typed", ["-5", "二十", "20万元", "1" * 20])
def test_a_negative_unreadable_or_too_large_amount_is_refused(typed):
    assert not CapitalForm({"capital": typed}).is_valid()


def test_the_initial_yuan_is_shown_in_ten_thousand_yuan_beside_the_unit():
    html = str(CapitalForm(initial={"capital": Decimal("123456.78")})["capital"])
    assert 'value="12.345678"' in html
    assert "万元" in html and 'inputmode="decimal"' in html
