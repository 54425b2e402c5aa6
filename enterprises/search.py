"""The search box of the enterprise list: one function, ``search_enterprises(queryset, q)``.

A term matches an enterprise by name substring, by a full USCC or its prefix, or by the legal
representative's exact name. On PostgreSQL every branch is served by an index (DESIGN §9):

* names, 3+ characters: ``name ILIKE '%term%'`` on a pg_trgm GIN index (``enterprises_name_trgm``);
* names, 1–2 characters (光伏, 科技): such a term has no complete trigram, so the name's character
  bigrams are kept in a stored generated ``tsvector`` column (``name_bigrams``, migration 0002) with a
  GIN index; the term's bigram (or a one-character prefix) is matched with ``@@`` and the ``ILIKE``
  stays as the exact recheck;
* USCC: equality or ``LIKE 'PREFIX%'`` on the ``varchar_pattern_ops`` index Django adds to the unique
  column; a term that reads as a code (two digits, then USCC characters) searches codes only;
* legal representative: equality on a btree index.

Other databases (the SQLite development default) fall back to ``icontains``.
Several words separated by spaces must all match (each in any of the fields).
"""

import re

from django.db import connection
from django.db.models import CharField, Lookup, Q

from federation.validators import USCC_ALPHABET, normalize_uscc

USCC_PREFIX_RE = re.compile(rf"^[{USCC_ALPHABET}]{{2,18}}$")
CODE_RE = re.compile(rf"^[0-9]{{2}}[{USCC_ALPHABET}]{{0,16}}$")


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _tsquery(term: str) -> str:
    """The bigram tsquery of a 1–2 character term, as tsquery text: ``'光伏'`` or ``'光':*``."""
    lexeme = term.lower().replace("\\", "\\\\").replace("'", "''")
    return f"'{lexeme}'" if len(term) == 2 else f"'{lexeme}':*"


class NameIContains(Lookup):
    """``name__ilike_contains='光伏科技'`` → ``name ILIKE '%光伏科技%'`` (pg_trgm serves ILIKE; Django's
    ``icontains`` wraps both sides in UPPER(), which no index serves)."""

    lookup_name = "ilike_contains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} ILIKE %s", [*lhs_params, _like_pattern(self.rhs)]


class NameBigrams(Lookup):
    """``name__bigrams='光伏'``: the stored bigram vector of the same row (same table alias, so it also
    works inside subqueries) matched with ``@@``, plus the exact ``ILIKE`` recheck."""

    lookup_name = "bigrams"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        vector = f"{compiler.quote_name_unless_alias(self.lhs.alias)}.{connection.ops.quote_name('name_bigrams')}"
        sql = f"({vector} @@ %s::tsquery AND {lhs} ILIKE %s)"
        return sql, [*lhs_params, _tsquery(self.rhs), _like_pattern(self.rhs)]


def register_lookups():
    """Called from EnterprisesConfig.ready(): the two lookups belong to ``Enterprise.name`` only."""
    from .models import Enterprise

    name = Enterprise._meta.get_field("name")
    assert isinstance(name, CharField)
    name.register_lookup(NameIContains)
    name.register_lookup(NameBigrams)


def term_condition(term: str) -> Q:
    """The condition one search word puts on an enterprise."""
    code = normalize_uscc(term)
    if CODE_RE.match(code):
        # Reads as a code (two digits first, USCC characters only): registered names must be in
        # Chinese characters and people's names too, so only the code is searched — which lets
        # PostgreSQL count even a whole county's prefix from the index alone.
        return Q(uscc=code) if len(code) == 18 else Q(uscc__startswith=code)
    postgres = connection.vendor == "postgresql"
    if postgres:
        condition = Q(name__bigrams=term) if len(term) <= 2 else Q(name__ilike_contains=term)
    else:
        condition = Q(name__icontains=term)
    condition |= Q(legal_representative=term)
    code = normalize_uscc(term)
    if USCC_PREFIX_RE.match(code):
        condition |= Q(uscc=code) if len(code) == 18 else Q(uscc__startswith=code)
    return condition


def search_enterprises(queryset, q: str):
    """Enterprises of ``queryset`` matching every word of ``q`` (see the module's docstring)."""
    for term in (q or "").split()[:5]:
        queryset = queryset.filter(term_condition(term[:50]))
    return queryset
