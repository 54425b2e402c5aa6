"""The enterprise form: money typed in 万元 (the unit it is shown in), no negative money or counts,
and a code already on record named with a link to that record."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises.forms import EnterpriseForm
from enterprises.models import Enterprise

from .factories import EnterpriseFactory, valid_uscc
from .test_views import form_data

pytestmark = pytest.mark.django_db
ADD = reverse("enterprises:enterprise_add")


def test_a_duplicate_code_names_the_record_that_has_it_and_links_to_it(staff_client):
    existing = EnterpriseFactory(uscc=valid_uscc(777), name="青海高原光伏科技有限公司")
    response = staff_client.post(ADD, form_data(name="青海蓝天光伏科技有限公司"))
    assert response.status_code == 200
    [message] = response.context["form"].errors["uscc"]
    assert "该统一社会信用代码已登记为「青海高原光伏科技有限公司」" in message
    html = response.content.decode()
    assert f'href="{existing.get_absolute_url()}"' in html
    assert "具有 统一社会信用代码 的 企业 已存在" not in html
    assert Enterprise.objects.count() == 1


def test_editing_a_record_keeps_its_own_code_without_complaint(staff_client):
    existing = EnterpriseFactory(uscc=valid_uscc(777))
    response = staff_client.post(reverse("enterprises:enterprise_edit", args=[existing.pk]), form_data())
    assert response.status_code == 302


def test_registered_capital_is_typed_in_ten_thousand_yuan_and_stored_in_yuan(staff_client):
    response = staff_client.post(ADD, form_data(registered_capital="20", revenue_last_year="1,250.5"))
    assert response.status_code == 302
    enterprise = Enterprise.objects.get()
    assert enterprise.registered_capital == Decimal("200000.00")
    assert enterprise.revenue_last_year == Decimal("12505000.00")


def test_the_edit_form_shows_money_in_ten_thousand_yuan_with_the_unit(staff_client):
    enterprise = EnterpriseFactory(registered_capital=Decimal("200000.00"))
    html = staff_client.get(reverse("enterprises:enterprise_edit", args=[enterprise.pk])).content.decode()
    start = html.index('name="registered_capital"')
    field = html[start - 200 : start + 400]
    assert 'value="20"' in field
    assert "万元" in field


def test_an_unchanged_money_field_is_not_reported_as_changed():
    enterprise = EnterpriseFactory(registered_capital=Decimal("200000.00"))
    data = {**form_data(uscc=enterprise.uscc), "registered_capital": "20"}
    form = EnterpriseForm(data, instance=enterprise)
    assert form.is_valid(), form.errors
    assert "registered_capital" not in form.changed_data


@pytest.mark.parametrize("field", ["registered_capital", "revenue_last_year", "employees"])
def test_negative_money_and_counts_are_refused_by_the_form(staff_client, field):
    response = staff_client.post(ADD, form_data(**{field: "-5"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["不能为负数。"]
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("field", ["registered_capital", "revenue_last_year"])
def test_negative_money_is_refused_by_the_model(field):
    enterprise = EnterpriseFactory.build(uscc=valid_uscc(778), **{field: Decimal("-5")})
    with pytest.raises(ValidationError) as exc:
        enterprise.full_clean(exclude=["district", "industry_section", "industry_division"])
    assert exc.value.message_dict[field] == ["不能为负数。"]
