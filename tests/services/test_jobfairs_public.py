"""The public job fair pages: registration with positions (window, captcha, bad input kept as
typed), the confirmation with the tracking code, correction and resubmission with code and phone,
"copy from my previous fair", and the fair page job seekers search (no contact data)."""

import datetime

import pytest
from django.urls import reverse

from federation import captcha
from services.jobfairs import operations
from services.jobfairs.choices import FairStatus, RegistrationStatus
from services.jobfairs.models import JobPosition, JobRegistration
from tests.enterprises.factories import EnterpriseFactory

from .test_jobfairs import TODAY, make_fair, position, register

pytestmark = pytest.mark.django_db


def position_fields(rows):
    data = {"positions-TOTAL_FORMS": str(len(rows)), "positions-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"positions-{i}-{k}"] = "" if v is None else str(v)
    return data


def form_data(rows=None, **kw):
    challenge = captcha.new_challenge(2, 3)
    data = {
        "uscc": "",
        "enterprise_name": "青海高原光伏科技有限公司",
        "contact_person": "张明",
        "phone": "139-1234-5678",
        "consent": "on",
        "captcha_token": challenge.token,
        "captcha_answer": "5",
        **position_fields(rows if rows is not None else [position(education="any", experience="any")]),
    }
    return {**data, **kw}


def pos(**kw):
    return position(education="college", experience="1-3", **kw)


def test_an_enterprise_registers_with_two_positions_and_gets_a_tracking_code(client):
    fair = make_fair()
    page = client.get(fair.get_register_url())
    body = page.content.decode()
    assert page.status_code == 200 and "csrfmiddlewaretoken" in body and 'data-testid="captcha-image"' in body
    assert "再添加一个岗位" in body
    response = client.post(fair.get_register_url(), form_data([pos(), pos(title="会计", headcount=1)]))
    assert response.status_code == 302
    reg = JobRegistration.objects.get()
    assert reg.phone == "13912345678" and reg.consent_at and reg.positions.count() == 2
    done = client.get(response["Location"])
    assert reg.code in done.content.decode()


@pytest.mark.parametrize(
    "rows,message",
    [
        ([pos(headcount=0)], "招聘人数至少为 1 人"),
        ([pos(headcount=-3)], "招聘人数至少为 1 人"),
        ([pos(salary_min=9000, salary_max=6000)], "最高薪资不能低于最低薪资"),
        ([], "请至少填写一个岗位"),
    ],
)
def test_bad_positions_are_refused_in_chinese_and_what_was_typed_is_kept(client, rows, message):
    fair = make_fair()
    response = client.post(fair.get_register_url(), form_data(rows, enterprise_name="青海湟水食品有限公司"))
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "青海湟水食品有限公司" in body
    assert not JobRegistration.objects.exists() and not JobPosition.objects.exists()


def test_a_second_registration_of_the_same_enterprise_is_refused(client):
    fair = make_fair()
    register(fair, enterprise_name="青海高原光伏科技有限公司")
    response = client.post(fair.get_register_url(), form_data())
    assert response.status_code == 200 and "不能重复报名" in response.content.decode()
    assert JobRegistration.objects.count() == 1


@pytest.mark.parametrize(
    "kw,text",
    [
        ({"status": FairStatus.PREPARING}, "不接受报名"),
        ({"registration_opens": TODAY() + datetime.timedelta(days=1)}, "报名将于"),
        ({"status": FairStatus.CLOSED}, "不接受报名"),
    ],
)
def test_outside_the_window_the_page_says_so_and_takes_nothing(client, kw, text):
    fair = make_fair(**kw)
    assert text in client.get(fair.get_register_url()).content.decode()
    response = client.post(fair.get_register_url(), form_data())
    assert text in response.content.decode() and not JobRegistration.objects.exists()


def test_a_wrong_captcha_is_refused(client):
    fair = make_fair()
    response = client.post(fair.get_register_url(), form_data(captcha_answer="7"))
    assert response.status_code == 200 and not JobRegistration.objects.exists()


def test_copy_from_the_previous_fair_fills_the_positions(client):
    e = EnterpriseFactory()
    old = make_fair(title="去年招聘会", held_in=-300, status=FairStatus.HELD)
    register(old, uscc=e.uscc, positions=[position(title="质检员", headcount=4)])
    fair = make_fair()
    response = client.post(fair.get_register_url(), {**form_data([]), "uscc": e.uscc, "copy_previous": "1"})
    body = response.content.decode()
    assert "质检员" in body and "已复制" in body
    assert JobRegistration.objects.filter(fair=fair).count() == 0


def test_a_returned_registration_is_corrected_and_resubmitted_with_code_and_phone(client):
    fair = make_fair()
    reg = register(fair)
    operations.return_registration(reg, "请补充工作地点")
    url = reverse("services:jobfair_correct")
    miss = client.post(url, {"code": reg.code, "phone": "13800000000"})
    assert "没有与该查询码和手机号对应的报名" in miss.content.decode()
    client.post(url, {"code": reg.code.lower(), "phone": "139 1234 5678"})
    page = client.get(url).content.decode()
    assert "请补充工作地点" in page
    data = form_data([pos(title="焊工", place="南川工业园")], enterprise_name=reg.enterprise_name)
    response = client.post(url, data)
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert list(reg.positions.values_list("title", "place")) == [("焊工", "南川工业园")]


def test_registration_approval_then_the_public_fair_page(client):
    fair = make_fair()
    a = register(fair, 1, positions=[position(title="电工", salary_min=5000, salary_max=7000, place="城东区")])
    b = register(fair, 2, positions=[position(title="会计", salary_min=3000, salary_max=4000, place="城西区")])
    register(fair, 3, positions=[position(title="未审核岗位")])
    operations.approve_registration(a)
    operations.approve_registration(b)
    url = fair.get_public_url()
    body = client.get(url).content.decode()
    assert "电工" in body and "会计" in body and "未审核岗位" not in body
    assert "13912345678" not in body and "张明" not in body
    assert "电工" not in client.get(url, {"q": "会计"}).content.decode()
    by_salary = client.get(url, {"salary": "6000"}).content.decode()
    assert "电工" in by_salary and "会计" not in by_salary
    by_place = client.get(url, {"place": "城西"}).content.decode()
    assert "会计" in by_place and "电工" not in by_place


def test_the_poster_extends_the_poster_base(staff_client):
    fair = make_fair()
    response = staff_client.get(reverse("services:jobfair_poster", args=[fair.pk]))
    assert response.status_code == 200 and "<svg" in response.content.decode()
    assert "federation/poster_base.html" in [t.name for t in response.templates]


def test_the_copy_button_is_offered_only_for_a_code_with_an_earlier_registration(client):
    e, other = EnterpriseFactory(), EnterpriseFactory()
    register(make_fair(title="去年招聘会", held_in=-300, status=FairStatus.HELD), uscc=e.uscc)
    fair = make_fair()
    url = reverse("services:jobfair_previous", args=[fair.token])
    assert 'data-testid="copy-previous"' in client.get(url, {"uscc": e.uscc.lower()}).content.decode()
    assert 'data-testid="copy-previous"' not in client.get(url, {"uscc": other.uscc}).content.decode()
    assert 'data-testid="copy-previous"' not in client.get(fair.get_register_url()).content.decode()
