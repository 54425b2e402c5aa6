"""The chamber records' pages (一会一档): list, add/edit, the chamber page and its actions, per role;
bad input refused with a message and nothing saved; query counts pinned for 5 and 50 rows."""

import datetime
import itertools

import pytest
from django.test import Client
from django.urls import reverse

from chambers import operations
from chambers.choices import MemberRole, Status
from chambers.models import AnnualInspection, Chamber, ChamberEvent, FourGoodRating, Membership
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import roles_map

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def action_url(chamber, name):
    return reverse("chambers:chamber_action", args=[chamber.pk, name])


@pytest.fixture
def own_chamber(secretary):
    chamber = ChamberFactory(name="西宁市秘书所在商会")
    chamber.secretaries.add(secretary)
    return chamber


def test_the_list_and_the_chamber_page_are_read_by_staff_leadership_and_secretaries(assert_roles, own_chamber):
    readers = roles_map({"admin", "leader", "staff", "secretary"})
    assert_roles(reverse("chambers:chamber_list"), readers)
    assert_roles(own_chamber.get_absolute_url(), readers)


def test_only_staff_and_admin_add_and_edit_chambers(assert_roles, own_chamber):
    editors = roles_map({"admin", "staff"})
    assert_roles(reverse("chambers:chamber_add"), editors)
    assert_roles(reverse("chambers:chamber_edit", args=[own_chamber.pk]), editors)


def test_a_secretary_sees_only_their_own_chamber(secretary, own_chamber):
    other = ChamberFactory(name="西宁市别的商会")
    client = client_for(secretary)
    names = [c.name for c in client.get(reverse("chambers:chamber_list")).context["table"].data]
    assert names == [own_chamber.name]
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(action_url(other, "member"), {}).status_code == 404


def test_leadership_reads_the_page_without_any_action_form(leader, own_chamber):
    response = client_for(leader).get(own_chamber.get_absolute_url())
    assert response.context["actions"] == {}
    assert client_for(leader).post(action_url(own_chamber, "event"), {}).status_code == 403


