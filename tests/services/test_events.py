"""Events: the staff pages for every role, attendance (count vs list), the summary's sign-off, files,
timelines and their permission, chamber activity, figures and the campaign measures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chambers import candidates
from chambers.choices import EventKind as ChamberEventKind
from chambers.models import AnnualInspection, CandidateRules, ChamberEvent
from federation import registry
from services.campaigns import measures
from services.campaigns.choices import Measure
from services.campaigns.models import Campaign
from services.events import operations
from services.events.choices import EventType, SignInSource
from services.events.models import Event, EventAttendance, EventFile, EventSeries
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory, county
from tests.kit import roles_map

from .files import EXE, JPG, PDF, office, upload

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def make_event(**kw):
    defaults = {
        "event_type": EventType.LECTURE,
        "title": "企业合规经营与风险防范",
        "held_on": TODAY(),
        "venue": "市工商联四楼",
    }
    return Event.objects.create(**{**defaults, **kw})


def attend(event, n, **kw):
    for i in range(n):
        operations.sign_in(
            event,
            enterprise_name=f"青海签到{i}号有限公司",
            contact_person="张明",
            phone="13812345678",
            source=SignInSource.STAFF,
            **kw,
        )


def form_data(**kw):
    data = {
        "event_type": EventType.LECTURE,
        "title": "民营企业融资政策解读",
        "held_on": TODAY().isoformat(),
        "venue": "市民中心报告厅",
        "organiser": "西宁市工商业联合会",
        "speakers": "赵科长",
    }
    return {**data, **kw}


# --- Pages and roles ----------------------------------------------------------------------------


def test_the_event_pages_for_every_role(assert_roles):
    event = make_event()
    read = roles_map({"admin", "leader", "staff"})
    write = roles_map({"admin", "staff"})
    assert_roles(reverse("services:event_list"), read)
    assert_roles(event.get_absolute_url(), read)
    assert_roles(reverse("services:event_poster", args=[event.pk]), read)
    assert_roles(reverse("services:event_add"), write)
    assert_roles(reverse("services:event_edit", args=[event.pk]), write)
    # Adding an attendee by hand: staff only (an invalid, empty form changes nothing either way).
    assert_roles(reverse("services:event_action", args=[event.pk, "attendee"]), roles_map({"admin", "staff"}), "post")
    assert EventAttendance.objects.count() == 0


def test_staff_add_an_event_with_chambers_and_files(staff_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    chamber = ChamberFactory()
    series = EventSeries.objects.create(name="民营经济发展讲堂")
    response = staff_client.post(
        reverse("services:event_add"),
        form_data(
            series=series.pk, issue=4, chambers=[chamber.pk], files=[upload("现场.jpg", JPG), upload("议程.pdf", PDF)]
        ),
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert list(event.chambers.all()) == [chamber]
    assert sorted(f.kind for f in event.files.all()) == ["jpg", "pdf"]
    assert event.series_label == "民营经济发展讲堂 第4期"
    assert event.history.first().history_user.username == "staff"
    page = staff_client.get(event.get_absolute_url())
    assert "民营经济发展讲堂 第4期" in page.content.decode()
    download = staff_client.get(event.files.first().get_absolute_url())
    assert download.status_code == 200


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("病毒.exe", EXE, "不是可接受的文件类型"),
        ("名单.xlsx", office("xlsx"), "PDF、JPG、PNG 或 DOCX"),
        ("伪装.pdf", JPG, ""),
    ],
)
def test_a_wrong_file_is_refused_and_nothing_is_half_saved(staff_client, tmp_path, settings, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    response = staff_client.post(reverse("services:event_add"), form_data(files=[upload(name, content)]))
    assert response.status_code == 200
    assert Event.objects.count() == 0 and EventFile.objects.count() == 0
    assert not any(tmp_path.rglob("*.*"))
    html = response.content.decode()
    assert message in html
    assert "民营企业融资政策解读" in html  # what was typed is kept


def test_a_file_too_large_is_refused(staff_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    big = upload("议程.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = staff_client.post(reverse("services:event_add"), form_data(files=[big]))
    assert response.status_code == 200 and Event.objects.count() == 0
    assert "太大" in response.content.decode()


def test_an_issue_number_needs_a_series(staff_client):
    response = staff_client.post(reverse("services:event_add"), form_data(issue=3))
    assert response.status_code == 200 and Event.objects.count() == 0
    assert "期数属于一个系列" in response.content.decode()


def test_the_list_filters_by_type_series_campaign_chamber_and_dates(staff_client):
    series = EventSeries.objects.create(name="民营经济发展讲堂")
    campaign = Campaign.objects.create(name="大调研大走访大解题大服务", starts_on=TODAY(), ends_on=TODAY())
    chamber = ChamberFactory()
    a = make_event(series=series, issue=1, campaign=campaign, held_on=datetime.date(2026, 3, 1))
    a.chambers.add(chamber)
    make_event(event_type=EventType.LEGAL, title="法治讲座", held_on=datetime.date(2026, 5, 1))

    def listed(query):
        return staff_client.get(reverse("services:event_list") + query).context["table"].paginator.count

    assert listed("") == 2
    assert listed(f"?series={series.pk}") == 1
    assert listed(f"?campaign={campaign.pk}") == 1
    assert listed(f"?chamber={chamber.pk}") == 1
    assert listed(f"?event_type={EventType.LEGAL}") == 1
    assert listed("?held_from=2026-04-01&held_to=2026-06-30") == 1


def test_the_list_exports_the_event_ledger(staff_client):
    make_event()
    response = staff_client.get(reverse("services:event_list") + "?export=xlsx")
    assert response.status_code == 200
    assert "活动台账" in response["Content-Disposition"] or "filename" in response["Content-Disposition"]


# --- Attendance ---------------------------------------------------------------------------------


def test_attendance_is_the_count_entered_without_a_list():
    event = make_event(attendance_count=86)
    assert event.attendance == 86
    assert Event.objects.with_attendance().get().attendance_value == 86


def test_attendance_is_the_lists_length_once_a_list_exists():
    event = make_event(attendance_count=86)
    attend(event, 3)
    assert Event.objects.with_attendance().get().attendance_value == 3
    assert Event.objects.get().attendance == 3


def test_an_event_with_neither_has_no_attendance():
    assert Event.objects.with_attendance().get(pk=make_event().pk).attendance_value == 0


def test_staff_add_an_attendee_by_hand_after_the_day(staff_client):
    event = make_event(held_on=TODAY() - datetime.timedelta(days=3))
    url = reverse("services:event_action", args=[event.pk, "attendee"])
    response = staff_client.post(
        url,
        {
            "attendee-enterprise_name": "西宁昆仑商贸有限公司",
            "attendee-contact_person": "李娜",
            "attendee-phone": "139 1234 5678",
        },
    )
    assert response.status_code == 302
    row = EventAttendance.objects.get()
    assert (row.source, row.phone, row.created_by.username) == (SignInSource.STAFF, "13912345678", "staff")
    again = staff_client.post(
        url,
        {
            "attendee-enterprise_name": "西宁 昆仑商贸有限公司",
            "attendee-contact_person": "王",
            "attendee-phone": "13912345670",
        },
    )
    assert again.status_code == 200 and "已签到" in again.content.decode()
    assert EventAttendance.objects.count() == 1


def test_leadership_see_the_sign_in_list_with_phones_masked(leader_client, staff_client):
    event = make_event()
    attend(event, 1)
    assert "138****5678" in leader_client.get(event.get_absolute_url()).content.decode()
    assert "13812345678" not in leader_client.get(event.get_absolute_url()).content.decode()
    assert "13812345678" in staff_client.get(event.get_absolute_url()).content.decode()


# --- Summary sign-off ---------------------------------------------------------------------------


def test_the_summary_cannot_be_signed_off_before_the_event(staff, staff_client):
    event = make_event(held_on=TODAY() + datetime.timedelta(days=2), summary="会议纪要")
    response = staff_client.post(reverse("services:event_action", args=[event.pk, "sign_off"]))
    assert response.status_code == 200
    assert "活动举办之前不能确认纪要" in response.content.decode()
    event.refresh_from_db()
    assert event.summary_signed_off_at is None and event.summary_signed_off_by is None


def test_the_summary_is_signed_off_on_or_after_the_day_recording_who_and_when(staff, staff_client):
    event = make_event(summary="会议纪要")
    assert event.summary_signed_off_at is None
    response = staff_client.post(reverse("services:event_action", args=[event.pk, "sign_off"]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.summary_signed_off_by == staff and event.summary_signed_off_at is not None
    with pytest.raises(operations.EventActionError):
        operations.sign_off_summary(event, staff)


def test_an_empty_summary_is_not_signed_off(staff):
    with pytest.raises(operations.EventActionError):
        operations.sign_off_summary(make_event(), staff)


def test_leadership_may_not_sign_off(leader_client):
    event = make_event(summary="会议纪要")
    assert leader_client.post(reverse("services:event_action", args=[event.pk, "sign_off"])).status_code == 403
    event.refresh_from_db()
    assert event.summary_signed_off_at is None


def test_changing_a_signed_off_summary_needs_a_new_sign_off(staff, staff_client):
    event = make_event(summary="会议纪要")
    operations.sign_off_summary(event, staff)
    response = staff_client.post(
        reverse("services:event_edit", args=[event.pk]),
        form_data(title=event.title, held_on=event.held_on.isoformat(), summary="改过的纪要"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.summary == "改过的纪要" and event.summary_signed_off_at is None


# --- Timelines and chamber activity -------------------------------------------------------------


def test_events_on_the_timelines_of_attending_enterprises_and_participating_chambers(staff, leader, secretary):
    enterprise = EnterpriseFactory()
    chamber = ChamberFactory()
    event = make_event(title="光伏锂电产业链协同发展")
    event.chambers.add(chamber)
    operations.sign_in(event, uscc=enterprise.uscc, contact_person="张明", phone="13812345678")
    for subject in (enterprise, chamber):
        titles = [e.title for e in registry.timeline_for(subject, 10, user=staff)]
        assert "光伏锂电产业链协同发展" in titles
        assert "光伏锂电产业链协同发展" in [e.title for e in registry.timeline_for(subject, 10, user=leader)]
        # A viewer without the events' view permission sees none of them.
        assert "光伏锂电产业链协同发展" not in [e.title for e in registry.timeline_for(subject, 10, user=secretary)]


def test_the_enterprise_page_shows_the_event(staff_client):
    enterprise = EnterpriseFactory()
    event = make_event(title="光伏锂电产业链协同发展")
    operations.sign_in(event, uscc=enterprise.uscc, contact_person="张明", phone="13812345678")
    assert "光伏锂电产业链协同发展" in staff_client.get(enterprise.get_absolute_url()).content.decode()


def test_a_chamber_inactive_for_a_year_is_no_longer_a_candidate_after_an_event():
    rules = CandidateRules.current()
    rules.inactive_months, rules.failed_inspection_years, rules.min_active_members, rules.contact_failures = 12, 2, 2, 1
    rules.save()
    today = TODAY()
    chamber = ChamberFactory(
        registered_on=datetime.date(2015, 5, 1), next_election_due=today + datetime.timedelta(days=900)
    )
    ChamberEvent.objects.create(
        chamber=chamber, kind=ChamberEventKind.ACTIVITY, occurred_on=today - datetime.timedelta(days=400)
    )
    for year in (today.year - 2, today.year - 1):
        AnnualInspection.objects.create(
            chamber=chamber, year=year, result="passed", inspected_on=today - datetime.timedelta(days=400)
        )
    MembershipFactory.create_batch(2, chamber=chamber)

    def rules_met():
        open_, held = candidates.candidates(rules=rules, on=today)
        return next((c.rules for c in open_ + held if c.chamber.pk == chamber.pk), [])

    assert rules_met() == ["inactive"]
    make_event(held_on=today - datetime.timedelta(days=20)).chambers.add(chamber)
    assert rules_met() == []


def test_a_planned_event_is_not_yet_activity():
    chamber = ChamberFactory()
    make_event(held_on=TODAY() + datetime.timedelta(days=30)).chambers.add(chamber)
    from services.events.contributions import chamber_activity

    assert not chamber_activity(chamber.pk).exists()


# --- Figures and campaign measures --------------------------------------------------------------


def test_the_figures_count_events_attendance_types_and_series():
    series = EventSeries.objects.create(name="民营经济发展讲堂")
    a = county("630102")
    make_event(series=series, issue=1, attendance_count=40, district=a, held_on=datetime.date(2026, 3, 1))
    attend(make_event(series=series, issue=2, district=a, held_on=datetime.date(2026, 4, 1)), 3)
    make_event(event_type=EventType.LEGAL, district=county("630103"), held_on=datetime.date(2026, 4, 2))
    make_event(held_on=datetime.date(2025, 1, 1))  # outside the period
    figures = {f.key: f for f in registry.figures_for(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))}
    assert figures["events.held"].value == 3
    assert figures["events.attendance"].value == 43
    assert figures[f"events.by_type.{EventType.LECTURE}"].value == 2
    assert figures[f"events.by_type.{EventType.LEGAL}"].value == 1
    assert figures[f"events.by_series.{series.pk}"].value == 2
    in_a = {f.key: f for f in registry.figures_for(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), a)}
    assert in_a["events.held"].value == 2


def test_each_event_count_figure_opens_a_list_of_its_length(staff_client):
    series = EventSeries.objects.create(name="民营经济发展讲堂")
    make_event(series=series, issue=1, held_on=datetime.date(2026, 3, 1), district=county("630102"))
    make_event(event_type=EventType.SYMPOSIUM, held_on=datetime.date(2026, 3, 2))
    for district in (None, county("630102")):
        for f in registry.figures_for(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), district):
            if f.key.startswith("events.") and f.is_count:
                count = staff_client.get(f.url).context["table"].paginator.count
                assert count == f.value, f.key


def test_campaign_measures_count_its_events_and_their_attendance(staff):
    campaign = Campaign.objects.create(
        name="大调研大走访大解题大服务", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    make_event(campaign=campaign, attendance_count=30, held_on=datetime.date(2026, 3, 1), responsible=staff)
    attend(make_event(campaign=campaign, held_on=datetime.date(2026, 6, 1)), 4)
    make_event(attendance_count=99)  # not the campaign's
    assert measures.count(Measure.EVENTS, campaign) == 2
    assert measures.count(Measure.ATTENDANCE, campaign) == 34
    assert measures.count(Measure.EVENTS, campaign, until=datetime.date(2026, 4, 1)) == 1
    assert measures.count(Measure.EVENTS, campaign, staff=staff) == 1


def test_the_sign_off_button_shows_only_where_it_can_succeed(staff_client):
    future = make_event(held_on=TODAY() + datetime.timedelta(days=5), summary="纪要")
    unwritten = make_event()
    written = make_event(summary="会议纪要")
    assert 'data-testid="sign-off"' not in staff_client.get(future.get_absolute_url()).content.decode()
    assert "纪要可在活动当天及之后确认" in staff_client.get(future.get_absolute_url()).content.decode()
    assert 'data-testid="sign-off"' not in staff_client.get(unwritten.get_absolute_url()).content.decode()
    assert 'data-testid="sign-off"' in staff_client.get(written.get_absolute_url()).content.decode()


def test_the_demo_events_are_seeded_once():
    from services.events.demo import DEMO_TOKEN, seed_demo_events

    ChamberFactory.create_batch(3)
    EnterpriseFactory.create_batch(20)
    assert seed_demo_events() == 6
    assert seed_demo_events() == 0
    series = EventSeries.objects.get(name="民营经济发展讲堂")
    assert sorted(series.events.values_list("issue", flat=True)) == [1, 2, 3, 4]
    today = Event.objects.get(signin_token=DEMO_TOKEN)
    assert today.held_on == TODAY() and today.event_type == EventType.SYMPOSIUM
    assert Event.objects.filter(event_type=EventType.LEGAL).count() == 1
    assert EventAttendance.objects.exists()
