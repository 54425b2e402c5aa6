"""Issue 9 (abuse): sign-in is throttled by client address as well as by account, and the address
throttle answers before any password is hashed (a spray over many usernames, a flood of wrong
passwords). Behind the proxy the address is the client's, not nginx's."""

from unittest import mock

import pytest
from django.contrib.auth import hashers
from django.test import Client
from django.urls import reverse

from conftest import TEST_PASSWORD
from tests.kit import clear_run_cache

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def _clean_cache(settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    clear_run_cache()
    yield
    clear_run_cache()


def attempt(client, username, password="wrong-password", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


@pytest.fixture
def hashing():
    """Counts password hashes (what a flood of sign-ins costs the workers): the test settings'
    hasher encodes once per make_password and per check_password."""
    hasher = hashers.get_hasher()
    with mock.patch.object(type(hasher), "encode", autospec=True, side_effect=type(hasher).encode) as encode:
        yield lambda: encode.call_count


def test_a_spray_over_many_usernames_from_one_address_is_stopped_before_any_hashing(client, staff, hashing):
    for n in range(10):  # one wrong password each: no account reaches its own limit
        assert attempt(client, f"user{n}").status_code == 200
    assert hashing() >= 10  # each unknown username still costs a hash (Django's timing guard)
    before = hashing()
    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        for n in range(10, 25):
            response = attempt(client, f"user{n}")
            assert response.status_code == 429
        authenticate.assert_not_called()
    assert hashing() == before
    body = response.content.decode()
    assert "登录尝试过多" in body and "分钟" in body and "之后再试" in body
    # The right password from the same address waits too, and is not hashed either.
    assert attempt(client, "staff", TEST_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session and hashing() == before


def test_the_admin_sign_in_is_held_as_well(client, admin_user, hashing):
    for n in range(10):
        attempt(client, f"user{n}")
    before = hashing()
    response = client.post(
        reverse("admin:login"), {"username": admin_user.username, "password": TEST_PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session  # refused by the backend
    assert hashing() == before


def test_another_address_still_signs_in(client, staff):
    for n in range(10):
        attempt(client, f"user{n}", REMOTE_ADDR="10.1.1.1")
    assert attempt(client, "user99", REMOTE_ADDR="10.1.1.1").status_code == 429
    assert attempt(Client(), "staff", TEST_PASSWORD, REMOTE_ADDR="10.1.1.2").status_code == 302


def test_successful_sign_ins_do_not_count(staff):
    for _ in range(15):
        client = Client()
        assert attempt(client, "staff", TEST_PASSWORD).status_code == 302


def test_behind_the_proxy_the_clients_address_is_throttled_not_the_proxys(settings, staff):
    settings.RATELIMIT_TRUSTED_PROXY = True
    nginx = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(10):
        attempt(Client(), f"user{n}", HTTP_X_FORWARDED_FOR="203.0.113.7", **nginx)
    assert attempt(Client(), "user99", HTTP_X_FORWARDED_FOR="203.0.113.7", **nginx).status_code == 429
    # Another client through the same proxy (and one forging a first address) is not held.
    other = attempt(Client(), "staff", TEST_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.2", **nginx)
    assert other.status_code == 302


def test_one_accounts_lockout_says_until_when_and_spares_the_others(client, staff, staff2, hashing):
    for _ in range(5):
        attempt(client, "staff")
    before = hashing()
    response = attempt(client, "staff", TEST_PASSWORD)
    assert response.status_code == 429 and hashing() == before  # axes refuses before hashing
    body = response.content.decode()
    assert "账号已锁定" in body and "30 分钟" in body and "之后再试" in body
    assert attempt(Client(), "staff2", TEST_PASSWORD).status_code == 302


def test_the_address_failures_are_recorded_with_the_clients_address(settings, staff):
    from axes.models import AccessFailureLog

    settings.RATELIMIT_TRUSTED_PROXY = True
    attempt(Client(), "staff", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert AccessFailureLog.objects.get(username="staff").ip_address == "203.0.113.9"


def test_an_outsider_cannot_lock_a_leader_out_of_the_office(leader):
    """The lockout keys on the account and the address together: five wrong passwords for the
    leader's name from the internet lock that name for that address only."""
    outsider = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(5):
        attempt(outsider, "leader")
    assert attempt(outsider, "leader", TEST_PASSWORD).status_code == 429  # locked where the failures came from
    office = Client(REMOTE_ADDR="10.20.0.8")
    assert attempt(office, "leader", TEST_PASSWORD).status_code == 302  # the office signs in as usual


def test_the_leaders_own_typos_lock_only_the_leader_at_that_address(leader, staff):
    office = Client(REMOTE_ADDR="10.20.0.8")
    for _ in range(5):
        attempt(office, "leader")
    assert attempt(office, "leader", TEST_PASSWORD).status_code == 429
    assert attempt(Client(REMOTE_ADDR="10.20.0.8"), "staff", TEST_PASSWORD).status_code == 302  # colleagues
