"""The change audit (操作审计): every audited model's history rows, filtered, paged and explained.

History rows come from django-simple-history. A row without a user is either the system's (a task,
an import, a migration) or a member of the public's, through a public form: the public views run
their changes inside ``public_form()``, which marks the rows they write with ``PUBLIC_FORM`` as the
change reason, so the audit can say "公众（公开表单）" instead of a blank.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import registered_models

PUBLIC_FORM = "public form"
_public_form: ContextVar[bool] = ContextVar("federation_public_form", default=False)


@contextmanager
def public_form():
    """Changes made inside come from a member of the public through a public form (no account)."""
    token = _public_form.set(True)
    try:
        yield
    finally:
        _public_form.reset(token)


def mark_public_form_rows(sender, history_instance, **kwargs):
    """simple_history's pre_create_historical_record: label rows written inside ``public_form()``."""
    if _public_form.get() and history_instance.history_user_id is None and not history_instance.history_change_reason:
        history_instance.history_change_reason = PUBLIC_FORM


def audited_models() -> dict[str, type]:
    """Every model with a history, keyed ``app_label.model_name``, in the order of their names."""
    models = {f"{m._meta.app_label}.{m._meta.model_name}": m for m in registered_models.values()}
    return dict(sorted(models.items(), key=lambda kv: str(kv[1]._meta.verbose_name)))


@dataclass
class FieldChange:
    """One field's value before and after a change, as people read them."""

    label: str
    old: str
    new: str


@dataclass
class AuditEntry:
    """One history row with what the audit page shows of it."""

    kind: str
    record: object  # the historical row
    live: object | None = None  # the record as it is now, when it still exists
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def by_public(self) -> bool:
        return self.record.history_user_id is None and self.record.history_change_reason == PUBLIC_FORM

    @property
    def label(self) -> str:
        """The record as it was named then, built from the history row alone: simple-history's
        ``record.instance`` reads the live row for every field left out of the history (one query
        per line of the audit trail)."""
        model = self.record.instance_type
        attrs = {
            f.attname: getattr(self.record, f.attname)
            for f in model._meta.concrete_fields
            if hasattr(self.record, f.attname)
        }
        return str(model(**attrs))

    @property
    def url(self) -> str:
        getter = getattr(self.live, "get_absolute_url", None)
        return getter() if getter else ""


@dataclass(frozen=True)
class AuditFilter:
    """What the audit is narrowed to: a person (a user id, or ``"public"``), a record type, dates."""

    user: int | str | None = None
    kind: str | None = None
    start: date | None = None
    end: date | None = None


def _filtered(history_qs, flt: AuditFilter):
    if flt.user == "public":
        history_qs = history_qs.filter(history_user__isnull=True, history_change_reason=PUBLIC_FORM)
    elif flt.user:
        history_qs = history_qs.filter(history_user_id=flt.user)
    tz = timezone.get_current_timezone()
    if flt.start:
        history_qs = history_qs.filter(history_date__gte=datetime.combine(flt.start, time.min, tz))
    if flt.end:
        history_qs = history_qs.filter(history_date__lte=datetime.combine(flt.end, time.max, tz))
    return history_qs


def _related_model(model, name):
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return None
    return model_field.related_model if model_field.many_to_one or model_field.one_to_one else None


def _display(model, name, value, names=None) -> str:
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = (names or {}).get(model_field.related_model, {}).get(value)
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if timezone.is_aware(value) else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    return str(value)


def _label(model, name) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except Exception:
        return name


