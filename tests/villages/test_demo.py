"""The demo programme: pairings of every form in six townships, projects with reports, this year's
target of 20 new pairings; valid records; seeding again creates nothing."""

import datetime

import pytest
from django.utils import timezone

from enterprises.demo import seed_enterprises
from villages.choices import Measure, PairingForm
from villages.demo import seed_demo_villages
from villages.models import AnnualTarget, Pairing, PairingProject, ProgressReport, Village

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [datetime.date(2026, 12, 1), datetime.date(2027, 1, 5)])
def test_the_demo_programme_is_plausible_and_seeded_once(staff, monkeypatch, today):
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    seed_enterprises(enterprises=40)
    seed_demo_villages()
    assert Village.objects.count() == 12 and Village.objects.filter(is_key=True).count() == 6
    assert set(Pairing.objects.values_list("form", flat=True)) == set(PairingForm.values)
    assert Pairing.objects.count() >= 12 and PairingProject.objects.exists() and ProgressReport.objects.exists()
    assert AnnualTarget.objects.get(year=today.year, measure=Measure.NEW_PAIRINGS).target == 20
    for model in (Village, Pairing, PairingProject, ProgressReport):
        for row in model.objects.all():
            row.full_clean()
    assert not Pairing.objects.filter(started_on__gt=today).exists()
    before = Pairing.objects.count()
    seed_demo_villages()
    assert Pairing.objects.count() == before
