"""The legal service network (法治护航民企发展): station transitions from every status, permissions for
every role, bad input, the request → consultation step, follow-ups on the workbench, the timelines
of the enterprise and the host chamber, the chamber's activity, the public page, the figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chambers import activity
from federation import registry
from federation.transitions import TransitionNotAllowed
from services.legal import operations
from services.legal.choices import Channel, ConsultationKind, HostKind, StationStatus, Topic, guess_topic
from services.models import Lawyer, LegalConsultation, LegalStation
from services.requests.choices import Category
from tests.chambers.factories import ChamberFactory
from tests.enterprises.factories import EnterpriseFactory, county
from tests.kit import roles_map
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def make_lawyer(name="王建国", specialties=(Topic.CONTRACT, Topic.DEBT), phone="13909711234"):
    return Lawyer.objects.create(name=name, law_firm="青海树人律师事务所", specialties=list(specialties), phone=phone)


def make_station(name="城东区商会法律服务工作站", *, chamber=None, district=None, lawyers=(), status=None, **kw):
    station = LegalStation.objects.create(
        name=name,
        host_kind=HostKind.CHAMBER if chamber else HostKind.PARK,
        host_chamber=chamber,
        host_name="" if chamber else "西宁经济技术开发区",
        district=district or county(),
        address="西宁市城东区八一路1号",
        opening_hours="工作日 9:00–17:00",
        office_phone="0971-6123456",
        **kw,
    )
    station.lawyers.set(lawyers)
    if status:
        LegalStation.objects.filter(pk=station.pk).update(status=status)
        station.refresh_from_db()
    return station


def make_consultation(user=None, *, enterprise=None, station=None, date=None, **kw):
    values = {
        "enterprise": enterprise,
        "enterprise_name": enterprise.name if enterprise else "某商贸有限公司",
        "station": station,
        "date": date or TODAY(),
        "channel": Channel.STATION,
        "topic": Topic.CONTRACT,
        "question": "对方拖欠货款如何处理？",
        "created_by": user,
    }
    values.update(kw)
    return LegalConsultation.objects.create(**values)


def consultation_data(**overrides):
    data = {
        "enterprise_pick": [],
        "enterprise_pick_lookup": "",
        "enterprise_name": "西宁某商贸有限公司",
        "date": TODAY().isoformat(),
        "kind": ConsultationKind.CONSULTATION,
        "channel": Channel.PHONE,
        "topic": Topic.LABOUR,
        "station": "",
        "lawyer": "",
        "question": "试用期员工如何解除合同？",
        "findings": "",
        "advice": "依法书面通知。",
        "outcome": "",
        "follow_up_on": "",
    }
    data.update(overrides)
    return data


# --- transitions ----------------------------------------------------------------------------------

EXPECTED = {
    "suspend": {StationStatus.ACTIVE: StationStatus.SUSPENDED},
    "resume": {StationStatus.SUSPENDED: StationStatus.ACTIVE},
    "close": {StationStatus.ACTIVE: StationStatus.CLOSED, StationStatus.SUSPENDED: StationStatus.CLOSED},
    "reopen": {StationStatus.CLOSED: StationStatus.ACTIVE},
}


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("status", list(StationStatus))
def test_every_station_action_from_every_status(action, status, staff):
    station = make_station(status=status)
    target = EXPECTED[action].get(status)
    if target is None:
        with pytest.raises(TransitionNotAllowed) as refused:
            operations.change_station_status(station, action, staff)
        assert "不能" in str(refused.value) or "cannot" not in str(refused.value)
        station.refresh_from_db()
        assert station.status == status
    else:
        operations.change_station_status(station, action, staff)
        station.refresh_from_db()
        assert station.status == target
        assert station.history.first().history_user == staff


def test_the_status_buttons_change_the_station_and_a_wrong_one_is_refused_in_chinese(staff_client):
    station = make_station()
    url = reverse("services:legalstation_status", args=[station.pk, "suspend"])
    assert staff_client.post(url).status_code == 302
    station.refresh_from_db()
    assert station.status == StationStatus.SUSPENDED
    response = staff_client.post(url, follow=True)
    assert "不能" in response.content.decode()
    station.refresh_from_db()
    assert station.status == StationStatus.SUSPENDED
    assert staff_client.post(reverse("services:legalstation_status", args=[station.pk, "explode"])).status_code == 404


# --- permissions ----------------------------------------------------------------------------------


def test_every_role_gets_what_it_may_of_the_legal_pages(assert_roles, staff):
    station = make_station(lawyers=[make_lawyer()])
    lawyer = station.lawyers.get()
    consultation = make_consultation(staff, station=station, follow_up_on=TODAY())
    readers = roles_map({"admin", "leader", "staff"})
    writers = roles_map({"admin", "staff"})
    for url in [
        reverse("services:legalstation_list"),
        station.get_absolute_url(),
        reverse("services:lawyer_list"),
        reverse("services:legalconsultation_list"),
        consultation.get_absolute_url(),
        reverse("services:legal_served_enterprises"),
    ]:
        assert_roles(url, readers)
    for url in [
        reverse("services:legalstation_add"),
        reverse("services:legalstation_edit", args=[station.pk]),
        reverse("services:lawyer_add"),
        reverse("services:lawyer_edit", args=[lawyer.pk]),
        reverse("services:legalconsultation_add"),
        reverse("services:legalconsultation_edit", args=[consultation.pk]),
    ]:
        assert_roles(url, writers)
    posts = roles_map({"admin", "staff"}, yes=302)
    assert_roles(reverse("services:legalconsultation_follow_up", args=[consultation.pk]), posts, method="post")
    assert_roles(reverse("services:legalstation_status", args=[station.pk, "suspend"]), posts, method="post")
    everyone = roles_map({"admin", "leader", "staff", "secretary", "outsider"}, anonymous=200)
    assert_roles(reverse("services:legal_public"), everyone)


def test_leadership_read_lawyers_with_their_phones_masked(leader_client, staff_client):
    make_station(lawyers=[make_lawyer(phone="13909711234")])
    assert "139****1234" in leader_client.get(reverse("services:lawyer_list")).content.decode()
    assert "13909711234" not in leader_client.get(reverse("services:lawyer_list")).content.decode()
    station = LegalStation.objects.get()
    assert "13909711234" not in leader_client.get(station.get_absolute_url()).content.decode()
    assert "13909711234" in staff_client.get(reverse("services:lawyer_list")).content.decode()


# --- forms and bad input --------------------------------------------------------------------------


def test_staff_record_a_consultation_for_an_enterprise_on_record(staff_client, staff):
    e = EnterpriseFactory()
    response = staff_client.post(
        reverse("services:legalconsultation_add"), consultation_data(enterprise_pick=[e.pk], enterprise_name="")
    )
    assert response.status_code == 302
    c = LegalConsultation.objects.get()
    assert (c.enterprise, c.enterprise_name, c.created_by, c.request) == (e, e.name, staff, None)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"enterprise_name": ""}, "enterprise_name", "企业"),
        ({"question": ""}, "question", "必填"),
        ({"kind": ConsultationKind.CHECKUP, "findings": ""}, "findings", "法治体检"),
        ({"date": (TODAY() + datetime.timedelta(days=1)).isoformat()}, "date", "晚于今天"),
        ({"follow_up_on": (TODAY() - datetime.timedelta(days=1)).isoformat()}, "follow_up_on", "早于"),
        ({"topic": "crime"}, "topic", "选择"),
    ],
)
def test_bad_consultations_are_refused_in_chinese_and_nothing_is_saved(staff_client, overrides, field, message):
    data = consultation_data(**overrides)
    response = staff_client.post(reverse("services:legalconsultation_add"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert LegalConsultation.objects.count() == 0
    assert "试用期员工如何解除合同" in response.content.decode() or field == "question"


def test_a_station_of_a_park_needs_its_name_and_a_bad_phone_is_refused(staff_client):
    data = {
        "name": "开发区法律服务工作站",
        "host_kind": HostKind.PARK,
        "host_chamber": "",
        "host_enterprise_pick": [],
        "host_enterprise_pick_lookup": "",
        "host_name": "",
        "district": county().pk,
        "address": "经济技术开发区金硅路1号",
        "opening_hours": "",
        "office_phone": "12",
        "lawyers": [],
        "founded_on": "",
    }
    response = staff_client.post(reverse("services:legalstation_add"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"host_name", "office_phone"}
    assert "园区" in " ".join(response.context["form"].errors["host_name"])
    assert "开发区法律服务工作站" in response.content.decode()
    assert not LegalStation.objects.exists()
    data.update(host_name="西宁经济技术开发区", office_phone="0971 6123456")
    assert staff_client.post(reverse("services:legalstation_add"), data).status_code == 302
    station = LegalStation.objects.get()
    assert (station.status, station.office_phone) == (StationStatus.ACTIVE, "0971-6123456")


def test_an_enterprise_hosted_station_picks_its_host_from_the_register(staff_client):
    e = EnterpriseFactory()
    data = {
        "name": "企业法律服务工作站",
        "host_kind": HostKind.ENTERPRISE,
        "host_chamber": "",
        "host_enterprise_pick": [],
        "host_enterprise_pick_lookup": "",
        "host_name": "",
        "district": county().pk,
        "address": "八一路1号",
        "lawyers": [],
    }
    response = staff_client.post(reverse("services:legalstation_add"), data)
    assert "host_enterprise_pick" in response.context["form"].errors
    assert not LegalStation.objects.exists()
    data["host_enterprise_pick"] = [e.pk]
    assert staff_client.post(reverse("services:legalstation_add"), data).status_code == 302
    assert LegalStation.objects.get().host_enterprise == e


def test_the_side_menu_has_a_legal_services_section(staff_client, secretary):
    from django.test import Client

    assert reverse("services:legalconsultation_list") in staff_client.get("/").content.decode()
    other = Client()
    other.force_login(secretary)
    assert reverse("services:legalconsultation_list") not in other.get("/").content.decode()


# --- request → consultation -----------------------------------------------------------------------


def test_a_legal_request_becomes_a_consultation_in_one_step(staff_client, staff):
    e = EnterpriseFactory()
    req = ServiceRequestFactory(
        category=Category.LEGAL,
        enterprise=e,
        enterprise_name=e.name,
        title="员工劳动纠纷",
        description="员工索要加班工资",
    )
    page = staff_client.get(req.get_absolute_url()).content.decode()
    add = f"{reverse('services:legalconsultation_add')}?request={req.pk}"
    assert add.replace("&", "&amp;") in page or add in page
    assert not req.consultations.exists()
    form = staff_client.get(add).context["form"]
    assert form.initial["question"] == "员工索要加班工资"
    assert form.initial["topic"] == Topic.LABOUR
    assert form.initial["enterprise_pick"] == [e.pk]
    data = consultation_data(enterprise_pick=[e.pk], enterprise_name=e.name, from_request=req.pk)
    response = staff_client.post(reverse("services:legalconsultation_add"), data)
    assert response.status_code == 302 and response.url == req.get_absolute_url()
    consultation = req.consultations.get()
    assert (consultation.enterprise, consultation.created_by) == (e, staff)
    page = staff_client.get(req.get_absolute_url()).content.decode()
    assert consultation.get_absolute_url() in page


def test_the_enterprise_page_offers_a_consultation_pre_filled_for_it(staff_client):
    e = EnterpriseFactory()
    url = f"{reverse('services:legalconsultation_add')}?enterprise={e.pk}"
    assert url in staff_client.get(e.get_absolute_url()).content.decode()
    form = staff_client.get(url).context["form"]
    assert (form.initial["enterprise_pick"], form.initial["enterprise_name"]) == ([e.pk], e.name)


def test_only_a_legal_request_offers_the_step(staff_client):
    req = ServiceRequestFactory(category=Category.FINANCING)
    assert "to-consultation" not in staff_client.get(req.get_absolute_url()).content.decode()
    assert staff_client.get(f"{reverse('services:legalconsultation_add')}?request={req.pk}").status_code == 404


def test_the_topic_is_guessed_from_the_words_of_the_request():
    assert guess_topic("商标被仿冒") == Topic.IP
    assert guess_topic("股东之间纠纷") == Topic.EQUITY
    assert guess_topic("不知道") == Topic.OTHER


# --- workbench, timeline, activity ----------------------------------------------------------------


def test_a_due_follow_up_is_on_the_workbench_of_its_recorder_until_done(staff, staff2, staff_client):
    due = make_consultation(staff, follow_up_on=TODAY())
    make_consultation(staff, follow_up_on=TODAY() + datetime.timedelta(days=3))

    def titles(user):
        return [s.title for s in registry.workbench_for(user)]

    assert "待跟进的法律咨询" in titles(staff)
    assert "待跟进的法律咨询" not in titles(staff2)
    assert staff_client.post(reverse("services:legalconsultation_follow_up", args=[due.pk])).status_code == 302
    due.refresh_from_db()
    assert due.followed_up_on == TODAY()
    assert "待跟进的法律咨询" not in titles(staff)


def test_consultations_are_on_the_enterprise_and_host_chamber_pages(staff_client, secretary):
    chamber = ChamberFactory()
    e = EnterpriseFactory()
    station = make_station(chamber=chamber)
    c = make_consultation(enterprise=e, station=station, question="商标被仿冒怎么办")
    assert c.get_absolute_url() in staff_client.get(e.get_absolute_url()).content.decode()
    assert c.get_absolute_url() in staff_client.get(chamber.get_absolute_url()).content.decode()
    # A viewer without the consultations' view permission sees none of them.
    assert c.get_absolute_url() not in [x.url for x in registry.timeline_for(chamber, user=secretary)]


def test_a_consultation_at_a_chamber_hosted_station_counts_as_the_chambers_activity():
    from django.db.models import OuterRef

    chamber = ChamberFactory()
    make_consultation(station=make_station(chamber=chamber), date=datetime.date(2026, 5, 4))
    from chambers.models import Chamber
    from services.legal.contributions import chamber_activity

    assert chamber_activity in list(activity.sources)
    row = Chamber.objects.filter(pk=chamber.pk).annotate(last=chamber_activity(OuterRef("pk"))[:1].values("date")).get()
    assert row.last == datetime.date(2026, 5, 4)


# --- public page ----------------------------------------------------------------------------------


def test_the_public_page_lists_open_stations_by_district_without_lawyers_phones(client):
    a, b = county("630102"), county("630103")
    make_station("城东站", district=a, lawyers=[make_lawyer(specialties=[Topic.IP], phone="13909711234")])
    make_station("城中站", district=b, lawyers=[make_lawyer("李秀兰", [Topic.LABOUR], "13909715678")])
    make_station("已暂停站", district=a, status=StationStatus.SUSPENDED)
    body = client.get(reverse("services:legal_public")).content.decode()
    assert "城东站" in body and "城中站" in body and "已暂停站" not in body
    assert 'href="tel:0971-6123456"' in body
    assert "知识产权" in body and "劳动用工" in body
    assert "13909711234" not in body and "1234" not in body.split("城东站")[1].split("城中站")[0].replace("6123456", "")
    assert "王建国" not in body
    filtered = client.get(reverse("services:legal_public"), {"district": b.pk}).content.decode()
    assert "城中站" in filtered and "城东站" not in filtered


# --- figures --------------------------------------------------------------------------------------


def test_the_figures_count_what_was_built_and_match_their_lists(staff_client, staff):
    a, b = county("630102"), county("630103")
    e1, e2 = EnterpriseFactory(district=a), EnterpriseFactory(district=a)
    station = make_station(district=a, lawyers=[make_lawyer(), make_lawyer("李秀兰")])
    make_station("城中站", district=b, lawyers=[make_lawyer("张伟")])
    make_station("关闭站", district=a, status=StationStatus.CLOSED)
    march = datetime.date(2025, 3, 10)
    make_consultation(enterprise=e1, station=station, date=march, topic=Topic.LABOUR, channel=Channel.PHONE)
    make_consultation(enterprise=e1, station=station, date=march, topic=Topic.CONTRACT)
    make_consultation(enterprise=e2, station=station, date=march, topic=Topic.CONTRACT, kind=ConsultationKind.CHECKUP)
    make_consultation(date=datetime.date(2025, 2, 1))
    start, end = datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)
    figures = {f.key: f for f in registry.figures_for(start, end, a) if f.key.startswith("legal.")}
    values = {k: f.value for k, f in figures.items()}
    assert values["legal.stations"] == 1
    assert values["legal.lawyers"] == 2
    assert values["legal.consultations"] == 3
    assert values["legal.topic.contract"] == 2 and values["legal.topic.labour"] == 1
    assert values["legal.channel.phone"] == 1 and values["legal.channel.station"] == 2
    assert values["legal.enterprises"] == 2
    for figure in figures.values():
        assert staff_client.get(figure.url).context["table"].paginator.count == figure.value, figure.key
    everywhere = {f.key: f.value for f in registry.figures_for(start, end)}
    assert everywhere["legal.stations"] == 2 and everywhere["legal.lawyers"] == 3


def test_the_ledger_exports_the_consultations(staff_client, staff):
    make_consultation(staff, kind=ConsultationKind.CHECKUP, findings="合同缺少违约条款\n未签劳动合同")
    response = staff_client.get(reverse("services:legalconsultation_list") + "?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
