"""The public directory, the public join application (guards, closed chambers) and the review of
applications by staff and the chamber's secretary (restricted rows, approve, decline, workbench)."""

import pytest
from django.urls import reverse

from chambers.choices import ApplicationStatus, ChamberType, MemberRole, Status
from chambers.models import JoinApplication, Membership
from chambers.views.applications import pending_applications
from federation import captcha
from tests.chambers.factories import ChamberFactory
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import clear_run_cache

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("chambers:public_directory")


@pytest.fixture(autouse=True)
def _clean_cache():
    clear_run_cache()
    yield
    clear_run_cache()


def form_data(**overrides):
    challenge = captcha.new_challenge(2, 3)
    data = {
        "enterprise_name": "青海申请商贸有限公司",
        "uscc": "",
        "contact_person": "马申请",
        "phone": "13897101234",
        "message": "希望入会",
        "consent": "on",
        "captcha_token": challenge.token,
        "captcha_answer": "5",
    }
    data.update(overrides)
    return data


def test_the_directory_lists_active_chambers_only_without_personal_phones(client):
    active = ChamberFactory(name="西宁市正常商会", contact_phone="13900001111", office_phone="0971-6111111")
    ChamberFactory(name="西宁市整顿商会", status=Status.RECTIFYING)
    ChamberFactory(name="西宁市注销商会", status=Status.DEREGISTERED)
    page = client.get(DIRECTORY).content.decode()
    assert active.name in page and "0971-6111111" in page
    assert "西宁市整顿商会" not in page and "西宁市注销商会" not in page
    assert "13900001111" not in page


def test_the_directory_searches_by_name_and_filters_by_type(client):
    ChamberFactory(name="西宁市光伏商会", chamber_type=ChamberType.INDUSTRY)
    ChamberFactory(name="西宁市甘肃商会", chamber_type=ChamberType.OUT_OF_TOWN)
    page = client.get(DIRECTORY, {"q": "光伏"}).content.decode()
    assert "西宁市光伏商会" in page and "西宁市甘肃商会" not in page
    page = client.get(DIRECTORY, {"chamber_type": ChamberType.OUT_OF_TOWN}).content.decode()
    assert "西宁市甘肃商会" in page and "西宁市光伏商会" not in page


def test_an_application_is_recorded_as_the_publics_and_the_success_page_says_what_happens_next(client):
    chamber = ChamberFactory()
    response = client.post(reverse("chambers:join_apply", args=[chamber.pk]), form_data(phone="138 9710 1234"))
    assert response.status_code == 302 and response.url == reverse("chambers:join_applied")
    application = JoinApplication.objects.get()
    assert (application.chamber, application.phone, application.consent) == (chamber, "13897101234", True)
    assert application.history.get().history_user is None
    page = client.get(response.url).content.decode()
    assert chamber.name in page and "10" in page


@pytest.mark.parametrize(
    "overrides",
    [{"consent": ""}, {"captcha_answer": "6"}, {"phone": "123"}, {"uscc": "91630100ABCDEFGHIJ"}],
)
def test_an_application_without_consent_right_captcha_phone_or_code_is_refused(client, overrides):
    chamber = ChamberFactory()
    data = form_data(**overrides)
    if overrides.get("consent") == "":
        data.pop("consent")
    response = client.post(reverse("chambers:join_apply", args=[chamber.pk]), data)
    assert response.status_code == 200
    assert not JoinApplication.objects.exists()


def test_submissions_are_rate_limited_per_address(client, settings):
    settings.CHAMBERS_APPLY_LIMIT = 1
    chamber = ChamberFactory()
    url = reverse("chambers:join_apply", args=[chamber.pk])
    assert client.post(url, form_data()).status_code == 302
    assert client.post(url, form_data()).status_code == 429
    assert JoinApplication.objects.count() == 1


