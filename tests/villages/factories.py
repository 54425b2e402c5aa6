"""Factories of the villages tests."""

import datetime

import factory

from federation.models import Division
from tests.enterprises.factories import EnterpriseFactory
from villages.choices import PairingForm, ProjectType
from villages.models import Pairing, PairingProject, ProgressReport, Village


def township(code="630106102"):
    """A township of the reference divisions (default 鲁沙尔镇, 湟中区)."""
    return Division.objects.get(code=code)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    township = factory.LazyFunction(township)
    name = factory.Sequence(lambda n: f"测试{n}村")
    households = 200


class PairingFactory(factory.django.DjangoModelFactory):
    """A pairing; ``enterprises``, ``chambers`` and ``villages`` are lists set after creation (one new
    enterprise and one new village by default)."""

    class Meta:
        model = Pairing
        skip_postgeneration_save = True

    form = PairingForm.ONE_TO_ONE
    batch = "2025年度"
    start_year = 2025
    agreement_date = datetime.date(2025, 3, 1)

    @factory.post_generation
    def enterprises(self, create, extracted, **kwargs):
        self.enterprises.set(extracted if extracted is not None else [EnterpriseFactory()])

    @factory.post_generation
    def chambers(self, create, extracted, **kwargs):
        if extracted:
            self.chambers.set(extracted)

    @factory.post_generation
    def villages(self, create, extracted, **kwargs):
        self.villages.set(extracted if extracted is not None else [VillageFactory()])


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PairingProject

    pairing = factory.SubFactory(PairingFactory)
    village = factory.LazyAttribute(lambda o: o.pairing.villages.first())
    project_type = ProjectType.INDUSTRY
    name = factory.Sequence(lambda n: f"测试产业项目{n}")
    start_date = datetime.date(2025, 4, 1)
    actual_investment = 0
    income_increase = 0


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    project = factory.SubFactory(ProjectFactory)
    year = 2025
    quarter = 2
    cumulative_investment = 100000
    cumulative_jobs = 5
    cumulative_income = 20000
    narrative = "按计划推进"
    filed_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 3 * o.quarter, 28))
