"""PostgreSQL only: the register's census kept as tallies by statement-level triggers, so that the
dashboard and the reports count 250,000 (or a province's 1,000,000) records without reading them.

Two tables of signed counts (``n``), appended to in the same transaction as every INSERT, UPDATE,
DELETE and TRUNCATE of enterprises (COPY and ``bulk_create`` included), so they are exact:

* ``enterprises_census_tally`` by district, key industry cluster, industry section, registry status
  and membership — the groups every register figure and chart is a sum of;
* ``enterprises_added_tally`` by the local date of ``created_at`` and district — the records added
  in a period.

The triggers only append rows (an update appends the net change of its groups, nothing when no
counted field changed), so writers never wait on one another for a tally row, unlike an upsert;
``enterprises_tally_compact()`` (the nightly ``enterprises.tasks.compact_tallies``) folds the rows
into one per group. Reading sums the rows of a group. The local date follows ``TIME_ZONE`` as it is
when this migration runs. ``enterprises.counts`` reads them; SQLite counts the register itself.
"""

from django.conf import settings
from django.db import migrations

CENSUS = "district_id, cluster, industry_section_id, registry_status, is_member"


def forward(time_zone):
    day = f"(created_at AT TIME ZONE '{time_zone}')::date"
    return [
        """
        CREATE TABLE enterprises_census_tally (
            district_id bigint,
            cluster varchar(10) NOT NULL,
            industry_section_id bigint,
            registry_status varchar(14) NOT NULL,
            is_member boolean NOT NULL,
            n bigint NOT NULL
        )
        """,
        """
        CREATE TABLE enterprises_added_tally (
            created_on date NOT NULL,
            district_id bigint,
            n bigint NOT NULL
        )
        """,
        "CREATE INDEX enterprises_added_tally_day ON enterprises_added_tally (created_on, district_id)",
        f"INSERT INTO enterprises_census_tally SELECT {CENSUS}, count(*) FROM enterprises_enterprise GROUP BY {CENSUS}",
        f"""INSERT INTO enterprises_added_tally SELECT {day}, district_id, count(*) FROM enterprises_enterprise
            GROUP BY 1, 2""",
        f"""
        CREATE FUNCTION enterprises_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO enterprises_census_tally SELECT {CENSUS}, count(*) FROM tally_new GROUP BY {CENSUS};
            INSERT INTO enterprises_added_tally SELECT {day}, district_id, count(*) FROM tally_new GROUP BY 1, 2;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION enterprises_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO enterprises_census_tally SELECT {CENSUS}, -count(*) FROM tally_old GROUP BY {CENSUS};
            INSERT INTO enterprises_added_tally SELECT {day}, district_id, -count(*) FROM tally_old GROUP BY 1, 2;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION enterprises_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO enterprises_census_tally
                SELECT {CENSUS}, sum(n) FROM (
                    SELECT {CENSUS}, 1 AS n FROM tally_new
                    UNION ALL SELECT {CENSUS}, -1 FROM tally_old
                ) AS change GROUP BY {CENSUS} HAVING sum(n) <> 0;
            INSERT INTO enterprises_added_tally
                SELECT created_on, district_id, sum(n) FROM (
                    SELECT {day} AS created_on, district_id, 1 AS n FROM tally_new
                    UNION ALL SELECT {day}, district_id, -1 FROM tally_old
                ) AS change GROUP BY 1, 2 HAVING sum(n) <> 0;
            RETURN NULL;
        END $$
        """,
        """
        CREATE FUNCTION enterprises_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM enterprises_census_tally;
            DELETE FROM enterprises_added_tally;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION enterprises_tally_compact() RETURNS void LANGUAGE sql AS $$
            WITH moved AS (DELETE FROM enterprises_census_tally RETURNING *)
            INSERT INTO enterprises_census_tally
                SELECT {CENSUS}, sum(n) FROM moved GROUP BY {CENSUS} HAVING sum(n) <> 0;
            WITH moved AS (DELETE FROM enterprises_added_tally RETURNING *)
            INSERT INTO enterprises_added_tally
                SELECT created_on, district_id, sum(n) FROM moved GROUP BY 1, 2 HAVING sum(n) <> 0;
        $$
        """,
        """
        CREATE TRIGGER enterprises_tally_insert AFTER INSERT ON enterprises_enterprise
            REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION enterprises_tally_inserted()
        """,
        """
        CREATE TRIGGER enterprises_tally_delete AFTER DELETE ON enterprises_enterprise
            REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION enterprises_tally_deleted()
        """,
        """
        CREATE TRIGGER enterprises_tally_update AFTER UPDATE ON enterprises_enterprise
            REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new
            FOR EACH STATEMENT EXECUTE FUNCTION enterprises_tally_updated()
        """,
        """
        CREATE TRIGGER enterprises_tally_truncate AFTER TRUNCATE ON enterprises_enterprise
            FOR EACH STATEMENT EXECUTE FUNCTION enterprises_tally_truncated()
        """,
    ]


BACKWARD = [
    "DROP TRIGGER IF EXISTS enterprises_tally_truncate ON enterprises_enterprise",
    "DROP TRIGGER IF EXISTS enterprises_tally_update ON enterprises_enterprise",
    "DROP TRIGGER IF EXISTS enterprises_tally_delete ON enterprises_enterprise",
    "DROP TRIGGER IF EXISTS enterprises_tally_insert ON enterprises_enterprise",
    "DROP FUNCTION IF EXISTS enterprises_tally_compact()",
    "DROP FUNCTION IF EXISTS enterprises_tally_truncated()",
    "DROP FUNCTION IF EXISTS enterprises_tally_updated()",
    "DROP FUNCTION IF EXISTS enterprises_tally_deleted()",
    "DROP FUNCTION IF EXISTS enterprises_tally_inserted()",
    "DROP TABLE IF EXISTS enterprises_added_tally",
    "DROP TABLE IF EXISTS enterprises_census_tally",
]


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in forward(settings.TIME_ZONE):
        schema_editor.execute(sql)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0010_census_and_created_indexes")]

    operations = [migrations.RunPython(_forward, _backward, elidable=False)]
