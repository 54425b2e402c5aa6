"""The change audit is append-only (issue 15; 网络安全法 asks for logs kept at least six months): on
PostgreSQL a trigger on every history table refuses a change to a row, and the deletion of a row
younger than 180 days, whoever asks — the application, the admin or SQL typed on the database."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from federation.audit import AUDIT_RETENTION_DAYS, history_tables
from tests.enterprises.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_every_history_table_is_protected():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'federation_audit_append_only'"
        )
        protected = {row[0] for row in cursor.fetchall()}
    assert set(history_tables()) <= protected
    assert "enterprises_historicalenterprise" in protected


def test_a_history_row_cannot_be_changed_or_deleted_by_the_application_or_by_sql():
    enterprise = EnterpriseFactory(name="青海审计测试有限公司")
    row = enterprise.history.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(name="改过的名字")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        row.delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM enterprises_historicalenterprise")
    row.refresh_from_db()
    assert row.name == "青海审计测试有限公司"


def test_the_enterprise_itself_changes_and_its_history_grows():
    enterprise = EnterpriseFactory(name="青海审计测试有限公司")
    enterprise.name = "青海审计测试有限公司（更名）"
    enterprise.save()
    pk = enterprise.pk
    enterprise.delete()
    assert [h.history_type for h in type(enterprise).history.filter(id=pk).order_by("history_id")] == [
        "+",
        "~",
        "-",
    ]


def test_rows_older_than_the_retention_may_be_purged_but_younger_ones_may_not():
    enterprise = EnterpriseFactory()
    enterprise.save()
    old, young = enterprise.history.order_by("history_id")
    # A row dated before the retention, inserted as such (changing a row's date would be refused).
    old.history_id = None
    old.history_date = timezone.now() - datetime.timedelta(days=AUDIT_RETENTION_DAYS + 1)
    old.save()
    aged = old.history_id
    type(old).objects.filter(history_id=aged).delete()
    assert not type(old).objects.filter(history_id=aged).exists()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        type(young).objects.filter(history_id=young.history_id).delete()


def test_deleting_a_user_account_keeps_the_rows_it_wrote(staff):
    from simple_history.utils import update_change_reason  # noqa: F401  (the history API in use)

    enterprise = EnterpriseFactory()
    enterprise._history_user = staff
    enterprise.save()
    row = enterprise.history.filter(history_user=staff).get()
    staff.delete()
    row.refresh_from_db()
    assert row.history_user_id is None and row.name == enterprise.name
