"""The shared test kit itself: the role helper fails when it should, the roles survive a flush."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from federation import roles
from tests.kit import roles_map


@pytest.mark.django_db
def test_assert_roles_names_every_role_that_answers_otherwise(assert_roles):
    wrong = roles_map({"admin", "staff", "leader", "secretary", "outsider"})  # audit log: admin only
    with pytest.raises(AssertionError, match=r"leader: 403 \(expected 200\).*outsider: 403"):
        assert_roles(reverse("federation:audit_log"), wrong)


@pytest.mark.django_db
def test_assert_roles_refuses_an_expectation_that_forgets_a_role(assert_roles):
    with pytest.raises(AssertionError, match="missing"):
        assert_roles(reverse("home"), {"admin": 200, "staff": 200})


@pytest.mark.django_db
def test_assert_roles_checks_that_anonymous_visitors_go_to_the_login_page(assert_roles):
    assert_roles(reverse("home"), roles_map({"admin", "leader", "staff", "secretary", "outsider"}))
    with pytest.raises(AssertionError, match=r"anonymous: 302 \(expected 200\)"):
        assert_roles(reverse("home"), {**roles_map(set()), "anonymous": 200})


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_role_groups_and_permissions_back():
    # What a transactional test's teardown does: flush, then post_migrate resyncs the roles.
    call_command("flush", interactive=False, verbosity=0)
    staff = Group.objects.get(name=roles.STAFF)
    assert staff.permissions.filter(content_type__app_label="enterprises", codename="change_enterprise").exists()
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLE_NAMES)


def test_clearing_the_cache_between_tests_leaves_other_test_runs_keys_alone():
    from django.core.cache import cache

    from tests.kit import clear_run_cache

    client = cache._cache.get_client(write=True)
    client.set("test-another-run:1:ratelimit:services-submit:10.0.0.1", 3)
    cache.set("ratelimit:services-submit:10.0.0.1", 2)
    try:
        clear_run_cache()
        assert cache.get("ratelimit:services-submit:10.0.0.1") is None
        assert client.get("test-another-run:1:ratelimit:services-submit:10.0.0.1") == b"3"
    finally:
        client.delete("test-another-run:1:ratelimit:services-submit:10.0.0.1")
