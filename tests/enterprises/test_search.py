"""Search on PostgreSQL (the test database): names by 1, 2 and 4+ characters, USCCs, legal representatives."""

import pytest
from django.db import connection

from enterprises.models import Enterprise
from enterprises.search import search_enterprises

from .factories import EnterpriseFactory, valid_uscc

pytestmark = pytest.mark.django_db


def names(q):
    return sorted(search_enterprises(Enterprise.objects.all(), q).values_list("name", flat=True))


@pytest.fixture
def register():
    EnterpriseFactory(name="青海天合光伏科技有限公司", uscc=valid_uscc(1), legal_representative="马文斌")
    EnterpriseFactory(name="西宁光明商贸有限公司", uscc=valid_uscc(2), legal_representative="李光伏")
    EnterpriseFactory(name="西宁昆仑信息科技有限公司", uscc=valid_uscc(3, county="630104"), legal_representative="王伟")
    EnterpriseFactory(
        name="湟中区黄河光伏发电有限公司", uscc=valid_uscc(4, county="630106"), legal_representative="张敏"
    )
    EnterpriseFactory(name="城东区老马家牛肉面馆", uscc=valid_uscc(5, "2"), legal_representative="马光")


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_a_two_character_term_finds_every_name_containing_it(register):
    assert names("光伏") == ["湟中区黄河光伏发电有限公司", "青海天合光伏科技有限公司"]
    assert names("科技") == ["西宁昆仑信息科技有限公司", "青海天合光伏科技有限公司"]


def test_a_two_character_term_at_the_end_of_a_name_is_found(register):
    assert names("面馆") == ["城东区老马家牛肉面馆"]


def test_a_one_character_term_is_found_anywhere_in_a_name(register):
    assert names("馆") == ["城东区老马家牛肉面馆"]
    assert "西宁光明商贸有限公司" in names("光")


def test_a_four_character_term_finds_the_substring_only(register):
    assert names("光伏科技") == ["青海天合光伏科技有限公司"]
    assert names("光伏发电") == ["湟中区黄河光伏发电有限公司"]


def test_a_full_uscc_finds_its_enterprise_in_any_case(register):
    assert names(valid_uscc(3, county="630104").lower()) == ["西宁昆仑信息科技有限公司"]


def test_a_uscc_prefix_finds_the_enterprises_of_that_county(register):
    assert names("91630106") == ["湟中区黄河光伏发电有限公司"]
    assert names("92") == ["城东区老马家牛肉面馆"]


def test_a_legal_representative_is_found_by_the_exact_name_only(register):
    assert names("马文斌") == ["青海天合光伏科技有限公司"]
    assert names("马文") == []


def test_a_name_term_and_a_legal_representative_both_match(register):
    # 李光伏 is a person; 光伏 in names. The exact person name matches only that enterprise.
    assert names("李光伏") == ["西宁光明商贸有限公司"]


def test_several_words_must_all_match(register):
    assert names("光伏 湟中") == ["湟中区黄河光伏发电有限公司"]


def test_wildcards_and_quotes_in_a_term_are_taken_literally(register):
    EnterpriseFactory(name="西宁100%纯净水有限公司", uscc=valid_uscc(9))
    assert names("0%") == ["西宁100%纯净水有限公司"]
    assert names("%") == ["西宁100%纯净水有限公司"]
    assert names("_") == []
    assert names("'") == []
    assert names("\\'") == []


def test_a_renamed_enterprise_is_found_by_its_new_name(register):
    enterprise = Enterprise.objects.get(name="西宁光明商贸有限公司")
    enterprise.name = "西宁光明储能科技有限公司"
    enterprise.save()
    assert names("储能") == ["西宁光明储能科技有限公司"]
    assert names("商贸") == []


def plan(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_two_character_search_can_use_the_bigram_index(register):
    sql, params = search_enterprises(Enterprise.objects.all(), "光伏").query.sql_with_params()
    assert "enterprises_name_bigrams_gin" in plan(sql, params)


def test_longer_search_can_use_the_trigram_index(register):
    sql, params = search_enterprises(Enterprise.objects.all(), "光伏科技").query.sql_with_params()
    assert "enterprises_name_trgm" in plan(sql, params)


def test_search_works_inside_a_subquery(register):
    inner = search_enterprises(Enterprise.objects.all(), "光伏").values("pk")
    assert Enterprise.objects.filter(pk__in=inner).count() == 2


def test_a_term_that_reads_as_a_code_searches_codes_only(register):
    EnterpriseFactory(name="西宁市9163号仓储有限公司", uscc=valid_uscc(8, category="2", county="630123"))
    assert names("9163") == [
        "湟中区黄河光伏发电有限公司",
        "西宁光明商贸有限公司",
        "西宁昆仑信息科技有限公司",
        "青海天合光伏科技有限公司",
    ]
    assert names("9163号") == ["西宁市9163号仓储有限公司"]  # with a Chinese character it is a name


def test_a_code_search_puts_no_condition_on_names_or_people(register):
    where = str(search_enterprises(Enterprise.objects.all(), "91630102").query).split("WHERE", 1)[1]
    assert "uscc" in where
    assert "name" not in where and "legal_representative" not in where


def test_other_databases_fall_back_to_icontains(monkeypatch):
    from types import SimpleNamespace

    import enterprises.search

    monkeypatch.setattr(enterprises.search, "connection", SimpleNamespace(vendor="sqlite"))
    condition = enterprises.search.term_condition("光伏")
    assert ("name__icontains", "光伏") in condition.children
    assert "bigrams" not in str(condition)
