"""Visits (走访): the quick form and its bad input, the enterprise picker, permissions for every
role, the visit → request step, follow-ups on the workbench, the enterprise timeline, the figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from federation import registry
from services.models import ServiceRequest, Visit
from services.requests import operations as request_ops
from services.requests.choices import Category, Source, Status
from services.visits import metrics
from services.visits.choices import VisitMode
from tests.enterprises.factories import EnterpriseFactory, county
from tests.kit import roles_map
from tests.services.files import JPG, PDF, upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def make_visit(staff, enterprises, *, date=None, campaign=None, problems="", follow_up_on=None, form=VisitMode.ONSITE):
    """A visit as the form saves it: enterprises and staff linked."""
    visit = Visit.objects.create(
        date=date or TODAY(),
        form=form,
        campaign=campaign,
        problems=problems,
        follow_up_on=follow_up_on,
        created_by=staff[0] if staff else None,
    )
    visit.enterprises.set(enterprises)
    visit.staff.set(staff)
    return visit


def visit_data(enterprises=(), **overrides):
    data = {
        "enterprises": [e.pk for e in enterprises],
        "date": TODAY().isoformat(),
        "form": VisitMode.ONSITE,
        "summary": "了解企业用工情况。",
        "problems": "流动资金贷款续贷困难\n希望协调银行。",
        "place": "",
        "campaign": "",
        "follow_up_on": "",
    }
    data.update(overrides)
    return data


# --- permissions ----------------------------------------------------------------------------------


def test_every_role_gets_what_it_may_of_the_visit_pages(assert_roles, staff):
    visit = make_visit([staff], [EnterpriseFactory()], problems="问题")
    readers = roles_map({"admin", "leader", "staff"})
    writers = roles_map({"admin", "staff"})
    assert_roles(reverse("services:visit_list"), readers)
    assert_roles(visit.get_absolute_url(), readers)
    assert_roles(reverse("services:visited_enterprise_list"), readers)
    assert_roles(reverse("services:visit_add"), writers)
    assert_roles(reverse("services:visit_edit", args=[visit.pk]), writers)
    assert_roles(reverse("services:visit_raise", args=[visit.pk]), writers)
    # The picker answers whoever may read the register (as the enterprise list does).
    assert_roles(
        reverse("enterprises:enterprise_pick") + "?q=青海", roles_map({"admin", "leader", "staff", "secretary"})
    )
    follow_up = roles_map({"admin", "staff"}, yes=302)
    assert_roles(reverse("services:visit_follow_up", args=[visit.pk]), follow_up, method="post")


def test_leadership_read_a_visit_with_the_contacts_masked(leader_client, staff):
    e = EnterpriseFactory(contact_person="张明", contact_phone="13912345678")
    visit = make_visit([staff], [e], problems="续贷困难")
    body = leader_client.get(visit.get_absolute_url()).content.decode()
    assert e.name in body
    assert "13912345678" not in body and "139****5678" in body
    assert f'data-testid="raise-{e.pk}"' not in body  # leadership do not raise requests


# --- the form ---------------------------------------------------------------------------------------


def test_staff_log_a_visit_with_a_photo_and_are_its_staff_by_default(staff_client, staff):
    e1, e2 = EnterpriseFactory(), EnterpriseFactory()
    data = visit_data([e1, e2], photos=[upload("现场.jpg", JPG)])
    response = staff_client.post(reverse("services:visit_add"), data)
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    assert set(visit.enterprises.all()) == {e1, e2}
    assert list(visit.staff.all()) == [staff]
    assert visit.created_by == staff
    photo = visit.photos.get()
    assert photo.kind == "jpg" and photo.original_name == "现场.jpg"
    assert staff_client.get(photo.get_absolute_url()).status_code == 200


def test_the_form_dates_the_visit_today(staff_client):
    body = staff_client.get(reverse("services:visit_add")).content.decode()
    assert f'value="{TODAY():%Y-%m-%d}"' in body


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"enterprises": []}, "请至少选择一家走访企业"),
        ({"date": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()}, "走访日期不能晚于今天"),
        ({"date": "2026-01-10", "follow_up_on": "2026-01-09"}, "跟进日期不能早于走访日期"),
        ({"photos": [upload("材料.pdf", PDF)]}, "不是照片"),
        ({"photos": [upload("伪装.jpg", PDF)]}, "伪装.jpg"),
    ],
)
def test_bad_input_is_refused_in_chinese_with_nothing_saved_and_what_was_typed_kept(staff_client, overrides, message):
    e = EnterpriseFactory(name="青海高原光伏科技有限公司")
    data = visit_data(overrides.pop("enterprises", [e]), **overrides)
    response = staff_client.post(reverse("services:visit_add"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body, body[:2000]
    assert "没有保存" in body or "未保存" in body
    assert not Visit.objects.exists()
    assert "流动资金贷款续贷困难" in body  # what was typed
    if data["enterprises"]:
        assert f'value="{e.pk}" checked' in body  # the chosen enterprise is still chosen


def test_a_name_typed_without_javascript_is_resolved_on_submit(staff_client):
    e = EnterpriseFactory(name="西宁锂能储能材料有限公司")
    EnterpriseFactory(name="青海另一家公司")
    response = staff_client.post(reverse("services:visit_add"), visit_data(enterprises_lookup="锂能储能"))
    assert response.status_code == 302
    assert list(Visit.objects.get().enterprises.all()) == [e]


def test_an_ambiguous_typed_name_is_refused_and_kept(staff_client):
    EnterpriseFactory(name="西宁光伏一厂有限公司")
    EnterpriseFactory(name="西宁光伏二厂有限公司")
    response = staff_client.post(reverse("services:visit_add"), visit_data(enterprises_lookup="光伏"))
    body = response.content.decode()
    assert response.status_code == 200 and not Visit.objects.exists()
    assert "多家企业" in body and 'value="光伏"' in body


def test_editing_a_visit_keeps_its_enterprises_and_changes_what_was_changed(staff_client, staff):
    e = EnterpriseFactory()
    visit = make_visit([staff], [e])
    body = staff_client.get(reverse("services:visit_edit", args=[visit.pk])).content.decode()
    assert f'value="{e.pk}" checked' in body
    data = visit_data([e], place="企业会议室", staff=[staff.pk])
    assert staff_client.post(reverse("services:visit_edit", args=[visit.pk]), data).status_code == 302
    visit.refresh_from_db()
    assert visit.place == "企业会议室" and list(visit.enterprises.all()) == [e]


# --- the picker -------------------------------------------------------------------------------------


def test_the_picker_finds_enterprises_from_two_characters_at_most_ten(staff_client):
    for i in range(12):
        EnterpriseFactory(name=f"光伏{i:02d}科技有限公司")
    EnterpriseFactory(name="青海商贸有限公司")
    url = reverse("enterprises:enterprise_pick")
    body = staff_client.get(url, {"enterprises_lookup": "光伏"}).content.decode()
    assert body.count("data-pick=") == 10
    assert "青海商贸" not in body
    assert "请至少输入" in staff_client.get(url, {"q": "光"}).content.decode()
    assert "没有找到" in staff_client.get(url, {"q": "不存在的"}).content.decode()


# --- visit → request ---------------------------------------------------------------------------------


def test_a_problem_becomes_a_prefilled_request_of_the_visit_in_one_step(staff_client, staff):
    district = county("630104")
    e = EnterpriseFactory(
        name="青海合金新材料股份有限公司", district=district, contact_person="韩雪", contact_phone="13912345678"
    )
    visit = make_visit([staff], [e], problems="厂房扩建规划许可办理慢\n希望协调加快。")
    url = reverse("services:visit_raise", args=[visit.pk])
    form = staff_client.get(url, {"enterprise": e.pk}).context["form"]
    assert form.initial["enterprise_name"] == e.name
    assert form.initial["uscc"] == e.uscc
    assert form.initial["contact_person"] == "韩雪" and form.initial["phone"] == "13912345678"
    assert form.initial["district"] == district.pk
    assert form.initial["title"] == "厂房扩建规划许可办理慢"
    assert "希望协调加快" in form.initial["description"]
    assert visit.requests.count() == 0  # before
    data = {**form.initial, "district": district.pk, "category": Category.LAND, "enterprise_choice": e.pk}
    response = staff_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    req = visit.requests.get()  # after
    assert req.source == Source.VISIT and req.enterprise == e and req.status == Status.SUBMITTED
    assert req.created_by == staff
    page = staff_client.get(visit.get_absolute_url()).content.decode()
    assert req.code in page and "待受理" in page and "light-" in page
    # The problem pool is the inbox: the "from a visit" filter lists it.
    inbox = staff_client.get(reverse("services:request_list"), {"from_visit": "true"})
    assert [r.pk for r in inbox.context["table"].data] == [req.pk]
    # The request's page leads back to the visit.
    assert visit.get_absolute_url() in staff_client.get(req.get_absolute_url()).content.decode()
    # Its status follows the request.
    request_ops.accept_request(req, staff)
    assert "已受理" in staff_client.get(visit.get_absolute_url()).content.decode()


def test_a_request_refused_for_bad_input_is_not_saved_and_keeps_the_text(staff_client, staff):
    e = EnterpriseFactory()
    visit = make_visit([staff], [e], problems="招工难")
    url = reverse("services:visit_raise", args=[visit.pk])
    response = staff_client.post(url, {"enterprise_name": e.name, "title": "招工难", "description": "急需焊工"})
    assert response.status_code == 200 and not ServiceRequest.objects.exists()
    body = response.content.decode()
    assert "急需焊工" in body and "请修改" in body


# --- workbench, timeline ---------------------------------------------------------------------------


def _workbench_titles(user):
    return {str(s.title): s for s in registry.workbench_for(user)}


def test_a_due_follow_up_waits_on_the_workbench_of_those_who_went_until_done(client, staff, staff2):
    e = EnterpriseFactory(name="西宁昆仑商贸有限公司")
    due = make_visit([staff], [e], date=TODAY() - datetime.timedelta(days=10), follow_up_on=TODAY())
    make_visit([staff], [e], follow_up_on=TODAY() + datetime.timedelta(days=3))  # not yet due
    section = _workbench_titles(staff)["待跟进的走访"]
    assert section.count == 1 and section.items[0].url == due.get_absolute_url()
    client.force_login(staff)
    listed = client.get(section.url)
    assert [v.pk for v in listed.context["table"].data] == [due.pk]
    assert "待跟进的走访" not in _workbench_titles(staff2)
    assert "西宁昆仑商贸有限公司" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("services:visit_follow_up", args=[due.pk]))
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.followed_up_on == TODAY()
    assert "待跟进的走访" not in _workbench_titles(staff)


def test_visits_are_on_each_visited_enterprises_timeline_for_those_who_may_see_them(staff, staff_client, outsider):
    e1, e2 = EnterpriseFactory(), EnterpriseFactory()
    visit = make_visit([staff], [e1, e2], problems="问题")
    visit.summary = "宣讲减税降费政策"
    visit.save()
    for e in (e1, e2):
        entries = [t for t in registry.timeline_for(e, user=staff) if t.url == visit.get_absolute_url()]
        assert len(entries) == 1 and entries[0].title == "宣讲减税降费政策"
    assert not [t for t in registry.timeline_for(e1, user=outsider) if t.url == visit.get_absolute_url()]
    assert visit.get_absolute_url() in staff_client.get(e1.get_absolute_url()).content.decode()


# --- figures and the ledger ---------------------------------------------------------------------------


def test_the_visit_figures_count_what_their_lists_show(staff, staff_client):
    a, b = county("630102"), county("630103")
    ea, eb = EnterpriseFactory(district=a), EnterpriseFactory(district=b)
    start = TODAY() - datetime.timedelta(days=30)
    v1 = make_visit([staff], [ea, eb], date=TODAY() - datetime.timedelta(days=2), problems="x")
    make_visit([staff], [ea], date=TODAY() - datetime.timedelta(days=1))
    make_visit([staff], [eb], date=start - datetime.timedelta(days=1))  # before the period
    for i, (e, solve) in enumerate([(ea, True), (eb, False)]):
        req = request_ops.submit_request(
            enterprise_name=e.name,
            contact_person="张明",
            phone="13812345678",
            category=Category.OTHER,
            title=f"问题{i}",
            description="d",
            enterprise=e,
            source=Source.VISIT,
            actor=staff,
        )
        ServiceRequest.objects.filter(pk=req.pk).update(visit=v1)
        if solve:
            request_ops.accept_request(req, staff)
            request_ops.resolve_request(req, staff, "已解决")
    for district, expected in ((None, (2, 2, 2, 1)), (a, (2, 1, 1, 1))):
        figures = {f.key: f for f in metrics.figures(start, TODAY(), district)}
        values = tuple(
            figures[k].value
            for k in ("visits.visits", "visits.enterprises", "visits.problems_raised", "visits.problems_solved")
        )
        assert values == expected, district
        for f in figures.values():
            assert staff_client.get(f.url).context["table"].paginator.count == f.value, f.key


def test_the_visit_ledger_exports_the_filtered_list(staff_client, staff):
    make_visit([staff], [EnterpriseFactory()], form=VisitMode.PHONE)
    response = staff_client.get(reverse("services:visit_list"), {"form": VisitMode.PHONE, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert any(ledger.key == "services.visits" for ledger in registry.ledgers)


def test_the_list_filters_by_district_staff_and_enterprise_search(staff_client, staff, staff2):
    a = county("630102")
    e = EnterpriseFactory(name="湟中特色化工有限责任公司", district=a)
    v1 = make_visit([staff], [e, EnterpriseFactory(district=a)])
    v2 = make_visit([staff2], [EnterpriseFactory(name="大通富民农业开发有限公司", district=county("630121"))])
    url = reverse("services:visit_list")

    def listed(**q):
        return [v.pk for v in staff_client.get(url, q).context["table"].data]

    assert listed(district=a.pk) == [v1.pk]  # one row though two of its enterprises are in the district
    assert listed(staff=staff2.pk) == [v2.pk]
    assert listed(q="特色化工") == [v1.pk]


def test_a_full_credit_code_typed_without_javascript_names_its_enterprise(staff_client):
    e = EnterpriseFactory()
    response = staff_client.post(reverse("services:visit_add"), visit_data(enterprises_lookup=e.uscc.lower()))
    assert response.status_code == 302
    assert list(Visit.objects.get().enterprises.all()) == [e]
