import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from federation.registry import TimelineEntry
from tests.kit import roles_map

from .factories import EnterpriseFactory, county, section, valid_uscc

pytestmark = pytest.mark.django_db

PAGE_ROLES = {
    # page: roles answering 200 (the others 403, an anonymous visitor to the login page)
    "list": {"admin", "staff", "leader", "secretary"},
    "detail": {"admin", "staff", "leader", "secretary"},
    "add": {"admin", "staff"},
    "edit": {"admin", "staff"},
}


def page_urls(enterprise):
    return {
        "list": reverse("enterprises:enterprise_list"),
        "detail": reverse("enterprises:enterprise_detail", args=[enterprise.pk]),
        "add": reverse("enterprises:enterprise_add"),
        "edit": reverse("enterprises:enterprise_edit", args=[enterprise.pk]),
    }


@pytest.mark.parametrize("page", PAGE_ROLES)
def test_every_role_gets_what_it_may_read_add_and_edit(assert_roles, page):
    assert_roles(page_urls(EnterpriseFactory())[page], roles_map(PAGE_ROLES[page]))


def test_leadership_cannot_post_a_change(leader_client):
    enterprise = EnterpriseFactory(name="原名有限公司")
    response = leader_client.post(page_urls(enterprise)["edit"], {"name": "改名"})
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "原名有限公司"


def form_data(**overrides):
    data = {
        "name": "青海新添光伏科技有限公司",
        "uscc": valid_uscc(777).lower(),
        "entity_type": "enterprise",
        "ownership": "private",
        "legal_representative": "韩梅",
        "registered_capital": "12000000",
        "founded_on": "2019-05-20",
        "registry_status": "active",
        "district": county("630106").pk,
        "address": "湟中区甘河工业园",
        "industry_section": section("C").pk,
        "cluster": "pv",
        "scale": "small",
        "employees": "45",
        "contact_person": "韩梅",
        "contact_phone": "13909711234",
        "tags": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_staff_can_add_an_enterprise_and_the_history_names_them(staff_client, staff):
    response = staff_client.post(reverse("enterprises:enterprise_add"), form_data())
    enterprise = Enterprise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == enterprise.get_absolute_url()
    assert enterprise.uscc == valid_uscc(777)
    assert enterprise.history.get().history_user == staff


def test_a_bad_uscc_is_explained_next_to_the_field_and_nothing_is_saved(staff_client):
    bad = valid_uscc(777)[:17] + ("0" if valid_uscc(777)[17] != "0" else "1")
    response = staff_client.post(reverse("enterprises:enterprise_add"), form_data(uscc=bad))
    assert response.status_code == 200
    assert "uscc" in response.context["form"].errors
    html = response.content.decode()
    assert "校验" in html or "统一社会信用代码" in html
    assert "青海新添光伏科技有限公司" in html  # typed values kept
    assert not Enterprise.objects.exists()


def test_an_enterprise_without_uscc_is_refused_in_chinese(staff_client):
    response = staff_client.post(reverse("enterprises:enterprise_add"), form_data(uscc=""))
    assert "uscc" in response.context["form"].errors
    assert "个体工商户" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_a_uscc_already_recorded_is_refused(staff_client):
    EnterpriseFactory(uscc=valid_uscc(777))
    response = staff_client.post(reverse("enterprises:enterprise_add"), form_data())
    assert "uscc" in response.context["form"].errors
    assert Enterprise.objects.count() == 1


def test_staff_can_edit_an_enterprise(staff_client):
    enterprise = EnterpriseFactory()
    response = staff_client.post(page_urls(enterprise)["edit"], form_data(name="青海改名光伏科技有限公司"))
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.name == "青海改名光伏科技有限公司"


def test_the_list_masks_personal_data_even_for_staff(staff_client):
    EnterpriseFactory(legal_representative="欧阳明华", contact_phone="13812345678")
    html = staff_client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert "欧**华" in html and "138****5678" in html
    assert "欧阳明华" not in html and "13812345678" not in html


def test_the_detail_page_shows_personal_data_to_staff(staff_client):
    enterprise = EnterpriseFactory(legal_representative="欧阳明华", contact_phone="13812345678")
    html = staff_client.get(page_urls(enterprise)["detail"]).content.decode()
    assert "欧阳明华" in html and "13812345678" in html


def test_the_detail_page_masks_personal_data_for_a_chamber_secretary(client, secretary):
    enterprise = EnterpriseFactory(legal_representative="欧阳明华", contact_phone="13812345678")
    client.force_login(secretary)
    html = client.get(page_urls(enterprise)["detail"]).content.decode()
    assert "欧**华" in html and "138****5678" in html
    assert "13812345678" not in html


def test_the_detail_page_shows_money_in_wan_yuan(staff_client):
    enterprise = EnterpriseFactory(registered_capital=12_000_000)
    html = staff_client.get(page_urls(enterprise)["detail"]).content.decode()
    assert "1,200.00 万元" in html


def test_the_list_shows_the_number_of_matches(staff_client):
    EnterpriseFactory.create_batch(3)
    html = staff_client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert "共 3 家企业" in html


def test_the_list_searches_with_q(staff_client):
    EnterpriseFactory(name="青海天合光伏科技有限公司")
    EnterpriseFactory(name="西宁昆仑商贸有限公司")
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"q": "光伏"})
    rows = list(response.context["table"].page.object_list)
    assert [r.record.name for r in rows] == ["青海天合光伏科技有限公司"]


