"""Factories of the chambers tests (the one module for chamber models)."""

import factory

from chambers.choices import ChamberType, MemberRole
from chambers.models import Chamber, KeyArea, Membership
from federation.validators import USCC_ALPHABET, uscc_check_character
from tests.enterprises.factories import EnterpriseFactory, county


def social_uscc(n: int) -> str:
    """A valid code of a social organisation (category 5)."""
    body = "51630100" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))
    return body + uscc_check_character(body)


class ChamberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chamber

    name = factory.Sequence(lambda n: f"西宁市测试{n}商会")
    uscc = factory.Sequence(lambda n: social_uscc(n + 1))
    chamber_type = ChamberType.INDUSTRY
    district = factory.LazyFunction(county)
    address = "西宁市城东区八一路1号"
    office_phone = "0971-6123456"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    chamber = factory.SubFactory(ChamberFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    role = MemberRole.MEMBER


class KeyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyArea

    kind = "business_district"
    name = factory.Sequence(lambda n: f"测试商圈{n}")
