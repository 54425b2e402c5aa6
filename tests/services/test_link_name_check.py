"""Linking a request to an enterprise by its code: a record whose name differs from the one the
request gives is shown beside it and linked only once staff confirm."""

import pytest
from django.urls import reverse

from services.requests.models import ServiceRequest

from .factories import EnterpriseFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db


def link(client, req, **data):
    payload = {"link-version": req.version, **{f"link-{k}": v for k, v in data.items()}}
    return client.post(reverse("services:request_action", args=[req.pk, "link"]), payload)


def test_a_code_whose_record_has_another_name_asks_for_confirmation_and_shows_both_names(staff_client):
    enterprise = EnterpriseFactory(name="青海蓝天光伏科技有限公司")
    req = ServiceRequestFactory(enterprise_name="青海高原光伏科技有限公司")
    response = link(staff_client, req, uscc=enterprise.uscc)
    assert response.status_code == 200
    body = response.content.decode()
    assert "青海蓝天光伏科技有限公司" in body and "青海高原光伏科技有限公司" in body
    assert 'name="link-confirm_name"' in body and 'type="checkbox"' in body
    assert ServiceRequest.objects.get(pk=req.pk).enterprise is None


def test_after_confirming_a_different_name_the_request_is_linked(staff_client):
    enterprise = EnterpriseFactory(name="青海蓝天光伏科技有限公司")
    req = ServiceRequestFactory(enterprise_name="青海高原光伏科技有限公司")
    response = link(staff_client, req, uscc=enterprise.uscc, confirm_name="on")
    assert response.status_code == 302
    assert ServiceRequest.objects.get(pk=req.pk).enterprise == enterprise


def test_a_code_whose_record_has_the_same_name_links_at_once(staff_client):
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    req = ServiceRequestFactory(enterprise_name=" 青海高原光伏科技有限公司 ")
    response = link(staff_client, req, uscc=enterprise.uscc.lower())
    assert response.status_code == 302
    assert ServiceRequest.objects.get(pk=req.pk).enterprise == enterprise


def test_the_confirmation_box_is_not_shown_before_it_is_needed(staff_client):
    req = ServiceRequestFactory()
    body = staff_client.get(reverse("services:request_detail", args=[req.pk])).content.decode()
    start = body.index('data-testid="form-link"')
    form = body[start : body.index("</form>", start)]
    assert 'type="checkbox"' not in form
