"""Rate limits behind nginx, sized for one venue's Wi-Fi (issue 7, "Settings and rate limits")."""

import secrets

import pytest
from django.test import Client, RequestFactory

from federation import ratelimit
from services.requests.models import ServiceRequest
from tests.federation.test_settings import PRODUCTION_ENV, run_manage

from .test_public_pages import SUBMIT, form_data

PROXY = "10.0.0.2"  # nginx, as every connection reaches gunicorn
VENUE = "203.0.113.7"  # the lecture hall's Wi-Fi, one public address for everybody there


@pytest.mark.django_db
def test_eighty_enterprises_on_one_venue_address_submit_within_ten_minutes(settings):
    settings.RATELIMIT_TRUSTED_PROXY = True  # as in production
    for i in range(80):
        # Each phone is its own browser; nginx appends the venue's address.
        phone = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VENUE)
        response = phone.post(SUBMIT, form_data(title=f"讲座现场诉求{i}"))
        assert response.status_code == 302, i
    assert ServiceRequest.objects.count() == 80


@pytest.mark.django_db
def test_behind_the_proxy_two_visitors_are_two_addresses_not_the_proxys_one(settings):
    settings.RATELIMIT_TRUSTED_PROXY = True
    settings.SERVICES_SUBMIT_LIMIT = 1
    one = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert one.post(SUBMIT, form_data()).status_code == 302
    assert other.post(SUBMIT, form_data()).status_code == 302
    assert one.post(SUBMIT, form_data()).status_code == 429


@pytest.mark.django_db
def test_a_forged_forwarded_address_in_front_does_not_escape_the_limit(settings):
    settings.RATELIMIT_TRUSTED_PROXY = True
    settings.SERVICES_SUBMIT_LIMIT = 1
    # The client sends its own X-Forwarded-For; nginx appends the real address after it.
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {VENUE}")
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"2.2.2.2, {VENUE}")
    assert first.post(SUBMIT, form_data()).status_code == 302
    assert forged.post(SUBMIT, form_data()).status_code == 429


def test_the_proxy_headers_are_read_only_when_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {VENUE}")
    settings.RATELIMIT_TRUSTED_PROXY = False
    assert ratelimit.client_address(request) == PROXY
    settings.RATELIMIT_TRUSTED_PROXY = True
    assert ratelimit.client_address(request) == VENUE
    real_ip_only = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=VENUE)
    assert ratelimit.client_address(real_ip_only) == VENUE


def test_production_trusts_the_proxy_by_default_and_the_environment_may_say_otherwise():
    env = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(50)}
    code = "from django.conf import settings; print(settings.RATELIMIT_TRUSTED_PROXY)"
    assert run_manage("shell", "--no-imports", "-c", code, **env).stdout.strip().splitlines()[-1] == "True"
    assert (
        run_manage("shell", "--no-imports", "-c", code, RATELIMIT_TRUSTED_PROXY="false", **env)
        .stdout.strip()
        .splitlines()[-1]
        == "False"
    )
