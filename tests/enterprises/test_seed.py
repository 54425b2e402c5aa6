import io

import pytest
from django.core.management import call_command

from enterprises.choices import EntityType
from enterprises.demo import generate, make_uscc, org_code, seed_enterprises
from enterprises.models import Enterprise
from federation.validators import validate_uscc

pytestmark = pytest.mark.django_db


def test_seeding_creates_valid_enterprises_with_xining_codes():
    assert seed_enterprises(enterprises=200) == 200
    for enterprise in Enterprise.objects.select_related("district"):
        validate_uscc(enterprise.uscc)
        assert enterprise.uscc[2:8] == enterprise.district.code
        assert enterprise.uscc[1] == {"enterprise": "1", "individual": "2", "cooperative": "3"}[enterprise.entity_type]
        enterprise.full_clean()


def test_seeding_twice_creates_nothing_new():
    seed_enterprises(enterprises=150)
    ids = set(Enterprise.objects.values_list("uscc", flat=True))
    assert seed_enterprises(enterprises=150) == 0
    assert set(Enterprise.objects.values_list("uscc", flat=True)) == ids


def test_seeding_more_adds_only_the_missing_ones():
    seed_enterprises(enterprises=100)
    assert seed_enterprises(enterprises=160) == 60
    assert Enterprise.objects.count() == 160


def test_the_seed_spreads_over_districts_types_and_clusters():
    seed_enterprises(enterprises=400)
    assert Enterprise.objects.values("district").distinct().count() == 7
    assert set(Enterprise.objects.values_list("entity_type", flat=True)) == set(EntityType.values)
    assert Enterprise.objects.exclude(cluster__in=["", "other"]).values("cluster").distinct().count() == 4
    assert Enterprise.objects.filter(name__contains="光伏").exists()
    assert Enterprise.objects.filter(is_member=True).exclude(member_level="").exists()


def test_seed_demo_takes_the_number_of_enterprises():
    out = io.StringIO()
    call_command("seed_demo", "--enterprises", "30", stdout=out)
    assert Enterprise.objects.count() == 30
    assert "30 created" in out.getvalue()


def test_the_generator_is_deterministic():
    from enterprises.demo import _Reference

    ref = _Reference()
    first = [(e.name, e.uscc) for e in generate(50, ref)]
    again = [(e.name, e.uscc) for e in generate(50, ref)]
    assert first == again


def test_organisation_codes_carry_the_gb_11714_check_character():
    # A published example of GB 11714: D2143569 → check character X
    assert org_code("D2143569") == "D2143569X"
    validate_uscc(make_uscc("1", "630102", 1, recent=True))
