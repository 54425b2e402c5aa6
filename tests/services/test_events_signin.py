"""On-site sign-in (现场签到) from the event's QR link: open on the event's day only, one sign-in per
enterprise (by code, else by name), bad input refused with what was typed kept, audited as the public's."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from federation.audit import PUBLIC_FORM
from services.events import operations
from services.events.choices import EventType, SignInSource
from services.events.models import Event, EventAttendance
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def event_on(days=0, **kw):
    return Event.objects.create(
        event_type=EventType.LECTURE,
        title="民营企业融资政策解读",
        held_on=timezone.localdate() + datetime.timedelta(days=days),
        venue="市民中心报告厅",
        **kw,
    )


def data(**kw):
    return {
        "enterprise_name": "西宁昆仑商贸有限公司",
        "uscc": "",
        "contact_person": "李娜",
        "phone": "139 1234 5678",
        "consent": "on",
        **kw,
    }


def signin(event):
    return event.get_signin_url()


def test_the_link_carries_a_random_token_not_the_events_number():
    a, b = event_on(), event_on()
    assert a.signin_token != b.signin_token and len(a.signin_token) >= 16
    assert str(a.pk) not in signin(a).replace(a.signin_token, "")
    assert Client().get(reverse("services:event_signin", args=["not-a-token"])).status_code == 404


def test_on_the_day_an_attendee_signs_in_and_sees_a_confirmation():
    event = event_on()
    client = Client()
    page = client.get(signin(event))
    assert page.status_code == 200 and 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(signin(event), data())
    assert response.status_code == 302
    assert response["Location"] == reverse("services:event_signed_in", args=[event.signin_token])
    row = EventAttendance.objects.get()
    assert (row.enterprise_name, row.phone, row.source) == ("西宁昆仑商贸有限公司", "13912345678", SignInSource.QR)
    assert row.consent_at is not None and row.created_by is None
    done = client.get(response["Location"])
    assert "签到成功" in done.content.decode()
    assert row.history.first().history_change_reason == PUBLIC_FORM


@pytest.mark.parametrize("days,words", [(1, "签到将于活动当天"), (-1, "签到已结束")])
def test_outside_the_event_day_the_page_says_so_and_has_no_form(days, words):
    event = event_on(days)
    page = Client().get(signin(event))
    html = page.content.decode()
    assert page.status_code == 200 and words in html and 'data-testid="signin-form"' not in html
    Client().post(signin(event), data())
    assert EventAttendance.objects.count() == 0


def test_the_day_is_the_local_day_in_xining():
    event = event_on()
    late = timezone.make_aware(datetime.datetime.combine(event.held_on, datetime.time(23, 30)))
    assert operations.signin_closed_reason(event, timezone.localdate(late)) == ""
    with pytest.raises(operations.EventActionError):
        operations.sign_in(
            event,
            enterprise_name="甲",
            contact_person="张",
            phone="13812345678",
            now=late + datetime.timedelta(hours=1),
        )


def test_a_code_matches_the_register_and_a_repeat_by_code_is_told_already_signed_in():
    enterprise = EnterpriseFactory(name="青海高原光伏科技有限公司")
    event = event_on()
    # Full-width characters and spaces, as a phone's keyboard gives them.
    typed = " ".join(enterprise.uscc[i : i + 6] for i in range(0, 18, 6)).lower()
    typed = typed.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert Client().post(signin(event), data(enterprise_name="", uscc=typed)).status_code == 302
    row = EventAttendance.objects.get()
    assert row.enterprise == enterprise and row.uscc == enterprise.uscc
    assert row.enterprise_name == "青海高原光伏科技有限公司"
    again = Client().post(signin(event), data(enterprise_name="另一个写法", uscc=enterprise.uscc, contact_person="王"))
    assert again.status_code == 200 and "已签到" in again.content.decode()
    assert EventAttendance.objects.count() == 1


def test_a_repeat_by_name_is_one_sign_in_whatever_the_spaces_and_width():
    event = event_on()
    assert Client().post(signin(event), data(enterprise_name="西宁昆仑商贸(集团)有限公司")).status_code == 302
    again = Client().post(signin(event), data(enterprise_name="西宁 昆仑商贸（集团）有限公司", phone="13700001111"))
    assert again.status_code == 200 and "已签到" in again.content.decode()
    assert EventAttendance.objects.count() == 1


def test_a_name_without_a_code_after_a_sign_in_by_code_is_a_repeat():
    enterprise = EnterpriseFactory(name="青海合金新材料股份有限公司")
    event = event_on()
    operations.sign_in(event, uscc=enterprise.uscc, contact_person="张", phone="13812345678")
    with pytest.raises(operations.AlreadySignedIn):
        operations.sign_in(
            event, enterprise_name="青海合金新材料股份有限公司", contact_person="李", phone="13812345670"
        )


def test_the_database_refuses_a_second_row_for_one_enterprise():
    from django.db import IntegrityError, transaction

    event = event_on()
    row = operations.sign_in(event, enterprise_name="甲公司", contact_person="张", phone="13812345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        EventAttendance.objects.create(
            event=event,
            enterprise_name="甲公司",
            contact_person="李",
            phone="13812345670",
            match_key=row.match_key,
            name_key=row.name_key,
            signed_in_at=timezone.now(),
        )


def test_the_same_enterprise_may_sign_in_to_two_events():
    a, b = event_on(), event_on()
    for event in (a, b):
        operations.sign_in(event, enterprise_name="甲公司", contact_person="张", phone="13812345678")
    assert EventAttendance.objects.count() == 2


@pytest.mark.parametrize(
    "fields,field,words",
    [
        ({"phone": "1234"}, "phone", "手机号"),
        ({"enterprise_name": "", "uscc": ""}, "enterprise_name", "企业名称或统一社会信用代码"),
        ({"uscc": "91630100MA7ABCDE1X"}, "uscc", "统一社会信用代码"),
        ({"contact_person": ""}, "contact_person", ""),
        ({"consent": ""}, "consent", "同意"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(fields, field, words):
    event = event_on()
    response = Client().post(signin(event), data(**fields))
    assert response.status_code == 200 and EventAttendance.objects.count() == 0
    form = response.context["form"]
    assert field in form.errors
    assert words in " ".join(form.errors[field])
    html = response.content.decode()
    if fields.get("enterprise_name", "x"):
        assert "西宁昆仑商贸有限公司" in html
    assert "李娜" in html or field == "contact_person"


def test_sign_ins_are_rate_limited_per_address(settings):
    settings.SERVICES_SUBMIT_LIMIT = 2
    event = event_on()
    client = Client()
    for i in range(2):
        client.post(signin(event), data(enterprise_name=f"企业{i}"))
    response = client.post(signin(event), data(enterprise_name="企业9"))
    assert response.status_code == 429 and EventAttendance.objects.count() == 2
    assert "企业9" in response.content.decode()


def test_the_public_page_needs_csrf():
    event = event_on()
    client = Client(enforce_csrf_checks=True)
    assert client.post(signin(event), data()).status_code == 403
    assert EventAttendance.objects.count() == 0


def test_the_confirmation_page_without_a_sign_in_goes_back_to_the_form():
    event = event_on()
    response = Client().get(reverse("services:event_signed_in", args=[event.signin_token]))
    assert response.status_code == 302 and response["Location"] == signin(event)
