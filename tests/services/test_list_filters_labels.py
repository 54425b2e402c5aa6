"""Every select of a list's filters offers "全部" (all) as its empty choice, never "---------"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_inbox_filters_say_all_instead_of_dashes(staff_client):
    body = staff_client.get(reverse("services:request_list")).content.decode()
    assert "---------" not in body
    for name in ("status", "category", "district", "assignee", "source", "overdue", "light", "escalated"):
        start = body.index(f'name="{name}"')
        select = body[start : body.index("</select>", start)]
        assert '<option value="" selected>全部</option>' in select, name


def test_the_enterprise_list_filters_say_all_instead_of_dashes(staff_client):
    body = staff_client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert "---------" not in body