def test_the_list_sorts_by_registered_capital(staff_client):
    EnterpriseFactory(name="小资本", registered_capital=100)
    EnterpriseFactory(name="大资本", registered_capital=900)
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"sort": "-registered_capital"})
    assert [r.record.name for r in response.context["table"].page.object_list] == ["大资本", "小资本"]


def list_queries(client, django_assert_num_queries, expected, **params):
    with django_assert_num_queries(expected):
        response = client.get(reverse("enterprises:enterprise_list"), {"q": "商贸", "per_page": 50, **params})
    assert response.status_code == 200
    return response


def test_the_list_runs_the_same_queries_for_5_rows_as_for_50(staff_client, django_assert_num_queries):
    # session, user, the user's own and group permissions, ONE count, districts and sections for
    # the filter form, one page of rows (districts joined); the session is not written again within a
    # minute of its last save (federation.sessions).
    EnterpriseFactory.create_batch(5)
    response = list_queries(staff_client, django_assert_num_queries, 8)
    assert len(response.context["table"].page.object_list) == 5
    EnterpriseFactory.create_batch(45)
    response = list_queries(staff_client, django_assert_num_queries, 8)
    assert len(response.context["table"].page.object_list) == 50


def test_the_list_counts_once(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    EnterpriseFactory.create_batch(30)
    with CaptureQueriesContext(connection) as ctx:
        staff_client.get(reverse("enterprises:enterprise_list"), {"page": 2, "q": "商贸"})
    assert sum("COUNT(" in q["sql"].upper() for q in ctx.captured_queries) == 1


def test_the_enterprise_page_shows_what_other_apps_register(staff_client, timeline_provider):
    enterprise = EnterpriseFactory()

    @timeline_provider
    def visits(e):
        return [TimelineEntry(when=e.created_at, kind="走访", title=f"走访 {e.name}", url="/visit/1/")]

    html = staff_client.get(page_urls(enterprise)["detail"]).content.decode()
    assert f"走访 {enterprise.name}" in html
    assert 'href="/visit/1/"' in html


def test_the_enterprise_page_says_when_nothing_is_recorded(staff_client):
    enterprise = EnterpriseFactory(founded_on=None, is_member=False)
    response = staff_client.get(page_urls(enterprise)["detail"])
    assert response.context["timeline"] == []
    assert 'data-testid="timeline-empty"' in response.content.decode()


def test_the_enterprise_page_lists_founding_and_membership(staff_client):
    import datetime

    enterprise = EnterpriseFactory(
        founded_on=datetime.date(2010, 3, 1),
        is_member=True,
        member_level="standing",
        member_since=datetime.date(2020, 1, 1),
    )
    timeline = staff_client.get(page_urls(enterprise)["detail"]).context["timeline"]
    assert [e.when for e in timeline] == [datetime.date(2020, 1, 1), datetime.date(2010, 3, 1)]


def test_the_enterprise_page_shows_the_latest_changes_and_who_made_them(staff_client, staff):
    staff_client.post(reverse("enterprises:enterprise_add"), form_data())
    enterprise = Enterprise.objects.get()
    staff_client.post(page_urls(enterprise)["edit"], form_data(name="青海改名光伏科技有限公司", employees="50"))
    response = staff_client.get(page_urls(enterprise)["detail"])
    changes = response.context["changes"]
    assert len(changes) == 2
    assert changes[0]["record"].history_user == staff
    assert set(changes[0]["fields"]) == {"名称", "员工人数"}


def test_the_enterprise_page_stays_at_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    # session, user, permissions (2), the enterprise with its district and industries, its history
    # (with users) — plus at most one query per timeline provider of other apps (the session is not
    # written again within a minute of its last save).
    from federation import registry

    enterprise = EnterpriseFactory()
    with django_assert_max_num_queries(6 + len(registry.timeline) - 1):
        staff_client.get(page_urls(enterprise)["detail"])


def test_the_navigation_offers_the_register_to_readers_only(client, staff, outsider):
    client.force_login(staff)
    assert reverse("enterprises:enterprise_list") in client.get(reverse("home")).content.decode()
    client.force_login(outsider)
    assert reverse("enterprises:enterprise_list") not in client.get(reverse("home")).content.decode()


def test_the_unfiltered_list_takes_its_count_from_the_exact_running_total(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    EnterpriseFactory.create_batch(4)
    Enterprise.objects.filter(pk=Enterprise.objects.first().pk).delete()
    with CaptureQueriesContext(connection) as ctx:
        response = staff_client.get(reverse("enterprises:enterprise_list"), {"page": 1})
    assert response.context["table"].paginator.count == 3 == Enterprise.objects.count()
    assert not any("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)


@pytest.mark.parametrize("params", [{"is_member": "false"}, {"cluster": "nonsense"}, {"q": "不存在的企业"}])
def test_a_filtered_list_counts_its_own_rows(staff_client, params):
    EnterpriseFactory.create_batch(2, is_member=True)
    response = staff_client.get(reverse("enterprises:enterprise_list"), params)
    assert response.context["table"].paginator.count == 0


def test_a_visitor_cannot_ask_for_huge_pages(staff_client):
    EnterpriseFactory.create_batch(3)
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"per_page": 100000})
    assert response.context["table"].paginator.per_page == 100


def test_the_form_shows_every_field_once(staff_client):
    from enterprises.forms import EnterpriseForm

    names = [name for _title, fields in EnterpriseForm.FIELDSETS for name, _width in fields]
    assert sorted(names) == sorted(EnterpriseForm.Meta.fields)
    html = staff_client.get(reverse("enterprises:enterprise_add")).content.decode()
    for name in names:
        assert html.count(f'name="{name}"') == 1, name


def test_the_page_of_a_bulk_loaded_enterprise_without_history_shows(staff_client):
    Enterprise.objects.bulk_create([EnterpriseFactory.build(name="批量导入的企业有限公司")])
    enterprise = Enterprise.objects.get(name="批量导入的企业有限公司")
    response = staff_client.get(page_urls(enterprise)["detail"])
    assert response.status_code == 200
    assert response.context["changes"] == []
    assert "暂无修改记录" in response.content.decode()


def test_leadership_reads_the_page_with_personal_data_masked(leader_client, leader):
    # Leadership needs the picture, not the phone numbers: personal data stays masked (DESIGN §7).
    assert not leader.has_perm("federation.view_personal_data")
    enterprise = EnterpriseFactory(legal_representative="欧阳明华", contact_phone="13812345678")
    html = leader_client.get(page_urls(enterprise)["detail"]).content.decode()
    assert "13812345678" not in html
    assert "138****5678" in html
    assert "编辑" not in html  # and no edit button


@pytest.mark.parametrize("params", [{"page": "999"}, {"page": "abc"}, {"sort": "password"}, {"per_page": "-5"}])
def test_odd_list_parameters_still_show_a_page(staff_client, params):
    EnterpriseFactory.create_batch(3)
    response = staff_client.get(reverse("enterprises:enterprise_list"), params)
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 3


def test_a_broad_search_counts_up_to_a_limit_and_says_so(staff_client, monkeypatch):
    from enterprises import counts

    monkeypatch.setattr(counts, "SEARCH_COUNT_LIMIT", 3)
    EnterpriseFactory.create_batch(5, name="西宁光伏商贸有限公司")
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"q": "光伏"})
    assert response.context["table"].paginator.count == 4
    assert "超过 3 家企业" in response.content.decode()
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"q": "光伏", "per_page": 2, "page": 2})
    assert len(response.context["table"].page.object_list) == 2  # pages up to the limit stay reachable


def test_filters_alone_are_counted_exactly(staff_client, monkeypatch):
    from enterprises import counts

    monkeypatch.setattr(counts, "SEARCH_COUNT_LIMIT", 3)
    EnterpriseFactory.create_batch(5, cluster="pv")
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"cluster": "pv"})
    assert response.context["table"].paginator.count == 5
    assert "共 5 家企业" in response.content.decode()
