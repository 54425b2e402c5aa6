"""Login, lockout, sessions, passwords and the role groups (DESIGN §6, §7)."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TEST_PASSWORD
from federation import roles
from tests.kit import clear_run_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    """The per-address sign-in counter lives in the cache: each test starts with none (of this run's)."""
    clear_run_cache()
    yield
    clear_run_cache()


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_login_page_is_in_chinese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_a_right_password_signs_in_and_is_logged(client, staff):
    response = login(client, "staff", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert AccessLog.objects.filter(username="staff").count() == 1


def test_a_wrong_password_shows_a_chinese_message_and_is_logged(client, staff):
    response = login(client, "staff", "wrong-password")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert AccessFailureLog.objects.filter(username="staff").count() == 1


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, staff):
    for _ in range(4):
        assert login(client, "staff", "wrong-password").status_code == 200
    response = login(client, "staff", "wrong-password")
    assert response.status_code == 429
    assert "账号已锁定" in response.content.decode()
    response = login(client, "staff", TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="staff").failures_since_start >= 5


def test_a_lockout_does_not_lock_other_accounts_from_the_same_address(client, staff, staff2):
    for _ in range(5):
        login(client, "staff", "wrong-password")
    assert login(client, "staff2", TEST_PASSWORD).status_code == 302


def test_logout_is_recorded(client, staff):
    login(client, "staff", TEST_PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert AccessLog.objects.get(username="staff").logout_time is not None


def test_logout_by_get_is_refused_with_a_chinese_405_page(client, staff):
    client.force_login(staff)
    response = client.get(reverse("logout"))
    assert response.status_code == 405
    assert "无法以这种方式使用" in response.content.decode()


def test_sessions_expire_after_thirty_idle_minutes(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # the expiry moves with every request: idle time
    login(client, "staff", TEST_PASSWORD)
    assert 29 * 60 < client.session.get_expiry_age() <= 30 * 60


@pytest.mark.parametrize("password", ["short1!", "1234567890123", "password123", "qwertyuiop"])
def test_weak_passwords_are_refused(password, staff):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_long_mixed_password_is_accepted(staff):
    validate_password("Xining-gsl-2026", user=staff)


def test_password_change_applies_the_policy_in_chinese(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "1234567890", "new_password2": "1234567890"},
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(TEST_PASSWORD)  # unchanged


def test_the_four_role_groups_exist_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)
    leadership = Group.objects.get(name=roles.LEADERSHIP)
    codenames = set(leadership.permissions.values_list("codename", flat=True))
    assert "view_enterprise" in codenames
    assert "view_dashboard" in codenames
    assert not any(c.startswith(("add_", "change_", "delete_")) for c in codenames)
    staff = Group.objects.get(name=roles.STAFF)
    staff_codes = set(staff.permissions.values_list("codename", flat=True))
    assert {"add_enterprise", "change_enterprise", "import_enterprise"} <= staff_codes
    assert "delete_enterprise" not in staff_codes  # enterprises are closed, not deleted
    assert "view_audit" not in staff_codes


def test_role_sync_is_idempotent():
    roles.sync_role_permissions()
    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    roles.sync_role_permissions()
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before


def test_the_idle_expiry_moves_at_most_once_a_minute(client, staff):
    from django.contrib.sessions.models import Session

    login(client, "staff", TEST_PASSWORD)
    key = client.cookies["sessionid"].value
    stored = Session.objects.get(session_key=key).expire_date
    client.get(reverse("home"))
    assert Session.objects.get(session_key=key).expire_date == stored  # seconds later: not written again
    aged = stored - datetime.timedelta(minutes=5)
    Session.objects.filter(session_key=key).update(expire_date=aged)
    client.get(reverse("home"))
    assert Session.objects.get(session_key=key).expire_date > stored  # five minutes on: moved to now + 30 min