def test_a_chamber_not_active_says_so_and_takes_no_application(client):
    chamber = ChamberFactory(status=Status.DORMANT)
    url = reverse("chambers:join_apply", args=[chamber.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="chamber-closed"' in page and 'data-testid="join-form"' not in page
    assert client.post(url, form_data()).status_code == 409
    assert not JoinApplication.objects.exists()
    assert (
        client.get(reverse("chambers:join_apply", args=[ChamberFactory(status=Status.DEREGISTERED).pk])).status_code
        == 404
    )


def apply(chamber, **kw):
    return JoinApplication.objects.create(
        chamber=chamber,
        enterprise_name=kw.pop("enterprise_name", "青海申请商贸有限公司"),
        contact_person="马申请",
        phone="13897101234",
        consent=True,
        **kw,
    )


def test_a_secretary_sees_only_their_own_chambers_applications(client, secretary):
    own, other = ChamberFactory(), ChamberFactory()
    own.secretaries.add(secretary)
    mine, theirs = apply(own, enterprise_name="本会申请企业"), apply(other, enterprise_name="他会申请企业")
    client.force_login(secretary)
    page = client.get(reverse("chambers:application_list")).content.decode()
    assert "本会申请企业" in page and "他会申请企业" not in page
    assert client.get(reverse("chambers:application_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("chambers:application_detail", args=[mine.pk])).status_code == 200


def test_the_secretary_approves_with_the_picked_record_and_role_creating_the_membership(client, secretary):
    chamber = ChamberFactory()
    chamber.secretaries.add(secretary)
    enterprise = EnterpriseFactory(name="青海申请商贸有限公司")
    application = apply(chamber, uscc=enterprise.uscc)
    client.force_login(secretary)
    detail = client.get(reverse("chambers:application_detail", args=[application.pk])).content.decode()
    assert enterprise.uscc in detail
    url = reverse("chambers:application_decide", args=[application.pk, "approve"])
    response = client.post(
        url, {"enterprise": enterprise.pk, "role": MemberRole.DIRECTOR, "version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == secretary
    assert Membership.objects.get().role == MemberRole.DIRECTOR
    # Deciding again (a stale page) is refused and changes nothing.
    client.post(url, {"enterprise": enterprise.pk, "role": MemberRole.MEMBER, "version": 0})
    assert Membership.objects.count() == 1


def test_staff_decline_with_a_reason_and_a_reason_is_required(staff_client):
    application = apply(ChamberFactory())
    url = reverse("chambers:application_decide", args=[application.pk, "decline"])
    assert staff_client.post(url, {"reason": "", "version": application.version}).status_code == 200
    staff_client.post(url, {"reason": "不属于本会行业", "version": application.version})
    application.refresh_from_db()
    assert (application.status, application.reason) == (ApplicationStatus.DECLINED, "不属于本会行业")


def test_leadership_read_applications_but_cannot_decide(leader_client):
    application = apply(ChamberFactory())
    assert leader_client.get(reverse("chambers:application_list")).status_code == 200
    url = reverse("chambers:application_decide", args=[application.pk, "decline"])
    assert leader_client.post(url, {"reason": "x", "version": 0}).status_code == 403


def test_the_workbench_shows_pending_applications_to_those_who_decide_them(secretary, staff, leader):
    own, other = ChamberFactory(), ChamberFactory()
    own.secretaries.add(secretary)
    apply(own)
    apply(other)
    apply(own, status=ApplicationStatus.DECLINED)
    assert [s.count for s in pending_applications(staff)] == [2]
    assert [s.count for s in pending_applications(secretary)] == [1]
    assert pending_applications(leader) == []


def test_leadership_see_the_applicants_phone_masked_and_deciders_see_it_whole(leader_client, staff_client):
    application = apply(ChamberFactory())
    url = reverse("chambers:application_detail", args=[application.pk])
    assert "13897101234" not in leader_client.get(url).content.decode()
    assert "13897101234" in staff_client.get(url).content.decode()