def change_page(flt: AuditFilter, page_number=None, per_page: int = 25):
    """A page of audit entries, newest first, across every audited model.

    The rows of all history tables are ordered and paged in one UNION query; then, for each record
    type on the page, one query each fetches its rows (with their users), the previous rows of the
    same records (for the field-by-field change) and the records as they are now (for the link), so
    the number of queries depends on the record types shown, never on the number of rows.
    """
    models = audited_models()
    if flt.kind:
        models = {flt.kind: models[flt.kind]} if flt.kind in models else {}
    parts = [
        _filtered(model.history.model.objects.all(), flt)
        .annotate(audit_kind=Value(key, output_field=CharField()))
        .values_list("audit_kind", "history_id", "history_date")
        .order_by()  # the history models' own ordering: SQLite allows no ORDER BY inside a UNION
        for key, model in models.items()
    ]
    if not parts:
        return Paginator([], per_page).get_page(1)
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = Paginator(union.order_by("-history_date", "-history_id"), per_page).get_page(page_number)

    ids_by_kind = defaultdict(list)
    for kind, history_id, _when in page.object_list:
        ids_by_kind[kind].append(history_id)
    entries_by_id = {}
    pending = []  # (entry, model, delta changes): shown once the related records' names are known
    related_ids = defaultdict(set)  # related model -> ids named in the changes on this page
    for kind, ids in ids_by_kind.items():
        model = models[kind]
        history = model.history.model
        pk_name = model._meta.pk.attname
        # The row just before, of the same record (history_id breaks ties of rows saved at the same instant).
        previous = Subquery(
            history.objects.filter(**{pk_name: OuterRef(pk_name)})
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        rows = list(history.objects.filter(history_id__in=ids).select_related("history_user").annotate(prev=previous))
        prev_rows = history.objects.in_bulk([r.prev for r in rows if r.prev])
        live = model._default_manager.in_bulk({getattr(r, pk_name) for r in rows})
        for row in rows:
            entry = AuditEntry(str(capfirst(model._meta.verbose_name)), row, live.get(getattr(row, pk_name)))
            before = prev_rows.get(row.prev) if row.prev else None
            if before is not None and row.history_type == "~":
                changes = row.diff_against(before).changes
                pending.append((entry, model, changes))
                for c in changes:
                    related = _related_model(model, c.field)
                    if related is not None:
                        related_ids[related].update(v for v in (c.old, c.new) if v not in (None, ""))
            entries_by_id[(kind, row.history_id)] = entry
    # One query per related model on the page names the records a changed reference points at.
    names = {related: related._default_manager.in_bulk(ids) for related, ids in related_ids.items()}
    for entry, model, changes in pending:
        entry.changes = [
            FieldChange(
                _label(model, c.field),
                _display(model, c.field, c.old, names),
                _display(model, c.field, c.new, names),
            )
            for c in changes
        ]
    page.object_list = [entries_by_id[(kind, hid)] for kind, hid, _when in page.object_list]
    return page


# --- Append-only audit records (网络安全法: logs kept at least six months) ---------------------------

AUDIT_RETENTION_DAYS = 180
_TRIGGER = "federation_audit_append_only"
# The account of unmasked personal data (``PersonalDataAccess``) is kept the same way.
_ACCESS_TRIGGER = "federation_access_append_only"


def _append_only_function(trigger: str, user_column: str, time_column: str) -> str:
    """The trigger function that keeps a table append-only: it refuses any change to a row and any
    deletion younger than its argument (days), except emptying ``user_column`` alone (deleting a user
    account, Django's SET_NULL)."""
    return f"""
CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.{user_column} IS NULL
     AND (to_jsonb(NEW) - '{user_column}') = (to_jsonb(OLD) - '{user_column}') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND OLD.{time_column} < now() - make_interval(days => TG_ARGV[0]::int) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""


def history_tables() -> list[str]:
    """The tables of every model's change history (django-simple-history)."""
    return sorted({m.history.model._meta.db_table for m in registered_models.values()})


def protect_audit_records(sender=None, using="default", **kwargs):
    """post_migrate: on PostgreSQL, a trigger on every history table refuses any change to a row and
    any deletion younger than ``AUDIT_RETENTION_DAYS``, whoever asks (the application, the admin, a
    script on the database): the change audit can only grow. Idempotent; tables added by a later
    migration get their trigger on the next ``migrate``. (SQLite, the embedded default, has none.)"""
    from django.db import connections

    from .models import PersonalDataAccess

    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        _protect(connection, cursor, _TRIGGER, ("history_user_id", "history_date"), history_tables())
        access = [PersonalDataAccess._meta.db_table]
        _protect(connection, cursor, _ACCESS_TRIGGER, ("user_id", "accessed_at"), access)


def _protect(connection, cursor, trigger: str, columns: tuple[str, str], tables: list[str]):
    """Put ``trigger`` (``_append_only_function`` on the user and time ``columns``) on each of
    ``tables`` that lacks it."""
    cursor.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s", [trigger]
    )
    done = {row[0] for row in cursor.fetchall()}
    missing = [t for t in tables if t not in done]
    if not missing:
        return
    cursor.execute(_append_only_function(trigger, *columns))
    for table in missing:
        cursor.execute(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {connection.ops.quote_name(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {trigger}({AUDIT_RETENTION_DAYS})"
        )
