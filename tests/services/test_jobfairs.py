"""Job fairs: the operations (booths, waiting list, return and resubmit, intentions, hires), bad
input refused with nothing half-saved, the staff pages for every role, figures on a hand-built fair,
the ledger, the timeline and the workbench."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from federation import registry
from federation.transitions import TransitionError
from services.jobfairs import contributions, ledgers, metrics, operations
from services.jobfairs.choices import FairStatus, RegistrationStatus
from services.jobfairs.models import JobFair, JobPosition, JobRegistration
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import roles_map

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
S = RegistrationStatus


def make_fair(booths=3, status=FairStatus.OPEN, held_in=10, **kw):
    held_on = TODAY() + datetime.timedelta(days=held_in)
    defaults = {
        "title": "政策宣传月民营企业专场招聘会",
        "held_on": held_on,
        "venue": "西宁市人力资源市场",
        "organiser": "西宁市工商联",
        "registration_opens": min(TODAY(), held_on) - datetime.timedelta(days=5),
        "registration_closes": max(TODAY(), held_on) if held_in >= 0 else held_on,
        "booths": booths,
        "status": status,
    }
    return JobFair.objects.create(**{**defaults, **kw})


def position(**kw):
    return {"title": "电工", "headcount": 3, "salary_min": 5000, "salary_max": 7000, "place": "城东区", **kw}


def register(fair, i=0, positions=None, **kw):
    return operations.register_for_fair(
        fair,
        enterprise_name=kw.pop("enterprise_name", f"青海招聘{i}号有限公司"),
        contact_person="张明",
        phone="139 1234 5678",
        positions=[position()] if positions is None else positions,
        check_window=kw.pop("check_window", False),
        **kw,
    )


# --- Operations ---------------------------------------------------------------------------------


def test_a_registration_stores_its_positions_and_a_tracking_code():
    fair = make_fair()
    reg = register(fair, positions=[position(), position(title="会计", headcount=1)], check_window=True)
    assert reg.status == S.SUBMITTED and len(reg.code) == 10
    assert reg.phone == "13912345678"  # normalised
    assert reg.positions.count() == 2 and reg.openings == 4


def test_the_same_enterprise_cannot_register_twice_by_code_or_name():
    e = EnterpriseFactory()
    fair = make_fair()
    register(fair, uscc=e.uscc, enterprise_name="")
    with pytest.raises(operations.AlreadyRegistered):
        register(fair, uscc=e.uscc.lower(), enterprise_name="别名")
    register(fair, i=9, enterprise_name="青海 高原（光伏）")
    with pytest.raises(operations.AlreadyRegistered):
        register(fair, enterprise_name="青海高原(光伏)")
    assert fair.registrations.count() == 2 and JobPosition.objects.count() == 2


def test_the_database_refuses_a_second_registration_with_the_same_key():
    fair = make_fair()
    reg = register(fair)
    with pytest.raises(IntegrityError):
        JobRegistration.objects.create(
            fair=fair, enterprise_name="x", contact_person="x", phone="1", match_key=reg.match_key,
            code="OTHERCODE1", submitted_at=timezone.now(),
        )  # fmt: skip


@pytest.mark.parametrize(
    "status,opens,closes",
    [(FairStatus.PREPARING, -1, 1), (FairStatus.OPEN, 1, 3), (FairStatus.OPEN, -5, -1), (FairStatus.CLOSED, -1, 1)],
)
def test_registration_is_refused_outside_the_window_or_status(status, opens, closes):
    fair = make_fair(
        status=status,
        registration_opens=TODAY() + datetime.timedelta(days=opens),
        registration_closes=TODAY() + datetime.timedelta(days=closes),
    )
    with pytest.raises(operations.JobFairError) as exc:
        register(fair, check_window=True)
    assert "报名" in exc.value.messages[0]
    assert not JobRegistration.objects.exists()


@pytest.mark.parametrize(
    "bad", [position(headcount=0), position(headcount=-2), position(salary_min=8000, salary_max=5000), None]
)
def test_bad_positions_are_refused_and_nothing_is_saved(bad):
    fair = make_fair()
    with pytest.raises(operations.JobFairError):
        register(fair, positions=[position(), bad] if bad else [])
    assert not JobRegistration.objects.exists() and not JobPosition.objects.exists()


def test_approving_beyond_the_booths_puts_registrations_on_the_waiting_list_and_a_return_moves_one_up():
    fair = make_fair(booths=2)
    regs = [register(fair, i) for i in range(4)]
    for r in regs:
        operations.approve_registration(r)
    assert [r.status for r in regs] == [S.APPROVED, S.APPROVED, S.WAITING, S.WAITING]
    assert operations.booths_used(fair) == 2
    # A waiting one cannot be approved while every booth is taken.
    with pytest.raises(operations.JobFairError):
        operations.approve_registration(regs[3])
    operations.return_registration(regs[0], "岗位信息不完整")
    for r in regs:
        r.refresh_from_db()
    assert [r.status for r in regs] == [S.RETURNED, S.APPROVED, S.APPROVED, S.WAITING]
    assert regs[0].return_reason == "岗位信息不完整"


def test_returning_needs_a_reason_and_a_returned_one_is_resubmitted_with_its_corrections():
    fair = make_fair()
    reg = register(fair)
    with pytest.raises(operations.JobFairError):
        operations.return_registration(reg, "  ")
    operations.return_registration(reg, "请补充薪资")
    found = operations.find_for_correction(reg.code.lower(), "+86 139-1234-5678")
    assert found == reg
    assert operations.find_for_correction(reg.code, "13900000000") is None
    operations.resubmit_registration(
        reg, enterprise_name=reg.enterprise_name, contact_person="李华", phone="13800001111",
        positions=[position(title="焊工", headcount=2), position(title="司机", headcount=1)],
    )  # fmt: skip
    reg.refresh_from_db()
    assert reg.status == S.SUBMITTED and reg.contact_person == "李华"
    assert list(reg.positions.values_list("title", flat=True)) == ["焊工", "司机"]
    with pytest.raises(TransitionError):
        operations.resubmit_registration(
            reg, enterprise_name="x", contact_person="x", phone="1", positions=[position()]
        )


def test_intentions_at_most_the_openings_and_hires_at_most_the_intentions():
    fair = make_fair()
    reg = register(fair, positions=[position(headcount=3), position(title="会计", headcount=2)])
    with pytest.raises(TransitionError):
        operations.record_intentions(reg, 1)  # not approved yet
    operations.approve_registration(reg)
    with pytest.raises(operations.JobFairError) as exc:
        operations.record_intentions(reg, 6)
    assert "5" in exc.value.messages[0]
    operations.record_intentions(reg, 4)
    with pytest.raises(operations.JobFairError):
        operations.confirm_hires(reg, 2)  # the fair has not been held
    fair.status = FairStatus.HELD
    fair.save()
    with pytest.raises(operations.JobFairError):
        operations.confirm_hires(reg, 5)
    operations.confirm_hires(reg, 3)
    reg.refresh_from_db()
    assert (reg.intentions, reg.hires) == (4, 3)


def test_the_fairs_transitions():
    fair = make_fair(status=FairStatus.PREPARING, held_in=0)
    with pytest.raises(TransitionError):
        operations.close_registration(fair)
    operations.open_registration(fair)
    operations.close_registration(fair)
    assert fair.status == FairStatus.CLOSED
    future = make_fair(held_in=5, title="下月招聘会")
    with pytest.raises(operations.JobFairError):
        operations.mark_held(future)
    operations.mark_held(fair)
    assert fair.status == FairStatus.HELD


def test_copy_from_the_previous_fair_finds_the_enterprises_earlier_positions():
    e = EnterpriseFactory()
    old = make_fair(title="去年招聘会", held_in=-300, status=FairStatus.HELD)
    register(old, uscc=e.uscc, positions=[position(title="质检员")])
    fair = make_fair()
    assert [p["title"] for p in operations.previous_positions(e.uscc, fair)] == ["质检员"]
    assert operations.previous_positions("", fair) == []


# --- Pages and roles ----------------------------------------------------------------------------


def test_the_staff_pages_for_every_role(assert_roles):
    fair = make_fair()
    read = roles_map({"admin", "leader", "staff"})
    write = roles_map({"admin", "staff"})
    assert_roles(reverse("services:jobfair_list"), read)
    assert_roles(reverse("services:jobregistration_list"), read)
    assert_roles(fair.get_absolute_url(), read)
    assert_roles(reverse("services:jobfair_poster", args=[fair.pk]), read)
    assert_roles(reverse("services:jobfair_add"), write)
    assert_roles(reverse("services:jobfair_edit", args=[fair.pk]), write)


def test_leadership_reads_the_fair_with_contacts_masked(leader_client, staff_client):
    fair = make_fair()
    register(fair)
    body = leader_client.get(fair.get_absolute_url()).content.decode()
    assert "13912345678" not in body and "139****5678" in body
    assert 'data-testid="approve"' not in body
    assert "13912345678" in staff_client.get(fair.get_absolute_url()).content.decode()


def test_staff_approve_and_return_from_the_fair_page(staff_client, leader_client):
    fair = make_fair(booths=1)
    a, b = register(fair, 1), register(fair, 2)
    url = lambda r, action: reverse("services:jobregistration_action", args=[r.pk, action])  # noqa: E731
    assert leader_client.post(url(a, "approve")).status_code == 403
    assert staff_client.post(url(a, "approve")).status_code == 302
    staff_client.post(url(b, "approve"))
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, b.status) == (S.APPROVED, S.WAITING)
    page = staff_client.get(fair.get_absolute_url())
    assert page.context["booths_used"] == 1 and len(page.context["waiting"]) == 1
    response = staff_client.post(url(a, "return"), {f"return-{a.pk}-reason": ""})
    assert response.status_code == 200 and "请" in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.APPROVED
    staff_client.post(url(a, "return"), {f"return-{a.pk}-reason": "营业执照信息不符"})
    b.refresh_from_db()
    assert b.status == S.APPROVED


def test_intentions_above_openings_are_refused_on_the_page_with_the_number_kept(staff_client):
    fair = make_fair()
    reg = register(fair, positions=[position(headcount=2)])
    operations.approve_registration(reg)
    url = reverse("services:jobregistration_action", args=[reg.pk, "intentions"])
    response = staff_client.post(url, {f"intentions-{reg.pk}-count": "9"})
    body = response.content.decode()
    assert response.status_code == 200 and "不能超过" in body and 'value="9"' in body
    reg.refresh_from_db()
    assert reg.intentions is None
    staff_client.post(url, {f"intentions-{reg.pk}-count": "2"})
    reg.refresh_from_db()
    assert reg.intentions == 2


def test_staff_add_a_fair_and_open_it(staff_client):
    data = {
        "title": "春风行动招聘会",
        "held_on": (TODAY() + datetime.timedelta(days=20)).isoformat(),
        "venue": "市民中心",
        "registration_opens": TODAY().isoformat(),
        "registration_closes": (TODAY() + datetime.timedelta(days=25)).isoformat(),
        "booths": "0",
    }
    response = staff_client.post(reverse("services:jobfair_add"), data)
    assert response.status_code == 200 and not JobFair.objects.exists()
    body = response.content.decode()
    assert "至少" in body and "春风行动招聘会" in body
    data |= {"booths": "50", "registration_closes": (TODAY() + datetime.timedelta(days=15)).isoformat()}
    response = staff_client.post(reverse("services:jobfair_add"), data)
    fair = JobFair.objects.get()
    assert response.status_code == 302 and fair.status == FairStatus.PREPARING
    staff_client.post(reverse("services:jobfair_action", args=[fair.pk, "open"]), {"version": fair.version})
    fair.refresh_from_db()
    assert fair.status == FairStatus.OPEN


def test_the_booths_cannot_be_cut_below_those_already_given(staff_client):
    fair = make_fair(booths=3)
    for r in [register(fair, i) for i in range(3)]:
        operations.approve_registration(r)
    data = {
        "title": fair.title,
        "held_on": fair.held_on.isoformat(),
        "venue": fair.venue,
        "organiser": fair.organiser,
        "registration_opens": fair.registration_opens.isoformat(),
        "registration_closes": fair.registration_closes.isoformat(),
        "booths": "2",
        "description": "",
    }
    url = reverse("services:jobfair_edit", args=[fair.pk])
    response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response.context["form"].errors["booths"] == ["已有 3 个展位分配给审核通过的企业，请先退回部分报名。"]
    fair.refresh_from_db()
    assert fair.booths == 3
    assert staff_client.post(url, data | {"booths": "5"}).status_code == 302
    fair.refresh_from_db()
    assert fair.booths == 5


# --- Figures, ledger, timeline, workbench -------------------------------------------------------


def hand_built_fair():
    """Held 40 days ago: 3 booths, 4 registrations (3 approved, 1 waiting), positions 2+1+1."""
    fair = make_fair(booths=3, held_in=-40, status=FairStatus.OPEN)
    regs = [
        register(fair, 0, positions=[position(headcount=5), position(title="会计", headcount=2)]),
        register(fair, 1, positions=[position(headcount=10)]),
        register(fair, 2, positions=[position(headcount=1)]),
        register(fair, 3, positions=[position(headcount=4)]),
    ]
    for r in regs:
        operations.approve_registration(r)
    operations.record_intentions(regs[0], 6)
    operations.record_intentions(regs[1], 4)
    operations.mark_held(fair)
    operations.confirm_hires(regs[0], 3)
    return fair, regs


def test_the_figures_of_a_hand_built_fair(staff_client):
    fair, regs = hand_built_fair()
    make_fair(title="未来招聘会")  # not held: not counted
    start, end = TODAY() - datetime.timedelta(days=60), TODAY()
    figures = {f.key: f for f in metrics.figures(start, end)}
    assert figures["jobfairs.fairs"].value == 1
    assert figures["jobfairs.enterprises"].value == 3
    assert figures["jobfairs.positions"].value == Decimal(4)
    assert figures["jobfairs.openings"].value == Decimal(18)
    assert figures["jobfairs.intentions"].value == Decimal(10)
    assert figures["jobfairs.hires"].value == Decimal(3)
    listed = staff_client.get(figures["jobfairs.enterprises"].url).context["table"].paginator.count
    assert listed == 3
    assert staff_client.get(figures["jobfairs.fairs"].url).context["table"].paginator.count == 1
    assert metrics.figures(start, end, district=1) == []
    row = ledgers.with_figures(JobFair.objects.filter(pk=fair.pk)).get()
    assert (row.n_enterprises, row.n_positions, row.n_openings, row.n_intentions, row.n_hires) == (3, 4, 18, 10, 3)


def test_the_ledger_exports_one_row_per_fair(staff_client):
    hand_built_fair()
    response = staff_client.get(reverse("services:jobfair_list") + "?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheet" in response["Content-Type"]


def test_the_workbench_asks_for_hires_thirty_days_after_the_fair(staff, leader):
    fair, regs = hand_built_fair()
    sections = contributions.hires_to_confirm(staff)
    assert sections and sections[0].count == 1 and fair.title in sections[0].items[0].text
    assert contributions.hires_to_confirm(leader) == []
    assert contributions.hires_to_confirm(staff, today=fair.held_on + datetime.timedelta(days=29)) == []
    for r in regs[1:3]:
        operations.confirm_hires(r, 0)
    assert contributions.hires_to_confirm(staff) == []


def test_participation_is_on_the_enterprises_timeline_for_who_may_view_job_fairs(staff, secretary):
    e = EnterpriseFactory()
    fair = make_fair()
    register(fair, uscc=e.uscc, enterprise_name="")
    provider = next(p for p in registry.timeline if p.entries is contributions.enterprise_timeline)
    assert provider.permission == "services.view_jobfair"
    assert staff.has_perm(provider.permission) and not secretary.has_perm(provider.permission)
    entries = contributions.enterprise_timeline(e, limit=5)
    assert [x.title for x in entries] == [fair.title]


# --- Every action from every status -------------------------------------------------------------

REG_ACTIONS = {
    "approve": lambda r: operations.approve_registration(r),
    "return": lambda r: operations.return_registration(r, "请补充"),
    "resubmit": lambda r: operations.resubmit_registration(
        r, enterprise_name=r.enterprise_name, contact_person="张明", phone="13912345678", positions=[position()]
    ),
    "intentions": lambda r: operations.record_intentions(r, 1),
}


@pytest.mark.parametrize("action", REG_ACTIONS)
@pytest.mark.parametrize("status", list(S))
def test_each_registration_action_is_allowed_only_from_its_statuses(action, status):
    fair = make_fair(booths=5)
    reg = register(fair)
    JobRegistration.objects.filter(pk=reg.pk).update(status=status)
    reg.refresh_from_db()
    allowed = status in operations.REGISTRATION.allowed[action]
    if allowed:
        REG_ACTIONS[action](reg)
    else:
        with pytest.raises(TransitionError):
            REG_ACTIONS[action](reg)
        reg.refresh_from_db()
        assert reg.status == status


FAIR_ACTIONS = {
    "open": operations.open_registration,
    "close": operations.close_registration,
    "hold": operations.mark_held,
}


@pytest.mark.parametrize("action", FAIR_ACTIONS)
@pytest.mark.parametrize("status", list(FairStatus))
def test_each_fair_action_is_allowed_only_from_its_statuses(action, status):
    fair = make_fair(status=status, held_in=0)
    if status in operations.FAIR.allowed[action]:
        FAIR_ACTIONS[action](fair)
    else:
        with pytest.raises(TransitionError):
            FAIR_ACTIONS[action](fair)
        fair.refresh_from_db()
        assert fair.status == status
