"""Every registered figure agrees with the list behind it: for a small data set in a period and a
district, the count a figure shows is the count its list shows (issue 7, "Registries with contracts")."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from federation import registry
from services.requests import operations
from services.requests.choices import Category, Rating
from tests.enterprises.factories import EnterpriseFactory
from tests.enterprises.factories import county as district
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(m, d, h=10):
    return datetime.datetime(2025, m, d, h, tzinfo=SH)


@pytest.fixture
def data_set(staff):
    a, b = district("630102"), district("630103")
    EnterpriseFactory(district=a, is_member=True)
    EnterpriseFactory(district=a, registry_status="deregistered")
    EnterpriseFactory(district=b)
    # In district a, March 2025:
    r1 = ServiceRequestFactory(category=Category.FINANCING, district=a, now=at(3, 3, 9))
    operations.accept_request(r1, staff, now=at(3, 3, 15))
    operations.resolve_request(r1, staff, "已解决", now=at(3, 10))
    operations.rate_request(r1, Rating.SATISFIED, now=at(3, 11))
    r2 = ServiceRequestFactory(category=Category.FINANCING, district=a, now=at(3, 3))
    operations.accept_request(r2, staff, now=at(3, 14))
    operations.resolve_request(r2, staff, "已解决", now=at(3, 31))
    operations.rate_request(r2, Rating.UNSATISFIED, "没解决", now=at(4, 1))
    r3 = ServiceRequestFactory(category=Category.POLICY, district=a, now=at(3, 5))
    operations.accept_request(r3, staff, now=at(3, 5, 11))
    r4 = ServiceRequestFactory(category=Category.LEGAL, district=a, now=at(3, 6))
    operations.reject_request(r4, staff, "不属于受理范围", now=at(3, 6, 14))
    r5 = ServiceRequestFactory(category=Category.LEGAL, district=a, now=at(3, 6))
    operations.reject_request(r5, staff, "不属于受理范围", now=at(3, 25))
    ServiceRequestFactory(category=Category.LABOUR, district=a, now=at(3, 7))  # never answered
    # Elsewhere: district b, and district a outside the period.
    r7 = ServiceRequestFactory(category=Category.LABOUR, district=b, now=at(3, 8))
    operations.accept_request(r7, staff, now=at(3, 8, 11))
    ServiceRequestFactory(category=Category.LABOUR, district=a, now=datetime.datetime(2024, 12, 30, 10, tzinfo=SH))
    return a, b


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["table"].paginator.count


@pytest.mark.parametrize("in_district", [True, False])
def test_every_count_figure_equals_the_count_of_its_list(data_set, staff_client, in_district):
    a, _b = data_set
    start, end = datetime.date(2025, 3, 1), timezone.localdate()
    figures = registry.figures_for(start, end, a if in_district else None)
    counts = [f for f in figures if f.is_count]
    assert {"requests.received", "enterprises.total"} <= {f.key for f in counts}
    for figure in counts:
        assert figure.url, figure.key
        assert _listed(staff_client, figure.url) == figure.value, figure.key
    for figure in figures:
        if figure.numerator is not None:
            assert _listed(staff_client, figure.numerator_url) == figure.numerator, figure.key
            assert _listed(staff_client, figure.denominator_url) == figure.denominator, figure.key


def test_the_data_set_counts_what_was_built(data_set):
    a, _b = data_set
    figures = {f.key: f for f in registry.figures_for(datetime.date(2025, 3, 1), timezone.localdate(), a)}
    assert figures["requests.received"].value == 6
    assert figures["requests.responded_late"].value == 3  # r2 accepted late, r5 refused late, r6 never answered
    assert figures["requests.response_rate"].value == 50.0  # r1, r3, r4 of 6
    assert figures["requests.overdue"].value == 3  # r2 reopened, r3 in progress, r6 never accepted
    assert figures["requests.on_time_rate"].value == 25.0  # r1 of (r1 resolved + 3 overdue)
    assert figures["enterprises.total"].value == 2 and figures["enterprises.total"].unit == "家"
    assert figures["requests.on_time_rate"].unit == "%"


def test_figure_keys_are_unique_and_every_figure_has_a_label_and_unit(data_set):
    figures = registry.figures_for(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    keys = [f.key for f in figures]
    assert len(keys) == len(set(keys))
    assert all(f.label and f.unit for f in figures)
