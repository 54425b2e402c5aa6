"""Factories of the services tests: requests are made through ``submit_request``, as in real use."""

import itertools

import factory
from django.contrib.auth.models import Group

from enterprises.models import Enterprise
from federation import roles
from federation.models import Division
from federation.validators import USCC_ALPHABET, uscc_check_character
from services import services
from services.choices import Category, Source

_serial = itertools.count(1)


def make_uscc(n: int) -> str:
    body = "91630100" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))
    return body + uscc_check_character(body)


def district(code="630102"):
    return Division.objects.get(code=code)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"西宁测试科技有限公司{n}")
    uscc = factory.Sequence(lambda n: make_uscc(n + 1000))
    district = factory.LazyFunction(district)


class ServiceRequestFactory(factory.Factory):
    """A submitted request (status 待受理), created by the service function."""

    class Meta:
        model = dict

    enterprise_name = factory.Sequence(lambda n: f"青海示例企业{n}")
    contact_person = "张明"
    phone = "13812345678"
    category = Category.FINANCING
    title = factory.Sequence(lambda n: f"贷款续贷困难{n}")
    description = "企业流动资金紧张，银行续贷审批慢。"
    source = Source.ONLINE
    consent = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.submit_request(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return kwargs


def add_role(user, role=roles.STAFF):
    user.groups.add(Group.objects.get(name=role))
    return user
