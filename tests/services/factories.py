"""Factories of the services tests: requests are made through ``submit_request``, as in real use."""

import factory

from services.requests import operations
from services.requests.choices import Category, Source
from tests.enterprises.factories import EnterpriseFactory, county

__all__ = ["EnterpriseFactory", "ServiceRequestFactory", "county"]


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
        return operations.submit_request(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return kwargs
