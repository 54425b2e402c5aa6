"""Every public (no login) form and search, fuzzed (issue #15): whatever is typed, the answer is
never a server error; a refused submission stores nothing (no row, no file on disk); an accepted
one stores exactly one record. And a mobile number typed any way people type it is stored as the
same eleven digits.

The public pages: the request form, its lookup and its rating (services/requests); the chamber
directory and the application to join (chambers); the job fair registration, its correction, the
"copy my previous fair" check and the fair page (services/jobfairs); the event sign-in
(services/events); the policy list and matcher (services/policies); the legal service page
(services/legal). Each example gets a fresh captcha (one attempt per token) so that it can get past
it; the rate limits are lifted so that they do not answer instead of the form.
"""

import itertools

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from chambers.models import JoinApplication
from conftest import TEST_PASSWORD
from federation import captcha
from federation.models import Division
from services.events.models import EventAttendance
from services.jobfairs import operations as jobfair_operations
from services.jobfairs.choices import RegistrationStatus
from services.jobfairs.models import JobPosition, JobRegistration
from services.requests import operations as request_operations
from services.requests.models import Attachment, RequestEvent, ServiceRequest
from tests.chambers.factories import ChamberFactory
from tests.fuzzing import (
    FUZZ,
    SAMPLES,
    apply_mutations,
    assert_answered,
    files_under,
    mobile_typed,
    mutations,
    phone_like,
    text,
    value,
    wrong_choice,
)
from tests.kit import clear_run_cache
from tests.services.files import EXE, JPG, PDF, PNG, office, plain_zip, upload
from tests.services.test_events_signin import event_on
from tests.services.test_jobfairs import make_fair, position, register
from tests.services.test_public_pages import REQUEST_FIELDS

pytestmark = pytest.mark.django_db

SEQUENCE = itertools.count()
SUBMIT = reverse("services:request_submit")
TRACK = reverse("services:request_track")


