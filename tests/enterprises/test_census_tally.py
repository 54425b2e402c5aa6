"""The register's census and its records added, kept as tallies by PostgreSQL triggers (migration
0011), equal the register counted row by row after every kind of write: a save, a bulk insert, a
queryset update, a delete, a truncate; and folding the tallies (the nightly task) changes no sum."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from enterprises import counts, metrics
from enterprises.models import Enterprise
from enterprises.tasks import compact_tallies
from tests.enterprises.factories import EnterpriseFactory, county

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _key(row):
    return tuple(row[f] for f in counts.CENSUS_FIELDS)


def _same_as_counted(district=None):
    pk = getattr(district, "pk", district)
    tallied = {_key(r): r["n"] for r in counts.tallied_census(pk)}
    counted = {_key(r): r["n"] for r in metrics.counted_census(pk)}
    assert tallied == counted
    today = TODAY()
    for start, end in [
        (today, today),
        (today - datetime.timedelta(days=400), today),
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
    ]:
        assert counts.tallied_added(start, end, pk) == metrics.counted_added(start, end, district)
    return tallied


def _tally_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM enterprises_census_tally")
        return cursor.fetchone()[0]


def test_the_tallies_follow_saves_bulk_inserts_updates_and_deletes():
    other = county("630103")
    first = EnterpriseFactory(cluster="pv")
    EnterpriseFactory.create_batch(3, district=other, is_member=True)
    _same_as_counted()
    Enterprise.objects.bulk_create(
        [Enterprise(name=f"批量企业{i}", uscc=f"x{i}", district=other, cluster="lithium") for i in range(4)]
    )
    _same_as_counted()
    first.registry_status = "deregistered"
    first.district = other
    first.save()
    Enterprise.objects.filter(district=other, is_member=True).update(is_member=False, cluster="alloys")
    tallied = _same_as_counted(other)
    assert sum(tallied.values()) == 8
    Enterprise.objects.filter(name__startswith="批量企业").delete()
    _same_as_counted()
    _same_as_counted(other)


def test_an_edit_that_changes_no_counted_field_adds_no_tally_row():
    enterprise = EnterpriseFactory()
    before = _tally_rows()
    enterprise.contact_person = "王五"
    enterprise.save()
    assert _tally_rows() == before


def test_records_added_count_by_the_local_day_they_were_made():
    made = EnterpriseFactory()
    # 23:30 in Xining is 15:30 UTC: the record counts for that Xining day, not the next UTC one.
    late = datetime.datetime(2025, 3, 1, 15, 30, tzinfo=datetime.UTC)
    Enterprise.objects.filter(pk=made.pk).update(created_at=late)
    assert counts.tallied_added(datetime.date(2025, 3, 1), datetime.date(2025, 3, 1)) == 1
    assert counts.tallied_added(datetime.date(2025, 3, 2), datetime.date(2025, 3, 2)) == 0
    _same_as_counted()


def test_a_truncated_register_leaves_empty_tallies():
    EnterpriseFactory.create_batch(2)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's deferred foreign-key checks first
        cursor.execute("TRUNCATE enterprises_enterprise CASCADE")
    assert counts.tallied_census() == []
    assert counts.tallied_added(datetime.date(2000, 1, 1), TODAY()) == 0


def test_folding_the_tallies_keeps_every_sum_in_fewer_rows():
    for _ in range(4):
        EnterpriseFactory(cluster="pv")  # four statements: four rows of the same group
    Enterprise.objects.filter(cluster="pv").update(is_member=True)
    before = _same_as_counted()
    rows = _tally_rows()
    compact_tallies()
    assert _same_as_counted() == before
    assert _tally_rows() < rows
    compact_tallies()  # safe to run twice
    assert _same_as_counted() == before


def test_the_figures_read_the_tallies(django_assert_num_queries):
    EnterpriseFactory.create_batch(2, is_member=True)
    today = TODAY()
    with django_assert_num_queries(2):  # the census tally and the added tally: no scan of the register
        figures = {f.key: f.value for f in metrics.enterprise_figures(today, today)}
    assert figures["enterprises.total"] == 2 and figures["enterprises.members"] == 2
    assert figures["enterprises.new"] == 2