def test_a_secretary_may_add_and_end_members_but_not_change_the_status(secretary, own_chamber):
    enterprise = EnterpriseFactory(name="西宁会员科技有限公司")
    client = client_for(secretary)
    assert set(client.get(own_chamber.get_absolute_url()).context["actions"]) == {"member", "end_member"}
    response = client.post(
        action_url(own_chamber, "member"), {"member-enterprise": enterprise.uscc.lower(), "member-role": "member"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(chamber=own_chamber, enterprise=enterprise)
    client.post(
        action_url(own_chamber, "end_member"),
        {"end_member-membership": membership.pk, "end_member-ended_on": TODAY.isoformat()},
    )
    membership.refresh_from_db()
    assert membership.ended_on == TODAY
    status = {"status-action": "rectify", "status-reason": "长期未活动", "status-version": own_chamber.version}
    assert client.post(action_url(own_chamber, "status"), status).status_code == 403
    own_chamber.refresh_from_db()
    assert own_chamber.status == Status.ACTIVE


def test_the_chamber_page_shows_the_president_members_and_counts(staff):
    chamber = ChamberFactory()
    president = MembershipFactory(chamber=chamber, role=MemberRole.PRESIDENT, enterprise__name="西宁会长实业有限公司")
    MembershipFactory.create_batch(2, chamber=chamber)
    MembershipFactory(chamber=chamber, ended_on=TODAY - datetime.timedelta(days=1))  # left: not counted
    response = client_for(staff).get(chamber.get_absolute_url())
    assert response.context["member_count"] == 3
    assert [m.pk for m in response.context["presidents"]] == [president.pk]
    assert "西宁会长实业有限公司" in response.content.decode()
    listed = client_for(staff).get(reverse("chambers:chamber_list")).context["table"].data
    assert [c.member_count for c in listed if c.pk == chamber.pk] == [3]


def test_the_list_filters_by_status_and_searches_by_code_and_short_name(staff):
    wanted = ChamberFactory(short_name="光伏商会")
    dormant = ChamberFactory(status=Status.DORMANT)
    client = client_for(staff)

    def names(query):
        return [c.pk for c in client.get(reverse("chambers:chamber_list"), query).context["table"].data]

    assert names({"status": "dormant"}) == [dormant.pk]
    assert names({"q": "光伏"}) == [wanted.pk]
    assert names({"q": wanted.uscc.lower()}) == [wanted.pk]


def test_the_list_exports_the_filtered_chambers_as_xlsx(staff):
    ChamberFactory()
    response = client_for(staff).get(reverse("chambers:chamber_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_add_a_chamber_with_a_landline(staff):
    from tests.chambers.factories import social_uscc

    data = {
        "name": "西宁市新建商会",
        "uscc": social_uscc(900),
        "chamber_type": "industry",
        "office_phone": "0971 6123456",
    }
    response = client_for(staff).post(reverse("chambers:chamber_add"), data)
    assert response.status_code == 302
    chamber = Chamber.objects.get(name="西宁市新建商会")
    assert chamber.status == Status.ACTIVE
    assert chamber.office_phone == "0971-6123456"


def test_the_chamber_form_has_no_status_and_its_required_choices_start_empty(staff):
    form = client_for(staff).get(reverse("chambers:chamber_add")).context["form"]
    assert "status" not in form.fields
    assert list(form.fields["chamber_type"].choices)[0][0] == ""


def test_an_invalid_uscc_is_refused_in_chinese_and_what_was_typed_is_kept(staff):
    data = {"name": "西宁市错码商会", "uscc": "91630100MA7ABCDEFX", "chamber_type": "industry"}
    response = client_for(staff).post(reverse("chambers:chamber_add"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert not Chamber.objects.filter(name="西宁市错码商会").exists()
    page = response.content.decode()
    assert "西宁市错码商会" in page and "91630100MA7ABCDEFX" in page
    assert "校验位" in " ".join(response.context["form"].errors["uscc"])


def test_a_company_code_is_refused_for_a_chamber(staff):
    from tests.enterprises.factories import valid_uscc

    data = {"name": "西宁市企业码商会", "uscc": valid_uscc(77), "chamber_type": "industry"}
    response = client_for(staff).post(reverse("chambers:chamber_add"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "社会组织" in " ".join(response.context["form"].errors["uscc"])
    assert not Chamber.objects.exists()


def test_a_status_change_follows_only_the_allowed_paths(staff):
    chamber = ChamberFactory()
    client = client_for(staff)
    offered = client.get(chamber.get_absolute_url()).context["actions"]["status"][1]
    assert [v for v, _ in offered.fields["action"].widget.choices if v] == ["rectify", "mark_dormant"]
    data = {"status-action": "restore", "status-reason": "材料齐全", "status-version": chamber.version}
    response = client.post(action_url(chamber, "status"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    form = response.context["actions"]["status"][1]
    assert "正常" in " ".join(form.non_field_errors()) and form["reason"].value() == "材料齐全"
    chamber.refresh_from_db()
    assert chamber.status == Status.ACTIVE
    assert not ChamberEvent.objects.filter(chamber=chamber, kind="status").exists()


def test_a_status_change_needs_a_reason_and_records_who_and_why(staff):
    chamber = ChamberFactory()
    client = client_for(staff)
    data = {"status-action": "rectify", "status-reason": "", "status-version": chamber.version}
    assert client.post(action_url(chamber, "status"), data).status_code == 200
    chamber.refresh_from_db()
    assert chamber.status == Status.ACTIVE
    data["status-reason"] = "一年未开展活动"
    assert client.post(action_url(chamber, "status"), data).status_code == 302
    chamber.refresh_from_db()
    assert chamber.status == Status.RECTIFYING
    event = chamber.events.get(kind="status")
    assert (event.text, event.actor, event.to_status) == ("一年未开展活动", staff, Status.RECTIFYING)


def test_a_member_of_a_deregistered_chamber_is_refused_and_nothing_saved(staff):
    chamber = ChamberFactory(status=Status.DEREGISTERED)
    enterprise = EnterpriseFactory()
    data = {"member-enterprise": enterprise.name, "member-role": "member"}
    response = client_for(staff).post(action_url(chamber, "member"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    form = response.context["actions"]["member"][1]
    assert "注销" in " ".join(form.non_field_errors())
    assert form["enterprise"].value() == enterprise.name
    assert not Membership.objects.exists()


def test_an_overlapping_membership_in_the_same_role_is_refused(staff):
    membership = MembershipFactory(started_on=datetime.date(2024, 1, 1))
    data = {
        "member-enterprise": membership.enterprise.uscc,
        "member-role": membership.role,
        "member-started_on": "2025-01-01",
    }
    response = client_for(staff).post(action_url(membership.chamber, "member"), data)
    assert response.status_code == 200
    assert response.context["actions"]["member"][1].non_field_errors()
    assert Membership.objects.count() == 1


def test_an_unknown_enterprise_is_refused_by_the_member_form(staff):
    chamber = ChamberFactory()
    data = {"member-enterprise": "并不存在的公司", "member-role": "member"}
    response = client_for(staff).post(action_url(chamber, "member"), data)
    assert response.context["actions"]["member"][1].errors["enterprise"]
    assert not Membership.objects.exists()


def test_a_second_inspection_for_a_year_is_refused(staff):
    chamber = ChamberFactory()
    client = client_for(staff)
    data = {"inspection-year": 2025, "inspection-result": "passed", "inspection-inspected_on": "2025-06-01"}
    assert client.post(action_url(chamber, "inspection"), data).status_code == 302
    data["inspection-result"] = "failed"
    response = client.post(action_url(chamber, "inspection"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    form = response.context["actions"]["inspection"][1]
    # The refusal stands beside the year, and what was typed is kept.
    assert form.errors["year"] == ["该商会该年度已有年检记录。"] and form["result"].value() == "failed"
    assert AnnualInspection.objects.get(chamber=chamber).result == "passed"


def test_staff_record_an_activity_a_failed_contact_and_a_rating(staff):
    chamber = ChamberFactory()
    client = client_for(staff)
    for kind in ("activity", "contact_failed"):
        data = {"event-kind": kind, "event-occurred_on": "2025-05-01", "event-text": "理事会"}
        assert client.post(action_url(chamber, "event"), data).status_code == 302
    assert set(chamber.events.values_list("kind", flat=True)) == {"activity", "contact_failed"}
    rating = {
        "rating-year": 2025,
        "rating-political_score": 90,
        "rating-team_score": 85,
        "rating-service_score": 88,
        "rating-discipline_score": 92,
        "rating-level": "city",
        "rating-rated_on": "2025-10-01",
        "rating-review": "符合四好商会标准",
    }
    assert client.post(action_url(chamber, "rating"), rating).status_code == 302
    assert FourGoodRating.objects.get(chamber=chamber).valid_until == datetime.date(2027, 10, 1)
    response = client.post(action_url(chamber, "rating"), rating)
    assert response.context["actions"]["rating"][1].errors["year"]
    assert FourGoodRating.objects.count() == 1


def test_the_timeline_shows_the_chamber_events_and_the_memberships_on_the_enterprise_page(staff):
    chamber = ChamberFactory(name="西宁市时间线商会")
    operations.record_event(chamber, "activity", staff, "会员大会", on=datetime.date(2025, 3, 1))
    operations.record_inspection(chamber, 2024, "passed", datetime.date(2025, 4, 1))
    membership = MembershipFactory(chamber=chamber, started_on=datetime.date(2025, 1, 1))
    titles = [e.title for e in client_for(staff).get(chamber.get_absolute_url()).context["timeline"]]
    assert "会员大会" in titles and len(titles) == 2
    page = client_for(staff).get(membership.enterprise.get_absolute_url()).content.decode()
    assert "西宁市时间线商会" in page


def _chambers(subject, user, n):
    for chamber in ChamberFactory.create_batch(n):
        MembershipFactory(chamber=chamber)


_years = itertools.count(2000)


def _chamber_records(chamber, user, n):
    for i in range(n):
        MembershipFactory(chamber=chamber, role=MemberRole.PRESIDENT if i == 0 else MemberRole.MEMBER)
        operations.record_event(chamber, "activity", user, f"第{i}次活动")
        operations.rectify(chamber, user, "整顿") if chamber.status == Status.ACTIVE else operations.restore(
            chamber, user, "恢复"
        )
        operations.record_inspection(chamber, next(_years), "passed", TODAY)
        FourGoodRating.objects.create(
            chamber=chamber, year=next(_years), political_score=1, team_score=1, service_score=1, discipline_score=1
        )


# detail 16: the events (services.events) and the legal consultations (services.legal) on the chamber's
# timeline add one query each, the village pairings (villages) two: its pairings and their projects.
# members 10: the chamber filter offers only the chambers the person may reach (is a secretary asking?).
@pytest.mark.parametrize(("page", "queries"), [("list", 8), ("detail", 16), ("members", 10)])
def test_the_chamber_pages_run_the_same_pinned_queries_for_5_rows_as_for_50(
    page, queries, staff, django_assert_num_queries
):
    client = client_for(staff)
    chamber = ChamberFactory()
    url = {
        "list": reverse("chambers:chamber_list"),
        "members": reverse("chambers:membership_list"),
    }.get(page) or chamber.get_absolute_url()
    add = _chamber_records if page == "detail" else _chambers
    add(chamber, staff, 5)
    assert client.get(url).status_code == 200  # warms the per-process caches
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    add(chamber, staff, 45)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_members_list_is_read_by_staff_leadership_and_secretaries(assert_roles):
    assert_roles(reverse("chambers:membership_list"), roles_map({"admin", "leader", "staff", "secretary"}))


def test_a_secretary_lists_the_members_of_their_own_chamber_only(secretary, own_chamber):
    MembershipFactory(chamber=own_chamber, enterprise__name="青海本会会员有限公司")
    MembershipFactory(enterprise__name="青海他会会员有限公司")
    response = client_for(secretary).get(reverse("chambers:membership_list"))
    assert [m.enterprise.name for m in response.context["table"].data] == ["青海本会会员有限公司"]


def test_the_members_list_shows_the_memberships_in_force_on_a_date(staff):
    chamber = ChamberFactory()
    MembershipFactory(chamber=chamber, started_on=datetime.date(2024, 1, 1), enterprise__name="青海在册有限公司")
    MembershipFactory(chamber=chamber, ended_on=datetime.date(2024, 12, 31), enterprise__name="青海已退会有限公司")
    url = reverse("chambers:membership_list") + "?current_on=2025-06-30"
    names = [m.enterprise.name for m in client_for(staff).get(url).context["table"].data]
    assert names == ["青海在册有限公司"]


def test_a_membership_cannot_end_before_it_starts_and_the_page_says_why(staff):
    membership = MembershipFactory(started_on=datetime.date(2025, 3, 1))
    data = {"end_member-membership": membership.pk, "end_member-ended_on": "2025-01-01"}
    response = client_for(staff).post(
        action_url(membership.chamber, "end_member"), data, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    assert any("不能早于" in str(m) for m in response.context["messages"])
    membership.refresh_from_db()
    assert membership.ended_on is None


def test_a_secretary_cannot_end_a_membership_of_another_chamber(secretary, own_chamber):
    other = MembershipFactory()
    data = {"end_member-membership": other.pk, "end_member-ended_on": TODAY.isoformat()}
    assert client_for(secretary).post(action_url(own_chamber, "end_member"), data).status_code == 404
    other.refresh_from_db()
    assert other.ended_on is None


def test_a_partial_name_suggests_the_matching_enterprise_records(staff):
    chamber = ChamberFactory()
    EnterpriseFactory(name="青海锂电储能科技有限公司")
    data = {"member-enterprise": "锂电储能", "member-role": "member"}
    response = client_for(staff).post(action_url(chamber, "member"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    errors = " ".join(response.context["actions"]["member"][1].errors["enterprise"])
    assert "青海锂电储能科技有限公司" in errors
    assert not Membership.objects.exists()


def test_the_kept_action_forms_carry_each_chambers_version_and_the_changes_its_status_allows(staff, settings):
    """The empty action forms are rendered once per process and status (they were a third of the
    page's time): each chamber's page still posts its own version, offers only its status's changes,
    and a change of status made with the kept form goes through."""
    import re

    from federation import fragments

    settings.PAGE_FRAGMENT_TTL = 300
    fragments.forget()
    client = client_for(staff)
    first, second = ChamberFactory(), ChamberFactory()
    operations.change_status(second, "rectify", staff, "先整顿")
    operations.change_status(second, "restore", staff, "已整改")
    second.refresh_from_db()
    assert second.status == first.status and second.version != first.version
    version = re.compile(r'name="status-version" value="(\d+)"')
    for chamber in (first, second):
        page = client.get(chamber.get_absolute_url()).content.decode()
        assert version.search(page).group(1) == str(chamber.version)
        assert 'value="rectify"' in page and 'value="restore"' not in page
        assert 'name="member-role"' in page and 'name="inspection-year"' in page
    operations.change_status(first, "rectify", staff, "先整顿")
    first.refresh_from_db()
    page = client.get(first.get_absolute_url()).content.decode()
    assert 'value="restore"' in page and version.search(page).group(1) == str(first.version)
    data = {"status-action": "restore", "status-reason": "已整改", "status-version": version.search(page).group(1)}
    assert client.post(action_url(first, "status"), data).status_code == 302
    first.refresh_from_db()
    assert first.status == Status.ACTIVE
    fragments.forget()


def test_each_member_row_ends_its_own_membership(staff):
    chamber = ChamberFactory()
    kept, ended = MembershipFactory(chamber=chamber), MembershipFactory(chamber=chamber)
    page = client_for(staff).get(chamber.get_absolute_url()).content.decode()
    assert f'name="end_member-membership" value="{ended.pk}"' in page and ended.enterprise.name in page
    data = {"end_member-membership": ended.pk, "end_member-ended_on": TODAY.isoformat()}
    assert client_for(staff).post(action_url(chamber, "end_member"), data).status_code == 302
    ended.refresh_from_db()
    kept.refresh_from_db()
    assert ended.ended_on == TODAY and kept.ended_on is None
