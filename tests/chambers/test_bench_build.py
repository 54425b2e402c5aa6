"""The chamber bench's data building (bench/chambers.py) on a small size: the big chamber has its
200 members, no period overlaps, and building again adds nothing."""

import pytest
from django.db.models import Count

from bench import chambers as bench_chambers
from chambers.models import AnnualInspection, Chamber, Membership
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_the_bench_builds_its_chambers_and_memberships_once():
    EnterpriseFactory.create_batch(210)
    assert bench_chambers.build(chambers=20, memberships=600) == (20, 600)
    assert Chamber.objects.count() == 20 and Membership.objects.count() == 600
    assert bench_chambers.big_chamber().memberships.count() == 200
    assert not Membership.objects.values("chamber", "enterprise", "role").annotate(n=Count("id")).filter(n__gt=1)
    assert AnnualInspection.objects.exists()
    assert bench_chambers.build(chambers=20, memberships=600) == (0, 0)
    assert Membership.objects.count() == 600
