"""The demo chambers: every type and status, members from the demo enterprises, the key areas, a
few applications; seeding again creates nothing."""

import pytest
from django.apps import apps

from chambers.choices import ChamberType, KeyAreaKind, Status
from chambers.demo import seed_demo_chambers
from chambers.models import Chamber, JoinApplication, KeyArea, Membership
from enterprises.demo import seed_enterprises

pytestmark = pytest.mark.django_db


def counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label == "chambers"}


def test_the_demo_has_every_type_and_status_members_key_areas_and_applications(secretary):
    seed_enterprises(enterprises=120)
    seed_demo_chambers()
    assert 28 <= Chamber.objects.count() <= 35
    assert set(Chamber.objects.values_list("chamber_type", flat=True)) == set(ChamberType.values)
    assert set(Chamber.objects.values_list("status", flat=True)) == set(Status.values)
    assert Membership.objects.count() > 200
    kinds = list(KeyArea.objects.values_list("kind", flat=True))
    assert sorted(kinds.count(k) for k in KeyAreaKind.values) == [1, 1, 2, 4]
    assert JoinApplication.objects.filter(status="submitted").exists()
    assert secretary.secretary_of.exists()
    for chamber in Chamber.objects.all():
        chamber.full_clean()


def test_seeding_the_demo_chambers_twice_creates_nothing_new():
    seed_enterprises(enterprises=60)
    seed_demo_chambers()
    before = counts()
    seed_demo_chambers()
    assert counts() == before
