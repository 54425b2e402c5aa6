"""PostgreSQL-only indexes for searching names (DESIGN §9, enterprises/search.py).

* ``pg_trgm`` and a GIN trigram index on ``name``: serves ``ILIKE '%term%'`` for terms of 3+ characters.
* ``name_bigrams``: a stored generated tsvector of the name's character bigrams (plus its last
  character, so a one-character prefix query covers every position) with a GIN index: serves terms
  of one or two characters (光伏), which have no complete trigram. The column is unknown to the model;
  being GENERATED ALWAYS … STORED, Django's INSERTs and UPDATEs (which name their columns) never touch it.

Other databases skip all of this and search with ``icontains``.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION enterprises_name_bigrams(name text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array_to_tsvector(ARRAY(
            SELECT DISTINCT g FROM (
                SELECT substr(lower(name), i, 2) AS g FROM generate_series(1, char_length(name)) AS i
            ) AS grams WHERE g <> ''
        ))
    $$
    """,
    """
    ALTER TABLE enterprises_enterprise ADD COLUMN name_bigrams tsvector
        GENERATED ALWAYS AS (enterprises_name_bigrams(name)) STORED
    """,
    "CREATE INDEX enterprises_name_bigrams_gin ON enterprises_enterprise USING gin (name_bigrams)",
    "CREATE INDEX enterprises_name_trgm ON enterprises_enterprise USING gin (name gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS enterprises_name_trgm",
    "DROP INDEX IF EXISTS enterprises_name_bigrams_gin",
    "ALTER TABLE enterprises_enterprise DROP COLUMN IF EXISTS name_bigrams",
    "DROP FUNCTION IF EXISTS enterprises_name_bigrams(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_list_indexes")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
