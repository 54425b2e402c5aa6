import pytest
from django.core.exceptions import ValidationError

from enterprises.choices import EntityType
from enterprises.models import Enterprise

from .factories import EnterpriseFactory, valid_uscc

pytestmark = pytest.mark.django_db


def test_a_uscc_is_stored_upper_case_without_spaces():
    code = valid_uscc(42)
    enterprise = EnterpriseFactory(uscc=" " + code.lower()[:9] + " " + code.lower()[9:])
    enterprise.refresh_from_db()
    assert enterprise.uscc == code


def test_a_uscc_with_a_wrong_check_character_is_refused_with_the_rule_it_breaks():
    code = valid_uscc(42)
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    enterprise = EnterpriseFactory.build(uscc=wrong)
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "uscc" in error.value.message_dict


def test_an_individual_business_may_be_recorded_without_a_uscc():
    enterprise = EnterpriseFactory.build(uscc=None, entity_type=EntityType.INDIVIDUAL)
    enterprise.full_clean()
    enterprise.save()
    assert Enterprise.objects.get(pk=enterprise.pk).uscc is None


@pytest.mark.parametrize("entity_type", [EntityType.ENTERPRISE, EntityType.COOPERATIVE])
def test_enterprises_and_cooperatives_need_a_uscc(entity_type):
    enterprise = EnterpriseFactory.build(uscc="", entity_type=entity_type)
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "uscc" in error.value.message_dict


def test_two_individual_businesses_without_a_uscc_do_not_clash():
    EnterpriseFactory(uscc=None, entity_type=EntityType.INDIVIDUAL)
    EnterpriseFactory(uscc="", entity_type=EntityType.INDIVIDUAL)
    assert Enterprise.objects.filter(uscc__isnull=True).count() == 2


def test_a_member_level_needs_membership():
    enterprise = EnterpriseFactory.build(is_member=False, member_level="unit")
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "member_level" in error.value.message_dict


def test_changes_are_kept_in_the_history():
    enterprise = EnterpriseFactory(name="西宁旧名商贸有限公司")
    enterprise.name = "西宁新名商贸有限公司"
    enterprise.save()
    assert [h.name for h in enterprise.history.order_by("history_id")] == [
        "西宁旧名商贸有限公司",
        "西宁新名商贸有限公司",
    ]


def test_tags_are_split_on_chinese_and_latin_commas():
    assert EnterpriseFactory.build(tags="专精特新，高新技术企业, 龙头").tags_list == [
        "专精特新",
        "高新技术企业",
        "龙头",
    ]
