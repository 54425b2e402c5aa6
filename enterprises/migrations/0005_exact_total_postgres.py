"""PostgreSQL only: an exact running total of enterprises, kept by statement-level triggers.

The unfiltered list shows "N enterprises" on every visit; COUNT(*) over 250,000 rows costs about
15 ms even as an index-only scan, the single largest part of the page. The total is kept in a
one-row table, updated in the same transaction as every INSERT, DELETE and TRUNCATE (COPY and
``bulk_create`` included), so it is exact, not an estimate. Filtered lists still count their rows.
Inserting transactions queue on the one row; enterprise records change at office pace, so this is
cheap (an import is one transaction).
"""

from django.db import migrations

FORWARD = [
    """
    CREATE TABLE enterprises_enterprise_total (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        n bigint NOT NULL
    )
    """,
    "INSERT INTO enterprises_enterprise_total (id, n) SELECT true, count(*) FROM enterprises_enterprise",
    """
    CREATE FUNCTION enterprises_total_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE enterprises_enterprise_total SET n = n + (SELECT count(*) FROM inserted_rows);
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION enterprises_total_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE enterprises_enterprise_total SET n = n - (SELECT count(*) FROM deleted_rows);
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION enterprises_total_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE enterprises_enterprise_total SET n = 0;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER enterprises_total_insert AFTER INSERT ON enterprises_enterprise
        REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprises_total_inserted()
    """,
    """
    CREATE TRIGGER enterprises_total_delete AFTER DELETE ON enterprises_enterprise
        REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprises_total_deleted()
    """,
    """
    CREATE TRIGGER enterprises_total_truncate AFTER TRUNCATE ON enterprises_enterprise
        FOR EACH STATEMENT EXECUTE FUNCTION enterprises_total_truncated()
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS enterprises_total_truncate ON enterprises_enterprise",
    "DROP TRIGGER IF EXISTS enterprises_total_delete ON enterprises_enterprise",
    "DROP TRIGGER IF EXISTS enterprises_total_insert ON enterprises_enterprise",
    "DROP FUNCTION IF EXISTS enterprises_total_truncated()",
    "DROP FUNCTION IF EXISTS enterprises_total_deleted()",
    "DROP FUNCTION IF EXISTS enterprises_total_inserted()",
    "DROP TABLE IF EXISTS enterprises_enterprise_total",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0004_enterprise_import")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
