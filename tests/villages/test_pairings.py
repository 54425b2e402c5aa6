"""Pairings, villages, projects and targets: the pages by role, bad input refused in Chinese with
nothing half-saved, the status transitions before and after, the timeline of enterprises and
chambers, and the list pages' pinned query counts."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federation import registry
from federation.transitions import ConcurrentChange, TransitionNotAllowed
from tests.chambers.factories import ChamberFactory
from tests.enterprises.factories import EnterpriseFactory, county
from tests.kit import roles_map
from villages import operations
from villages.choices import Measure, PairingForm, PairingStatus
from villages.models import AnnualTarget, Pairing, PairingEvent, PairingProject, Village

from .factories import PairingFactory, ProjectFactory, ReportFactory, VillageFactory, township

pytestmark = pytest.mark.django_db
D = datetime.date
READ = roles_map({"admin", "leader", "staff"})
WRITE = roles_map({"admin", "staff"})


@pytest.fixture
def pairing():
    return PairingFactory()


@pytest.fixture
def project(pairing):
    return ProjectFactory(pairing=pairing)


def test_pages_by_role(assert_roles, pairing, project):
    report = ReportFactory(project=project)
    village = pairing.villages.get()
    target = AnnualTarget.objects.create(year=2026, measure=Measure.NEW_PAIRINGS, target=20)
    reads = [
        reverse("villages:overview"),
        reverse("villages:township_list"),
        reverse("villages:township_detail", args=[village.township_id]),
        reverse("villages:village_list"),
        reverse("villages:village_detail", args=[village.pk]),
        reverse("villages:paired_enterprises"),
        reverse("villages:pairing_list"),
        reverse("villages:pairing_detail", args=[pairing.pk]),
        reverse("villages:pairingproject_list"),
        reverse("villages:pairingproject_detail", args=[project.pk]),
        reverse("villages:progressreport_list"),
        reverse("villages:annualtarget_list"),
        reverse("villages:pairingproject_list") + "?export=xlsx",
    ]
    writes = [
        reverse("villages:village_add"),
        reverse("villages:village_edit", args=[village.pk]),
        reverse("villages:pairing_add"),
        reverse("villages:pairing_edit", args=[pairing.pk]),
        reverse("villages:pairingproject_add", args=[pairing.pk]),
        reverse("villages:pairingproject_edit", args=[project.pk]),
        reverse("villages:progressreport_add", args=[project.pk]),
        reverse("villages:progressreport_edit", args=[report.pk]),
        reverse("villages:annualtarget_add"),
        reverse("villages:annualtarget_edit", args=[target.pk]),
        reverse("villages:pairing_import"),
        reverse("villages:pairing_import_template"),
    ]
    for url in reads:
        assert_roles(url, READ)
    for url in writes:
        assert_roles(url, WRITE)
    assert_roles(
        reverse("villages:pairing_action", args=[pairing.pk, "complete"]),
        WRITE | {"admin": 302, "staff": 302},
        method="post",
    )


def pairing_data(enterprises=(), villages=(), chambers=(), form=PairingForm.ONE_TO_ONE, batch="2026年度", **extra):
    data = {
        "form": form,
        "enterprises": [e.pk for e in enterprises],
        "chambers": [c.pk for c in chambers],
        "villages": [v.pk for v in villages],
        "batch": batch,
        "start_year": 2026,
        "agreement_date": "2026-03-15",
        "partner_contact": "马建军",
        "partner_phone": "13909711234",
        "village_contact": "韩有德",
        "village_phone": "0971-2233445",
    }
    data.update(extra)
    return data


def test_staff_add_a_pairing_named_after_its_partners(staff, staff_client):
    e, v = EnterpriseFactory(name="青海高原光伏科技有限公司"), VillageFactory(name="阿家庄村")
    response = staff_client.post(reverse("villages:pairing_add"), pairing_data([e], [v]))
    assert response.status_code == 302
    pairing = Pairing.objects.get()
    assert pairing.name == "青海高原光伏科技有限公司 — 鲁沙尔镇阿家庄村"
    assert (pairing.started_on, pairing.status) == (D(2026, 3, 15), PairingStatus.ONGOING)
    assert pairing.history.first().history_user == staff


@pytest.mark.parametrize(
    "form, n_partners, n_villages, message",
    [
        (PairingForm.ONE_TO_ONE, 1, 2, "一对一结对应为"),
        (PairingForm.ONE_TO_MANY, 1, 1, "一对多结对应为"),
        (PairingForm.MANY_TO_ONE, 1, 1, "多对一结对应为"),
        (PairingForm.MANY_TO_ONE, 2, 2, "多对一结对应为"),
    ],
)
def test_the_form_must_agree_with_partners_and_villages(staff_client, form, n_partners, n_villages, message):
    enterprises = EnterpriseFactory.create_batch(n_partners)
    villages = VillageFactory.create_batch(n_villages)
    response = staff_client.post(reverse("villages:pairing_add"), pairing_data(enterprises, villages, form=form))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Pairing.objects.exists()


def test_a_chamber_counts_as_a_partner(staff_client):
    e, c, v = EnterpriseFactory(), ChamberFactory(), VillageFactory()
    response = staff_client.post(
        reverse("villages:pairing_add"), pairing_data([e], [v], chambers=[c], form=PairingForm.MANY_TO_ONE)
    )
    assert response.status_code == 302
    assert list(Pairing.objects.get().chambers.all()) == [c]


def test_no_partner_is_refused(staff_client):
    response = staff_client.post(reverse("villages:pairing_add"), pairing_data([], [VillageFactory()]))
    assert "请至少选择一家企业或商会" in response.content.decode()
    assert not Pairing.objects.exists()


def test_the_same_enterprise_village_pair_twice_in_a_batch_is_refused(staff_client):
    e, v = EnterpriseFactory(), VillageFactory()
    PairingFactory(enterprises=[e], villages=[v], batch="2026年度")
    response = staff_client.post(reverse("villages:pairing_add"), pairing_data([e], [v]))
    assert response.status_code == 200
    assert "在2026年度批次中已结对" in response.content.decode()
    assert Pairing.objects.count() == 1
    # Another batch is another year's pairing: allowed.
    assert (
        staff_client.post(reverse("villages:pairing_add"), pairing_data([e], [v], batch="2027年度")).status_code == 302
    )


def test_editing_a_pairing_does_not_clash_with_itself(staff_client):
    e, v = EnterpriseFactory(), VillageFactory()
    pairing = PairingFactory(enterprises=[e], villages=[v], batch="2026年度")
    response = staff_client.post(
        reverse("villages:pairing_edit", args=[pairing.pk]), pairing_data([e], [v], notes="签约仪式在村委会举行")
    )
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.notes == "签约仪式在村委会举行"


def test_a_village_in_a_township_of_another_district_is_refused(staff_client):
    response = staff_client.post(
        reverse("villages:village_add"),
        {"district": county("630121").pk, "township": township("630106102").pk, "name": "阿家庄村"},
    )
    assert response.status_code == 200
    assert "鲁沙尔镇不属于大通回族土族自治县" in response.content.decode()
    assert not Village.objects.exists()
    response = staff_client.post(
        reverse("villages:village_add"),
        {"district": county("630106").pk, "township": township("630106102").pk, "name": "阿家庄村", "is_key": "on"},
    )
    assert response.status_code == 302
    assert Village.objects.get().is_key


def project_data(village, **extra):
    data = {
        "village": village.pk,
        "project_type": "industry",
        "name": "高原夏菜种植基地",
        "planned_investment": "200",
        "actual_investment": "50",
        "jobs": 12,
        "income_increase": "8",
        "households_benefiting": 40,
        "start_date": "2026-04-01",
        "status": "underway",
    }
    data.update(extra)
    return data


def test_staff_add_a_project_with_money_in_ten_thousand_yuan(pairing, staff_client):
    village = pairing.villages.get()
    response = staff_client.post(reverse("villages:pairingproject_add", args=[pairing.pk]), project_data(village))
    assert response.status_code == 302
    project = PairingProject.objects.get()
    assert (project.pairing, project.planned_investment, project.actual_investment, project.jobs) == (
        pairing,
        2_000_000,
        500_000,
        12,
    )


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"actual_investment": "-5"}, "actual_investment"),
        ({"jobs": -1}, "jobs"),
        ({"income_increase": "-1"}, "income_increase"),
        ({"end_date": "2026-03-01"}, "end_date"),
    ],
)
def test_bad_project_input_is_refused_and_nothing_saved(pairing, staff_client, extra, field):
    response = staff_client.post(
        reverse("villages:pairingproject_add", args=[pairing.pk]), project_data(pairing.villages.get(), **extra)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(errors))  # the message is in Chinese
    assert not PairingProject.objects.exists()


def test_a_project_in_a_village_outside_the_pairing_is_refused(pairing, staff_client):
    other = VillageFactory()
    response = staff_client.post(reverse("villages:pairingproject_add", args=[pairing.pk]), project_data(other))
    assert "village" in response.context["form"].errors
    assert not PairingProject.objects.exists()


def test_completing_terminating_and_reopening_a_pairing(pairing, staff):
    operations.complete_pairing(pairing, staff, "目标完成", on=D(2026, 6, 30))
    assert (pairing.status, pairing.closed_on, pairing.version) == (PairingStatus.COMPLETED, D(2026, 6, 30), 1)
    with pytest.raises(TransitionNotAllowed):
        operations.terminate_pairing(pairing, staff, "企业停产")
    operations.reopen_pairing(pairing, staff)
    assert (pairing.status, pairing.closed_on) == (PairingStatus.ONGOING, None)
    with pytest.raises(TransitionNotAllowed):
        operations.terminate_pairing(pairing, staff, "  ")  # a reason is required
    operations.terminate_pairing(pairing, staff, "企业停产")
    events = list(
        PairingEvent.objects.filter(pairing=pairing)
        .order_by("pk")
        .values_list("kind", "from_status", "to_status", "text")
    )
    assert events == [
        ("completed", "ongoing", "completed", "目标完成"),
        ("reopened", "completed", "ongoing", ""),
        ("terminated", "ongoing", "terminated", "企业停产"),
    ]
    assert pairing.history.first().history_user == staff


def test_a_stale_version_changes_nothing(pairing, staff):
    with pytest.raises(ConcurrentChange):
        operations.complete_pairing(pairing, staff, version=pairing.version + 1)
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ONGOING and not pairing.events.exists()


def test_the_terminate_button_needs_a_reason(pairing, staff_client):
    url = reverse("villages:pairing_action", args=[pairing.pk, "terminate"])
    staff_client.post(url, {"text": "", "version": pairing.version})
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ONGOING
    staff_client.post(url, {"text": "村庄整体搬迁", "version": pairing.version})
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.TERMINATED


def test_pairings_and_projects_on_the_timelines_of_enterprises_and_chambers(staff, outsider):
    e, c = EnterpriseFactory(), ChamberFactory()
    pairing = PairingFactory(enterprises=[e], chambers=[c], form=PairingForm.MANY_TO_ONE)
    project = ProjectFactory(pairing=pairing, name="牦牛肉消费帮扶直供")
    for subject in (e, c):
        titles = [entry.title for entry in registry.timeline_for(subject, user=staff)]
        assert str(pairing) in titles and project.name in titles
    assert project.name not in [entry.title for entry in registry.timeline_for(e, user=outsider)]
    client = Client()
    client.force_login(staff)
    assert project.name in client.get(e.get_absolute_url()).content.decode()


def test_annual_target_pace_for_today(staff_client):
    AnnualTarget.objects.create(year=2026, measure=Measure.NEW_PAIRINGS, target=20)
    from villages.views import target_progress

    for i in range(5):
        PairingFactory(batch="2026年度", start_year=2026, agreement_date=D(2026, 1, 10 + i))
    [row] = target_progress(2026, D(2026, 7, 2))  # 183 of 365 days gone: 10 expected
    assert (row["actual"], row["expected"], row["behind"]) == (5, 10, True)
    [row] = target_progress(2026, D(2026, 2, 1))
    assert (row["actual"], row["expected"], row["behind"]) == (5, 1, False)


def test_a_target_for_a_count_must_be_whole(staff_client):
    response = staff_client.post(
        reverse("villages:annualtarget_add"), {"year": 2026, "measure": Measure.NEW_PAIRINGS, "target": "20.5"}
    )
    assert response.status_code == 200 and "整数" in response.content.decode()
    assert not AnnualTarget.objects.exists()


def _rows(n):
    for _ in range(n):
        pairing = PairingFactory()
        ReportFactory(project=ProjectFactory(pairing=pairing))


@pytest.mark.parametrize(
    "url_name",
    [
        "villages:pairing_list",
        "villages:pairingproject_list",
        "villages:village_list",
        "villages:paired_enterprises",
        "villages:township_list",
        "villages:progressreport_list",
    ],
)
def test_list_pages_run_the_same_queries_for_5_rows_as_for_50(staff, url_name):
    client = Client()
    client.force_login(staff)
    url = reverse(url_name) + ("?paired=1" if url_name in ("villages:village_list", "villages:township_list") else "")
    if url_name == "villages:progressreport_list":
        url += "?date_from=2025-01-01&date_to=2025-12-31"
    _rows(5)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    _rows(45)
    with CaptureQueriesContext(connection) as fifty:
        client.get(url)
    assert len(five) == len(fifty), url
