"""The chamber member list (会员名册) as an import specification on the core's engine.

The engine (``federation.imports``) opens and refuses files, reads cells, counts, keeps the invalid
rows, runs the transaction, the lock and the job; this module says how a row is matched and written.

Decisions:
* The chamber is found by its USCC when given, else by its exact name; an unknown or deregistered
  chamber makes the row invalid. A chamber secretary imports only into their own chamber.
* The enterprise is found by its USCC, or by its exact name when the code is empty (several records
  of that name: invalid, add the code). Unknown enterprises are refused, not created: the enterprise
  register is the market regulator's file, imported on its own.
* A row is the same membership as a recorded one when chamber, enterprise, role and start date
  agree: the same end date is unchanged, another one updates it (an enterprise that left). So
  importing the same file twice changes nothing the second time.
* A period that overlaps another membership in the same role of the same chamber (recorded, or an
  earlier row of the file) is refused, as ``operations.add_membership`` refuses it.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.imports import cells, engine
from federation.imports.engine import Summary, run_job
from federation.imports.spec import CREATED, INVALID, UNCHANGED, UPDATED, ImportColumn, ImportSpec
from federation.validators import normalize_uscc, validate_uscc

from .choices import MemberRole, Status

__all__ = ["SPEC", "Summary", "process", "run_import"]

run_import = run_job

CHAMBER_NAME = "商会名称"
CHAMBER_USCC = "商会统一社会信用代码"
ENTERPRISE_NAME = "企业名称"
USCC = "统一社会信用代码"
ROLE = "职务"
STARTED = "入会日期"
ENDED = "退会日期"

ROLE_WORDS = {
    "会长": MemberRole.PRESIDENT,
    "副会长": MemberRole.VICE_PRESIDENT,
    "监事长": MemberRole.SUPERVISOR,
    "理事": MemberRole.DIRECTOR,
    "会员": MemberRole.MEMBER,
    **{value: value for value in MemberRole.values},
}
ROLE_ALLOWED = "会长、副会长、监事长、理事、会员"
BATCH_SIZE = 2000


class MemberImportSpec(ImportSpec):
    """会员名册: chamber, enterprise, role and period of each membership."""

    key = "chambers.members"
    title = gettext_lazy("Import chamber members")
    permission = "chambers.add_membership"
    url_name = "chambers:membership_import"
    list_url_name = "chambers:chamber_list"
    list_label = gettext_lazy("join applications")
    list_link_label = gettext_lazy("Go to the join applications")
    sheet_name = "会员名册"
    template_filename = "商会会员导入模板.xlsx"
    settings_prefix = "IMPORT"

    def columns(self):
        return [
            ImportColumn(CHAMBER_NAME, guide=gettext_lazy("The chamber's full registered name (or give its code).")),
            ImportColumn(
                CHAMBER_USCC, guide=gettext_lazy("18 characters; used before the name when given."), as_text=True
            ),
            ImportColumn(ENTERPRISE_NAME, required=True, guide=gettext_lazy("As in the enterprise records.")),
            ImportColumn(
                USCC, guide=gettext_lazy("The enterprise's code; the name is used when it is empty."), as_text=True
            ),
            ImportColumn(ROLE, guide=gettext_lazy("Empty: member."), allowed=ROLE_ALLOWED),
            ImportColumn(STARTED, guide=gettext_lazy("For example 2019-05-20.")),
            ImportColumn(ENDED, guide=gettext_lazy("Empty while the enterprise is a member.")),
        ]

    def readers(self):
        def code(text):
            validate_uscc(text)

        return [
            cells.text_reader(max_length=200),
            cells.code_reader(code, normalize=normalize_uscc, empty=""),
            cells.text_reader(required=True, max_length=200),
            cells.code_reader(code, normalize=normalize_uscc, empty=""),
            cells.choice_reader(ROLE_WORDS, MemberRole.MEMBER, ROLE_ALLOWED),
            cells.read_date,
            cells.read_date,
        ]

    def begin(self, *, apply, user, reason):
        return _MemberRun(apply=apply, user=user, reason=reason)


SPEC = MemberImportSpec()


def process(path, **options) -> Summary:
    """``federation.imports.engine.process`` with the member spec (see there)."""
    return engine.process(SPEC, path, **options)


def _overlaps(periods, started_on, ended_on):
    start = started_on or datetime.date.min
    end = ended_on or datetime.date.max
    return any((s or datetime.date.min) <= end and (e or datetime.date.max) >= start for s, e in periods)


class _MemberRun:
    """One pass: chambers, enterprises and memberships read once, each row matched and, when applying, written."""

    def __init__(self, *, apply, user, reason):
        from enterprises.models import Enterprise

        from .models import Chamber, Membership

        self.apply, self.user, self.reason = apply, user, reason
        chambers = Chamber.objects.all()
        if user is not None:
            chambers = chambers.restrict(user, "add")
        self.allowed = set(chambers.values_list("pk", flat=True))
        self.chamber_by_uscc, self.chamber_by_name = {}, {}
        for pk, name, uscc, status in Chamber.objects.values_list("pk", "name", "uscc", "status"):
            self.chamber_by_name[name] = (pk, status)
            if uscc:
                self.chamber_by_uscc[uscc] = (pk, status)
        self.enterprise_by_uscc, self.enterprise_by_name = {}, {}
        for pk, name, uscc in Enterprise.objects.values_list("pk", "name", "uscc").iterator(chunk_size=10000):
            if uscc:
                self.enterprise_by_uscc[uscc] = pk
            self.enterprise_by_name.setdefault(name, []).append(pk)
        # (chamber, enterprise, role) -> {started_on: (pk, ended_on)}; rows of this file are added as read.
        self.periods = {}
        rows = Membership.objects.values_list("pk", "chamber_id", "enterprise_id", "role", "started_on", "ended_on")
        for pk, chamber_id, enterprise_id, role, started_on, ended_on in rows.iterator(chunk_size=10000):
            self.periods.setdefault((chamber_id, enterprise_id, role), {})[started_on] = (pk, ended_on)
        self.creates, self.updates = [], []

    def _chamber(self, name, uscc):
        column = CHAMBER_USCC if uscc else CHAMBER_NAME
        if not uscc and not name:
            return None, (CHAMBER_NAME, _("Give the chamber's name or its unified social credit code."))
        found = self.chamber_by_uscc.get(uscc) if uscc else self.chamber_by_name.get(name)
        if found is None:
            return None, (column, _("No chamber of this name or code is registered in the portal."))
        pk, status = found
        if status == Status.DEREGISTERED:
            return None, (column, _("This chamber is deregistered: it can have no new members."))
        if pk not in self.allowed:
            return None, (column, _("You may import members of your own chamber only."))
        return pk, None

    def _enterprise(self, name, uscc):
        if uscc:
            pk = self.enterprise_by_uscc.get(uscc)
            if pk is None:
                return None, (USCC, _("No enterprise record has this code; import or add the enterprise first."))
            return pk, None
        found = self.enterprise_by_name.get(name, [])
        if not found:
            return None, (ENTERPRISE_NAME, _("No enterprise record has this name; import or add the enterprise first."))
        if len(found) > 1:
            return None, (USCC, _("Several enterprise records have this name; give the unified social credit code."))
        return found[0], None

    def classify(self, number, values):
        chamber_name, chamber_uscc, name, uscc, role, started_on, ended_on = values
        errors = []
        chamber, error = self._chamber(chamber_name, chamber_uscc)
        if error:
            errors.append(error)
        enterprise, error = self._enterprise(name, uscc)
        if error:
            errors.append(error)
        if started_on and ended_on and ended_on < started_on:
            errors.append((ENDED, _("A membership cannot end before it starts.")))
        if errors:
            return INVALID, errors
        known = self.periods.setdefault((chamber, enterprise, role), {})
        same = known.get(started_on)
        others = [(s, e) for s, (_pk, e) in known.items() if s != started_on]
        if _overlaps(others, started_on, ended_on):
            return INVALID, [(STARTED, _("This period overlaps another membership in the same role of this chamber."))]
        if same is not None:
            pk, recorded_end = same
            if recorded_end == ended_on:
                return UNCHANGED, []
            if pk is None:  # an earlier row of this file
                return INVALID, [(STARTED, _("Repeats an earlier row of this file with another end date."))]
            known[started_on] = (pk, ended_on)
            if self.apply:
                self.updates.append((pk, ended_on))
                self._maybe_flush()
            return UPDATED, []
        known[started_on] = (None, ended_on)
        if self.apply:
            self.creates.append((chamber, enterprise, role, started_on, ended_on))
            self._maybe_flush()
        return CREATED, []

    def _maybe_flush(self):
        if len(self.creates) + len(self.updates) >= BATCH_SIZE:
            self.finish()

    def finish(self):
        """Write the buffered rows, each with its history row (who, why)."""
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        from .models import Membership

        if self.creates:
            rows = [
                Membership(chamber_id=c, enterprise_id=e, role=r, started_on=s, ended_on=end)
                for c, e, r, s, end in self.creates
            ]
            bulk_create_with_history(
                rows, Membership, batch_size=1000, default_user=self.user, default_change_reason=self.reason
            )
            self.creates.clear()
        if self.updates:
            rows = list(Membership.objects.filter(pk__in=[pk for pk, _end in self.updates]))
            ends = dict(self.updates)
            for row in rows:
                row.ended_on = ends[row.pk]
            bulk_update_with_history(
                rows,
                Membership,
                ["ended_on"],
                batch_size=500,
                default_user=self.user,
                default_change_reason=self.reason,
            )
            self.updates.clear()
