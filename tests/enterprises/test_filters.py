import pytest
from django.urls import reverse

from enterprises.choices import Cluster, EntityType, RegistryStatus, Scale
from enterprises.metrics import enterprise_figures, series

from .factories import EnterpriseFactory, county, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    EnterpriseFactory(
        name="湟中光伏", district=county("630106"), cluster=Cluster.PV, scale=Scale.SMALL, industry_section=section("C")
    )
    EnterpriseFactory(
        name="城东光伏",
        district=county("630102"),
        cluster=Cluster.PV,
        scale=Scale.LARGE,
        is_member=True,
        member_level="vice_president",
    )
    EnterpriseFactory(
        name="城东商店",
        district=county("630102"),
        entity_type=EntityType.INDIVIDUAL,
        scale=Scale.MICRO,
        industry_section=section("F"),
        registry_status=RegistryStatus.DEREGISTERED,
    )


def listed(client, **params):
    response = client.get(reverse("enterprises:enterprise_list"), params)
    assert response.status_code == 200
    return sorted(row.record.name for row in response.context["table"].page.object_list)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"cluster": "pv"}, ["城东光伏", "湟中光伏"]),
        ({"scale": "micro"}, ["城东商店"]),
        ({"entity_type": "individual"}, ["城东商店"]),
        ({"is_member": "true"}, ["城东光伏"]),
        ({"is_member": "false"}, ["城东商店", "湟中光伏"]),
        ({"registry_status": "deregistered"}, ["城东商店"]),
        ({"cluster": "pv", "scale": "small"}, ["湟中光伏"]),
        ({"q": "城东"}, ["城东光伏", "城东商店"]),
        ({"q": "光伏", "is_member": "true"}, ["城东光伏"]),
    ],
)
def test_the_list_filters_by_each_facet(staff_client, register, params, expected):
    assert listed(staff_client, **params) == expected


def test_the_list_filters_by_district_and_section(staff_client, register):
    assert listed(staff_client, district=county("630102").pk) == ["城东光伏", "城东商店"]
    assert listed(staff_client, industry_section=section("F").pk) == ["城东商店"]
    assert listed(staff_client, district=county("630102").pk, industry_section=section("F").pk) == ["城东商店"]


def test_the_district_filter_offers_the_seven_counties_only(staff_client):
    response = staff_client.get(reverse("enterprises:enterprise_list"))
    choices = list(response.context["filter"].form.fields["district"].queryset.values_list("name", flat=True))
    assert len(choices) == 7 and "城东区" in choices


def test_an_unknown_filter_value_shows_an_empty_list_not_an_error(staff_client, register):
    response = staff_client.get(reverse("enterprises:enterprise_list"), {"cluster": "nonsense"})
    assert response.status_code == 200


def _values(*args, **kwargs):
    # Figures are typed (federation.registry.Figure), keyed "enterprises.<name>".
    import datetime

    start, end = kwargs.pop("start", datetime.date(2000, 1, 1)), kwargs.pop("end", datetime.date(2100, 1, 1))
    return {f.key.split(".", 1)[1]: f.value for f in enterprise_figures(start, end, *args, **kwargs)}


def test_the_figures_count_the_register(register):
    import datetime

    figures = _values()
    assert figures["total"] == 3
    assert figures["active"] == 2
    assert figures["members"] == 1
    charts = {
        s.key: {f.label: f.value for f in s.figures} for s in series(datetime.date(2000, 1, 1), datetime.date.today())
    }
    assert sum(charts["enterprises.by_district"].values()) == 3
    assert sum(charts["enterprises.members_by_district"].values()) == 1
    assert charts["enterprises.by_cluster"]["光伏制造"] == 2


def test_the_admin_changelist_searches_and_filters(client, admin_user, register):
    client.force_login(admin_user)
    url = reverse("admin:enterprises_enterprise_changelist")
    assert client.get(url, {"q": "光伏"}).status_code == 200
    response = client.get(url, {"cluster__exact": "pv", "scale__exact": "small"})
    assert [e.name for e in response.context["cl"].result_list] == ["湟中光伏"]


def test_the_figures_narrow_to_one_district_and_count_new_records_in_a_period(register):
    import datetime

    from django.utils import timezone

    figures = _values(district=county("630102"))
    assert figures["total"] == 2 and figures["members"] == 1
    today = timezone.localdate()
    assert _values(start=today, end=today)["new"] == 3
    assert _values(start=today + datetime.timedelta(days=1))["new"] == 0
    assert [f.label for f in enterprise_figures(today, today)][0] == "企业档案总数"