@pytest.fixture(autouse=True)
def _open_doors(settings, tmp_path):
    """Attachments in a tmp MEDIA_ROOT (counted there); rate limits out of the way; no counters
    left from another test of this run."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVICES_SUBMIT_LIMIT = settings.CHAMBERS_APPLY_LIMIT = 10**6
    settings.SERVICES_LOOKUP_MISS_LIMIT = 10**6
    clear_run_cache()
    yield
    clear_run_cache()


def anonymous():
    return Client(raise_request_exception=False)


def with_captcha(data):
    challenge = captcha.new_challenge(2, 3)
    return {"captcha_token": challenge.token, "captcha_answer": "5", **data}


def posted(client, url, data, mutation):
    response = client.post(url, apply_mutations(data, mutation))
    assert_answered(response)
    return response


def choices_of(*good):
    """A choice field: one of its good values, or anything else."""
    return st.one_of(st.sampled_from(good), wrong_choice)


# --- the request form (诉求提交), with attachments ----------------------------------------------


file_content = st.one_of(
    st.sampled_from([PDF, PNG, JPG, EXE, office("docx"), office("xlsx"), plain_zip(), b""]),
    st.binary(max_size=200),
)
file_name = st.one_of(
    st.sampled_from(["申请.pdf", "a.png", "x.exe", "../../etc/passwd", "a\x00.pdf", "😀.docx", "\u202efdp.exe", ""]),
    st.text(max_size=40).map(lambda s: s + ".pdf"),
)
attachments = st.lists(st.tuples(file_name, file_content), max_size=4)


def request_values():
    return {
        "phone": phone_like,
        "category": choices_of("financing", "other", "FINANCING", ""),
        "district": st.one_of(st.sampled_from(["630102", "1", "0", "-1", "99999999999999999999"]), text),
        "consent": st.sampled_from(["on", "", "off", "0", "false", "true", "1"]),
        "uscc": st.one_of(
            st.sampled_from(["91350100M000100Y43", "91350100m000100y43", "９１３５０１００Ｍ０００１００Ｙ４３"]), text
        ),
    }


@FUZZ
@given(
    mutation=mutations([*REQUEST_FIELDS, "captcha_answer", "captcha_token"], request_values()),
    files=attachments,
)
@example(mutation=({"title": "贷款\x00续贷"}, set(), {}), files=[])
@example(mutation=({"phone": "+86 139-1234-5678", "district": "630102"}, set(), {"status": "resolved"}), files=[])
@example(mutation=({}, set(), {}), files=[("申请.pdf", PDF), ("现场.png", PNG)])
@example(mutation=({"district": "²"}, set(), {}), files=[])
def test_the_request_form_never_fails_and_stores_one_request_or_nothing(mutation, files):
    client = anonymous()
    counties = {str(pk) for pk in Division.objects.counties().values_list("pk", flat=True)}
    data = {**with_captcha(REQUEST_FIELDS), "attachments": [upload(n or "file", c) for n, c in files]}
    if mutation[0].get("district") == "630102":  # a real county, by its primary key
        mutation[0]["district"] = min(counties)
    before = (ServiceRequest.objects.count(), Attachment.objects.count(), files_under(settings.MEDIA_ROOT))
    response = posted(client, SUBMIT, data, mutation)
    after = (ServiceRequest.objects.count(), Attachment.objects.count(), files_under(settings.MEDIA_ROOT))
    if response.status_code == 302:
        assert after[0] == before[0] + 1
        new_files = after[2] - before[2]
        assert after[1] - before[1] == len(new_files) == len(files)
        req = ServiceRequest.objects.latest("pk")
        assert "\x00" not in req.title + req.enterprise_name + req.description
        assert req.status == "submitted" and req.source == "online"  # an extra "status" field is ignored
    else:
        assert response.status_code in (200, 400), response.status_code
        assert after == before, "a refused submission stored something"


# --- the lookup (查询) and the rating (评价) -------------------------------------------------------


@FUZZ
@given(mutation=mutations(["code", "phone"], {"phone": phone_like, "code": text}))
@example(mutation=({"code": "\x00"}, set(), {}))
@example(mutation=({"code": "a" * 5000, "phone": "1" * 5000}, set(), {}))
def test_the_lookup_never_fails_and_changes_nothing(mutation):
    req = ServiceRequest.objects.first() or request_operations.submit_request(
        enterprise_name="青海示例企业",
        contact_person="张明",
        phone="13812345678",
        category="financing",
        title="贷款续贷困难",
        description="流动资金紧张。",
        consent=True,
    )
    before = (ServiceRequest.objects.count(), RequestEvent.objects.count())
    response = posted(anonymous(), TRACK, {"code": req.code, "phone": "13812345678"}, mutation)
    assert response.status_code in (200, 302, 429)
    assert (ServiceRequest.objects.count(), RequestEvent.objects.count()) == before


@pytest.fixture
def resolved(staff):
    def make():
        req = request_operations.submit_request(
            enterprise_name="青海示例企业",
            contact_person="张明",
            phone="13812345678",
            category="financing",
            title="贷款续贷困难",
            description="流动资金紧张。",
            consent=True,
        )
        request_operations.accept_request(req, staff)
        request_operations.assign_request(req, staff, staff)
        request_operations.resolve_request(req, staff, "已协调银行")
        return req

    return make


@FUZZ
@given(
    mutation=mutations(
        ["rating", "comment"],
        {"rating": st.one_of(st.sampled_from(["satisfied", "fairly", "unsatisfied", "SATISFIED", ""]), wrong_choice)},
    )
)
@example(mutation=({"rating": "satisfied", "comment": "\x00"}, set(), {}))
@example(mutation=({"rating": "5"}, set(), {"status": "closed"}))
def test_the_rating_never_fails_and_rates_once_or_not_at_all(resolved, mutation):
    req = resolved()
    client = anonymous()
    client.post(TRACK, {"code": req.code, "phone": req.phone})
    url = reverse("services:request_track_result", args=[req.code])
    response = posted(client, url, {"rating": "satisfied", "comment": "办得好"}, mutation)
    req.refresh_from_db()
    if response.status_code == 302:
        assert req.rating in {"satisfied", "fairly", "unsatisfied"}
        assert "\x00" not in req.rating_comment
    else:
        assert response.status_code == 200
        assert req.rating == "" and req.status == "resolved"


# --- the chamber directory and the application to join (入会申请) ---------------------------------

JOIN_FIELDS = {
    "enterprise_name": "青海申请商贸有限公司",
    "uscc": "",
    "contact_person": "马申请",
    "phone": "13897101234",
    "message": "希望入会",
    "consent": "on",
}


@FUZZ
@given(mutation=mutations([*JOIN_FIELDS, "captcha_answer"], {"phone": phone_like}))
@example(mutation=({"message": "入会\x00"}, set(), {}))
@example(mutation=({}, set(), {"chamber": "1", "status": "approved"}))
def test_the_application_to_join_never_fails_and_stores_one_or_nothing(mutation):
    chamber = ChamberFactory()
    before = JoinApplication.objects.count()
    response = posted(
        anonymous(), reverse("chambers:join_apply", args=[chamber.pk]), with_captcha(JOIN_FIELDS), mutation
    )
    after = JoinApplication.objects.count()
    if response.status_code == 302:
        assert after == before + 1
        application = JoinApplication.objects.latest("pk")
        assert application.chamber == chamber and application.status == "submitted"
    else:
        assert response.status_code in (200, 409)
        assert after == before


query = st.dictionaries(st.sampled_from(["q", "district", "chamber_type", "page"]), value, max_size=4)


@FUZZ
@given(params=query)
@example(params={"q": "\x00"})
@example(params={"page": "9" * 40, "district": "²"})
def test_the_chamber_directory_search_never_fails(params):
    ChamberFactory.create_batch(2) if not JoinApplication.objects.exists() else None
    assert_answered(anonymous().get(reverse("chambers:public_directory"), params))


# --- job fairs: registration, correction, the previous-fair check, the fair page ---------------

REGISTRATION_FIELDS = {
    "uscc": "",
    "enterprise_name": "青海高原光伏科技有限公司",
    "contact_person": "张明",
    "phone": "139-1234-5678",
    "consent": "on",
}
POSITION_KEYS = ["title", "headcount", "education", "experience", "salary_min", "salary_max", "place", "requirements"]


def position_fields(rows):
    data = {"positions-TOTAL_FORMS": str(len(rows)), "positions-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"positions-{i}-{k}"] = "" if v is None else str(v)
    return data


number_like = st.one_of(st.integers(min_value=-(10**12), max_value=10**40).map(str), st.floats().map(str), text)
position_values = {
    **{f"positions-0-{k}": number_like for k in ("headcount", "salary_min", "salary_max")},
    "positions-TOTAL_FORMS": st.one_of(st.sampled_from(["0", "1", "2", "1001", "-1", "x", ""]), text),
    "positions-INITIAL_FORMS": st.sampled_from(["0", "1", "-1", "x"]),
    "positions-0-education": choices_of("any", "college"),
    "positions-0-experience": choices_of("any", "1-3"),
    "phone": phone_like,
}
REGISTRATION_NAMES = [*REGISTRATION_FIELDS, "captcha_answer", *position_values]


@pytest.fixture
def fair():
    return make_fair(booths=1000)


def a_position():
    return position(education="any", experience="any")


@FUZZ
@given(mutation=mutations(REGISTRATION_NAMES, position_values))
@example(mutation=({"positions-0-headcount": "9" * 30}, set(), {}))
@example(mutation=({"positions-0-salary_max": "1e309"}, set(), {}))
@example(mutation=({"positions-TOTAL_FORMS": "1001"}, set(), {}))
@example(mutation=({"positions-0-place": "城东\x00区"}, set(), {}))
@example(mutation=({}, set(), {"copy_previous": "1", "uscc": "\x00"}))
def test_the_job_fair_registration_never_fails_and_stores_one_or_nothing(fair, mutation):
    data = with_captcha({**REGISTRATION_FIELDS, **position_fields([a_position()])})
    before = (JobRegistration.objects.count(), JobPosition.objects.count())
    response = posted(anonymous(), fair.get_register_url(), data, mutation)
    after = (JobRegistration.objects.count(), JobPosition.objects.count())
    if response.status_code == 302:
        assert after[0] == before[0] + 1 and after[1] > before[1]
        reg = JobRegistration.objects.latest("pk")
        assert reg.positions.count() == after[1] - before[1]
    else:
        assert response.status_code == 200
        assert after == before


@FUZZ
@given(uscc=text)
@example(uscc="\x00")
def test_the_previous_fair_check_never_fails(fair, uscc):
    response = anonymous().get(reverse("services:jobfair_previous", args=[fair.token]), {"uscc": uscc})
    assert_answered(response)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "salary", "place"]), value, max_size=3))
@example(params={"salary": "9" * 30})
@example(params={"q": "\x00", "place": "\x00"})
def test_the_job_fair_page_search_never_fails(fair, params):
    assert_answered(anonymous().get(reverse("services:jobfair_public", args=[fair.token]), params))


@pytest.fixture
def returned(fair):
    def make():
        reg = register(fair, next(SEQUENCE))
        jobfair_operations.return_registration(reg, "岗位信息不全")
        return reg

    return make


@FUZZ
@given(
    lookup=mutations(["code", "phone"], {"phone": phone_like, "code": text}),
    mutation=mutations([*REGISTRATION_FIELDS, *position_values], position_values),
)
@example(lookup=({}, set(), {}), mutation=({"positions-0-headcount": "9" * 30}, set(), {}))
@example(lookup=({"code": "\x00"}, set(), {}), mutation=({}, set(), {}))
def test_the_job_fair_correction_never_fails_and_resubmits_or_changes_nothing(returned, lookup, mutation):
    reg = returned()
    client = anonymous()
    found = posted(client, reverse("services:jobfair_correct"), {"code": reg.code, "phone": reg.phone}, lookup)
    assert found.status_code in (200, 302, 429)
    before = (JobRegistration.objects.count(), JobPosition.objects.count(), reg.positions.count())
    data = {**REGISTRATION_FIELDS, **position_fields([a_position()])}
    data.pop("consent")
    response = posted(client, reverse("services:jobfair_correct"), data, mutation)
    reg.refresh_from_db()
    if response.status_code == 302 and found.status_code == 302 and "code" not in mutation[2]:
        assert JobRegistration.objects.count() == before[0]
    if response.status_code == 200:
        assert reg.status == RegistrationStatus.RETURNED
        assert (JobRegistration.objects.count(), JobPosition.objects.count(), reg.positions.count()) == before


# --- the event sign-in (现场签到) -------------------------------------------------------------------

SIGNIN_FIELDS = {
    "enterprise_name": "西宁昆仑商贸有限公司",
    "uscc": "",
    "contact_person": "李娜",
    "phone": "139 1234 5678",
    "consent": "on",
}


@FUZZ
@given(mutation=mutations(SIGNIN_FIELDS, {"phone": phone_like}))
@example(mutation=({"enterprise_name": "昆仑\x00商贸"}, set(), {}))
@example(mutation=({"uscc": "９１３５０１００Ｍ０００１００Ｙ４３"}, set(), {"event": "1"}))
def test_the_event_sign_in_never_fails_and_stores_one_or_nothing(mutation):
    event = event_on(0)
    before = EventAttendance.objects.count()
    response = posted(anonymous(), event.get_signin_url(), SIGNIN_FIELDS, mutation)
    after = EventAttendance.objects.count()
    if response.status_code == 302:
        assert after == before + 1 and EventAttendance.objects.latest("pk").event == event
    else:
        assert response.status_code == 200
        assert after == before


# --- the policy list and matcher, the legal service page (GET searches) ------------------------


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "level", "category", "validity", "page"]),
        st.one_of(value, st.sampled_from(SAMPLES)),
        max_size=5,
    )
)
@example(params={"q": "\x00"})
@example(params={"page": "-1", "level": "²"})
def test_the_public_policy_list_never_fails(params):
    assert_answered(anonymous().get(reverse("services:policy_public_list"), params))


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["industry_section", "scale", "entity_type", "district", "cluster"]), value, max_size=5
    )
)
@example(params={"industry_section": "9" * 40, "district": "\x00"})
def test_the_policy_matcher_never_fails(params):
    assert_answered(anonymous().get(reverse("services:policy_match"), params))


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["district", "page"]), value, max_size=2))
@example(params={"district": "²"})
@example(params={"district": "9" * 40})
def test_the_legal_service_page_never_fails(params):
    assert_answered(anonymous().get(reverse("services:legal_public"), params))


# --- a mobile number typed any way ends up as the same stored number ---------------------------


@FUZZ
@given(typed=mobile_typed())
@example(typed=("+86 139-1234-5678", "13912345678"))
@example(typed=("００８６ １３９ １２３４ ５６７８", "13912345678"))
@example(typed=("8613912345678", "13912345678"))
def test_a_mobile_typed_with_spaces_dashes_full_width_or_a_prefix_is_stored_as_its_eleven_digits(typed):
    shown, number = typed
    before = ServiceRequest.objects.count()
    response = anonymous().post(SUBMIT, with_captcha({**REQUEST_FIELDS, "phone": shown}))
    assert response.status_code == 302, response.context["form"].errors
    assert ServiceRequest.objects.count() == before + 1
    assert ServiceRequest.objects.latest("pk").phone == number
    chamber = ChamberFactory()
    response = anonymous().post(
        reverse("chambers:join_apply", args=[chamber.pk]), with_captcha({**JOIN_FIELDS, "phone": shown})
    )
    assert response.status_code == 302
    assert JoinApplication.objects.get(chamber=chamber).phone == number


# --- the sign-in page and the language switch (the other pages without login) ------------------


@FUZZ
@given(
    mutation=mutations(
        ["username", "password", "next"],
        {
            "next": st.one_of(
                st.sampled_from(["//evil.example", "http://evil.example/", "/\x00", "javascript:alert(1)"]), text
            )
        },
    )
)
@example(mutation=({"username": "staff\x00", "password": "\x00"}, set(), {}))
@example(mutation=({"username": "a" * 5000}, set(), {}))
def test_the_sign_in_page_never_fails_and_signs_nobody_in_with_a_wrong_password(staff, mutation):
    client = anonymous()
    response = posted(client, reverse("login"), {"username": "staff", "password": "wrong-password"}, mutation)
    assert response.status_code in (200, 403, 429) or response.status_code == 302
    if mutation[0].get("password", "wrong-password") != TEST_PASSWORD:
        assert "_auth_user_id" not in client.session
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")


@FUZZ
@given(
    mutation=mutations(
        ["language", "next"], {"language": st.one_of(st.sampled_from(["en", "zh-hans", "EN", "xx"]), text)}
    )
)
@example(mutation=({"language": "\x00", "next": "//evil.example"}, set(), {}))
def test_the_language_switch_never_fails_and_never_leaves_the_site(mutation):
    response = posted(anonymous(), reverse("set_language"), {"language": "en", "next": "/"}, mutation)
    assert response.status_code in (200, 204, 302)
    if response.status_code == 302:
        assert not response["Location"].startswith(("//", "http"))


def test_a_posted_form_count_above_the_limit_builds_no_more_position_forms_than_allowed():
    """Found by the fuzzing: TOTAL_FORMS=1001 built and rendered 1,001 forms (about a minute)."""
    from services.jobfairs.forms import MAX_POSITIONS, PositionFormSet

    data = position_fields([a_position()]) | {"positions-TOTAL_FORMS": "1001"}
    formset = PositionFormSet(data, prefix="positions")
    assert len(formset.forms) <= MAX_POSITIONS
    assert not formset.is_valid() and formset.non_form_errors()
