"""seed_demo: one user per role, apps' hooks, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from federation import roles

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_user_per_role_and_prints_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    User = get_user_model()
    for role in roles.ROLE_NAMES:
        assert User.objects.filter(groups__name=role).exists(), role
        assert role in out
    assert "admin" in out


def test_seed_demo_twice_duplicates_nothing():
    from django.apps import apps

    def counts():
        return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}

    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before
