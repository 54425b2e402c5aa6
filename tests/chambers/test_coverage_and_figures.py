"""Coverage arithmetic (an area covered by two chambers counts once; a chamber that leaves 正常
uncovers its area), the coverage page, the figures against their lists, and the 商会统计表."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chambers import coverage, metrics, operations
from chambers.choices import EventKind, InspectionResult, KeyAreaKind, Status
from chambers.ledgers import CHAMBER_LEDGER
from chambers.models import AnnualInspection, ChamberEvent, FourGoodRating, KeyArea
from federation.ledgers import ledger
from federation.models import Division
from tests.chambers.factories import ChamberFactory, KeyAreaFactory, MembershipFactory
from tests.enterprises.factories import county

pytestmark = pytest.mark.django_db
COVERAGE = reverse("chambers:coverage")


def rate_of(kind=None):
    return next(r for r in coverage.rates() if r.kind == kind)


def test_an_area_covered_by_two_chambers_counts_once():
    area, _other = KeyAreaFactory(), KeyAreaFactory()
    area.chambers.add(ChamberFactory(), ChamberFactory())
    overall = rate_of()
    assert (overall.areas, overall.covered, overall.rate) == (2, 1, 50.0)
    assert (rate_of(KeyAreaKind.BUSINESS_DISTRICT).covered, rate_of(KeyAreaKind.PARK).rate) == (1, None)


def test_a_chamber_that_leaves_active_uncovers_its_area(staff):
    chamber = ChamberFactory()
    KeyAreaFactory().chambers.add(chamber)
    assert rate_of().rate == 100.0
    operations.rectify(chamber, staff, "年检不合格")
    assert rate_of().rate == 0.0
    operations.restore(chamber, staff, "整改完成")
    assert rate_of().rate == 100.0


def test_an_area_stays_covered_while_one_of_its_chambers_is_active(staff):
    a, b = ChamberFactory(), ChamberFactory()
    KeyAreaFactory().chambers.add(a, b)
    operations.rectify(a, staff, "整顿")
    assert rate_of().covered == 1


def test_the_rates_from_the_page_s_areas_and_from_the_database_agree():
    KeyAreaFactory().chambers.add(ChamberFactory())
    KeyAreaFactory(kind=KeyAreaKind.PARK)
    KeyAreaFactory(kind=KeyAreaKind.PARK).chambers.add(ChamberFactory(status=Status.DORMANT))
    listed = list(coverage.areas_with_coverage())
    assert [(r.kind, r.areas, r.covered) for r in coverage.rates(listed)] == [
        (r.kind, r.areas, r.covered) for r in coverage.rates()
    ]
    assert rate_of(KeyAreaKind.PARK).covered == 0 and rate_of().rate == 33.3


def test_the_coverage_page_shows_areas_uncovered_and_chambers_founded_this_year(staff_client):
    today = timezone.localdate()
    new = ChamberFactory(name="新建商会", registered_on=today)
    KeyAreaFactory(name="中心商圈").chambers.add(new)
    KeyAreaFactory(name="空白园区", kind=KeyAreaKind.PARK)
    ChamberFactory(name="老商会", registered_on=datetime.date(today.year - 3, 1, 1))
    response = staff_client.get(COVERAGE)
    assert response.status_code == 200
    assert [a.name for a in response.context["uncovered"]] == ["空白园区"]
    assert [c.name for c in response.context["founded"]] == ["新建商会"]
    assert "50.0%" in response.content.decode()


def test_the_coverage_page_takes_the_same_queries_for_few_or_many_areas(staff_client):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(COVERAGE).status_code == 200
        return len(ctx)

    for _ in range(3):
        KeyAreaFactory().chambers.add(ChamberFactory(registered_on=timezone.localdate()))
    staff_client.get(COVERAGE)
    few = queries()
    for _ in range(30):
        KeyAreaFactory().chambers.add(ChamberFactory(registered_on=timezone.localdate()), ChamberFactory())
    assert queries() == few <= 12


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(("role", "status"), [("leader", 200), ("secretary", 200), ("outsider", 403)])
def test_the_coverage_page_by_role(request, role, status):
    assert _client(request.getfixturevalue(role)).get(COVERAGE).status_code == status


def test_staff_add_a_subdistrict_key_area_chosen_from_the_divisions(staff_client):
    township = Division.objects.filter(level=Division.Level.TOWNSHIP).first()
    if township is None:
        township = Division.objects.create(code="630102001", name="东关大街街道", level=Division.Level.TOWNSHIP)
    chamber = ChamberFactory()
    data = {"kind": KeyAreaKind.SUBDISTRICT, "name": township.name, "division": township.pk, "chambers": [chamber.pk]}
    assert staff_client.post(reverse("chambers:keyarea_add"), data).status_code == 302
    area = KeyArea.objects.get()
    assert (area.division, list(area.chambers.all())) == (township, [chamber])


def test_a_subdistrict_without_its_division_or_an_industry_without_its_cluster_is_refused(staff_client):
    for kind in (KeyAreaKind.SUBDISTRICT, KeyAreaKind.INDUSTRY):
        response = staff_client.post(reverse("chambers:keyarea_add"), {"kind": kind, "name": "某区域"})
        assert response.status_code == 200 and response.context["form"].errors
    assert KeyArea.objects.count() == 0


@pytest.mark.parametrize("role", ["leader", "secretary", "outsider"])
def test_only_staff_edit_key_areas(request, role):
    area = KeyAreaFactory()
    client = _client(request.getfixturevalue(role))
    assert client.get(reverse("chambers:keyarea_edit", args=[area.pk])).status_code == 403


# --- figures ---


@pytest.fixture
def figure_data(staff):
    """In district a, 2025: one chamber restored from dormant, one deregistered from dormant, one founded;
    two inspected (one passed), one rated; a chamber in district b."""
    a, b = county("630102"), county("630103")
    on = datetime.date(2025, 3, 10)
    restored, gone = ChamberFactory(district=a), ChamberFactory(district=a)
    for chamber in (restored, gone):
        operations.mark_dormant(chamber, staff, "长期不活动", on=datetime.date(2024, 6, 1))
    operations.restore(restored, staff, "恢复活动", on=on)
    operations.deregister(gone, staff, "注销", on=on)
    new = ChamberFactory(district=a, registered_on=datetime.date(2025, 4, 1))
    AnnualInspection.objects.create(chamber=restored, year=2024, result=InspectionResult.PASSED, inspected_on=on)
    AnnualInspection.objects.create(chamber=new, year=2024, result=InspectionResult.FAILED, inspected_on=on)
    FourGoodRating.objects.create(
        chamber=restored,
        year=2025,
        political_score=90,
        team_score=90,
        service_score=90,
        discipline_score=90,
        level="city",
        rated_on=datetime.date(2025, 5, 1),
    )
    ChamberFactory(district=b, registered_on=datetime.date(2025, 4, 1))
    KeyAreaFactory(district=a).chambers.add(new)
    KeyAreaFactory(kind="park", district=a).chambers.add(restored)  # covered, but not by a new chamber
    MembershipFactory(chamber=new)
    MembershipFactory(chamber=restored, role="vice_president", started_on=datetime.date(2025, 6, 1))
    MembershipFactory(chamber=restored, ended_on=datetime.date(2025, 6, 30))  # left before the period's end
    MembershipFactory(chamber=restored, started_on=datetime.date(2026, 1, 5))  # joined after it
    return a, b


@pytest.mark.parametrize("in_district", [True, False])
def test_every_chamber_figure_equals_the_count_of_its_list(figure_data, staff_client, in_district):
    a, _b = figure_data
    figures = metrics.chamber_figures(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), a if in_district else None
    )
    for figure in figures:
        if figure.is_count:
            assert staff_client.get(figure.url).context["table"].paginator.count == figure.value, figure.key
        if figure.numerator is not None:
            assert staff_client.get(figure.numerator_url).context["table"].paginator.count == figure.numerator
            assert staff_client.get(figure.denominator_url).context["table"].paginator.count == figure.denominator


def test_the_figures_count_what_was_built(figure_data):
    a, _b = figure_data
    f = {x.key: x for x in metrics.chamber_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), a)}
    assert (f["chambers.total"].value, f["chambers.active"].value, f["chambers.deregistered"].value) == (3, 2, 1)
    assert (f["chambers.dealt"].value, f["chambers.dealt_deregistered"].value, f["chambers.dealt_restored"].value) == (
        2,
        1,
        1,
    )
    assert f["chambers.new"].value == 1
    # The new chamber covers a business district; the park is covered by an older chamber.
    assert (f["chambers.new.business_district"].value, f["chambers.new.park"].value) == (1, 0)
    assert f["chambers.members"].value == 2  # in force on 2025-12-31
    assert (f["chambers.inspection_pass_rate"].value, f["chambers.inspection_pass_rate"].unit) == (50.0, "%")
    assert f["chambers.rated"].value == 1
    assert f["chambers.coverage_rate"].value == 100.0
    keys = [x.key for x in f.values()]
    assert len(keys) == len(set(keys)) and all(k.startswith("chambers.") for k in keys)


def test_a_period_before_the_events_counts_none_dealt_with(figure_data):
    f = {x.key: x for x in metrics.chamber_figures(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))}
    assert f["chambers.dealt"].value == 0 and f["chambers.new"].value == 0
    assert f["chambers.inspection_pass_rate"].value is None


# --- the ledger ---


def test_the_ledger_is_registered_and_counts_current_members_and_the_rating_in_force(staff, figure_data):
    assert ledger("chambers.chambers") is CHAMBER_LEDGER
    headers = [str(h) for h in CHAMBER_LEDGER.headers()]
    rows = list(CHAMBER_LEDGER.rows(CHAMBER_LEDGER.queryset(staff), staff))
    assert len(rows) == 4
    members = [row[headers.index(str(CHAMBER_LEDGER.columns[6].header))] for row in rows]
    rated = [row[8] for row in rows if row[8]]
    assert sorted(members) == [0, 0, 1, 2] and len(rated) == 1  # current today, not on the period's end


def test_a_secretary_s_ledger_holds_their_own_chamber_only(secretary):
    own = ChamberFactory()
    ChamberFactory()
    own.secretaries.add(secretary)
    assert list(CHAMBER_LEDGER.queryset(secretary)) == [own]


def test_only_a_status_change_out_of_dormant_counts_as_dealt_with(figure_data):
    chamber = ChamberEvent.objects.filter(kind=EventKind.STATUS).first().chamber
    ChamberEvent.objects.create(chamber=chamber, kind=EventKind.ACTIVITY, occurred_on=datetime.date(2025, 6, 1))
    f = {x.key: x for x in metrics.chamber_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))}
    assert f["chambers.dealt"].value == 2  # the two that left 僵尸; marking them dormant in 2024 is not counted
