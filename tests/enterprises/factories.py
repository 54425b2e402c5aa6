"""Factories of the enterprises app's tests."""

import factory

from enterprises.choices import EntityType, RegistryStatus
from enterprises.models import Enterprise
from federation.models import Division, Industry
from federation.validators import uscc_check_character


def valid_uscc(n: int, category: str = "1", county: str = "630102") -> str:
    first17 = f"9{category}{county}{n:09d}"
    return first17 + uscc_check_character(first17)


def county(code="630102"):
    return Division.objects.get(code=code)


def section(code="C"):
    return Industry.objects.get(code=code)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"青海测试{n}号商贸有限公司")
    uscc = factory.Sequence(lambda n: valid_uscc(n + 1))
    entity_type = EntityType.ENTERPRISE
    registry_status = RegistryStatus.ACTIVE
    legal_representative = "张三丰"
    contact_person = "李四"
    contact_phone = "13812345678"
    registered_capital = 5_000_000
    district = factory.LazyFunction(county)
    industry_section = factory.LazyFunction(section)
