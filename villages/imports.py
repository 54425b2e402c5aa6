"""The existing pairing ledger (百企兴百村台账) as an import specification on the core's engine: one
row per project, naming the enterprise(s) by credit code, the village by township and name, the
pairing's batch and form.

Decisions:
* A pairing is the batch plus its set of enterprises: rows with the same batch and the same codes
  are one pairing, and a one-to-many pairing gathers its villages from its rows. Its form must
  agree (one-to-one: one code, one village; one-to-many: one code; many-to-one: two codes or more,
  one village). A pairing recorded in the portal with another form makes the row invalid.
* The township is found by name, within the district when one is given: a township of another
  district is refused. A village unknown in its township is created (with the row's 重点村 flag);
  a known one marked 重点村 by a row becomes a key village.
* The same enterprise–village pair in another pairing of the same batch is refused.
* A project is the pairing plus its name: the same figures are unchanged, other figures update it
  (re-importing a corrected ledger changes only what changed); two rows of one project are refused.
* Unknown enterprises are refused, not created (the register is imported on its own).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.imports import cells
from federation.imports.spec import CREATED, INVALID, UNCHANGED, UPDATED, ImportColumn, ImportSpec
from federation.validators import normalize_uscc, validate_uscc

from .choices import PairingForm, ProjectStatus, ProjectType

BATCH = "批次"
FORM = "结对形式"
CODES = "企业统一社会信用代码"
DISTRICT = "区县"
TOWNSHIP = "乡镇（街道）"
VILLAGE = "行政村"
KEY = "重点村"
START_YEAR = "起始年份"
AGREED = "签约日期"
TYPE = "项目类型"
NAME = "项目名称"
PLANNED = "计划投资（元）"
ACTUAL = "实际投资（元）"
JOBS = "带动就业（人）"
INCOME = "村民增收（元）"
HOUSEHOLDS = "受益户数"
STARTS = "开始日期"
ENDS = "结束日期"
STATUS = "项目状态"
TYPICAL = "先进典型"

FORM_WORDS = {"一对一": PairingForm.ONE_TO_ONE, "一对多": PairingForm.ONE_TO_MANY, "多对一": PairingForm.MANY_TO_ONE}
TYPE_WORDS = {
    "产业": ProjectType.INDUSTRY,
    "就业": ProjectType.EMPLOYMENT,
    "消费": ProjectType.CONSUMPTION,
    "公益": ProjectType.CHARITY,
    "智力": ProjectType.KNOWLEDGE,
    "其他": ProjectType.OTHER,
}
STATUS_WORDS = {
    "筹建": ProjectStatus.PLANNED,
    "筹建中": ProjectStatus.PLANNED,
    "实施中": ProjectStatus.UNDERWAY,
    "在建": ProjectStatus.UNDERWAY,
    "已完工": ProjectStatus.FINISHED,
    "已完成": ProjectStatus.FINISHED,
    "已中止": ProjectStatus.STOPPED,
}
_SPLIT = re.compile(r"[、,，;；\s]+")
_YEAR = re.compile(r"(20\d\d)")


def read_codes(raw):
    codes = []
    for part in _SPLIT.split(cells.read_text(raw)):
        code = normalize_uscc(part)
        if not code:
            continue
        try:
            validate_uscc(code)
        except Exception as exc:  # ValidationError: its message names the rule that failed
            raise cells.CellError(f"{code}: {getattr(exc, 'messages', [str(exc)])[0]}")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise cells.CellError(_("This column is required."))
    return codes


class PairingImportSpec(ImportSpec):
    """百企兴百村台账: one row per project."""

    key = "villages.pairings"
    title = gettext_lazy("Import the village pairing ledger")
    permission = "villages.add_pairing"
    url_name = "villages:pairing_import"
    list_url_name = "villages:pairing_list"
    list_label = gettext_lazy("pairings")
    list_link_label = gettext_lazy("Go to the pairings")
    sheet_name = "百企兴百村台账"
    template_filename = "百企兴百村台账导入模板.xlsx"

    def columns(self):
        return [
            ImportColumn(BATCH, required=True, guide=gettext_lazy("For example 2026年度.")),
            ImportColumn(FORM, required=True, allowed="一对一、一对多、多对一"),
            ImportColumn(
                CODES,
                required=True,
                guide=gettext_lazy("The enterprises' codes; several (many-to-one) separated by 、"),
                as_text=True,
            ),
            ImportColumn(DISTRICT, guide=gettext_lazy("Optional; checked against the township.")),
            ImportColumn(TOWNSHIP, required=True, guide=gettext_lazy("As in the reference divisions.")),
            ImportColumn(VILLAGE, required=True, guide=gettext_lazy("Created in the township when unknown.")),
            ImportColumn(KEY, allowed="是、否"),
            ImportColumn(START_YEAR, guide=gettext_lazy("Empty: the year in the batch.")),
            ImportColumn(AGREED, guide=gettext_lazy("For example 2026-03-15.")),
            ImportColumn(TYPE, allowed="产业、就业、消费、公益、智力、其他"),
            ImportColumn(NAME, required=True),
            ImportColumn(PLANNED),
            ImportColumn(ACTUAL),
            ImportColumn(JOBS),
            ImportColumn(INCOME),
            ImportColumn(HOUSEHOLDS),
            ImportColumn(STARTS, required=True, guide=gettext_lazy("For example 2026-04-01.")),
            ImportColumn(ENDS),
            ImportColumn(STATUS, allowed="筹建、实施中、已完工、已中止"),
            ImportColumn(TYPICAL, allowed="是、否"),
        ]

    def readers(self):
        def count(raw):
            return cells.read_count(raw) or 0

        def money(raw):
            value = cells.read_money(raw)
            return value

        return [
            cells.text_reader(required=True, max_length=20),
            cells.choice_reader(FORM_WORDS, "", "一对一、一对多、多对一"),
            read_codes,
            cells.text_reader(max_length=50),
            cells.text_reader(required=True, max_length=50),
            cells.text_reader(required=True, max_length=60),
            cells.read_bool,
            cells.read_count,
            cells.read_date,
            cells.choice_reader(TYPE_WORDS, ProjectType.OTHER, "产业、就业、消费、公益、智力、其他"),
            cells.text_reader(required=True, max_length=200),
            money,
            money,
            count,
            money,
            count,
            cells.read_date,
            cells.read_date,
            cells.choice_reader(STATUS_WORDS, ProjectStatus.UNDERWAY, "筹建、实施中、已完工、已中止"),
            cells.read_bool,
        ]

    def begin(self, *, apply, user, reason):
        return _PairingRun(apply=apply, user=user, reason=reason)


SPEC = PairingImportSpec()

FORM_CHECK = {
    PairingForm.ONE_TO_ONE: lambda partners, villages: partners == 1 and villages <= 1,
    PairingForm.ONE_TO_MANY: lambda partners, villages: partners == 1,
    PairingForm.MANY_TO_ONE: lambda partners, villages: partners >= 2 and villages <= 1,
}
PROJECT_FIELDS = (
    "project_type",
    "planned_investment",
    "actual_investment",
    "jobs",
    "income_increase",
    "households_benefiting",
    "start_date",
    "end_date",
    "status",
    "is_typical",
)


class _PairingRun:
    """One pass: divisions, villages, enterprises, pairings and projects read once; rows checked
    against them and the rows before; written as they go when applying (the engine's transaction
    makes the file all or nothing)."""

    def __init__(self, *, apply, user, reason):
        from enterprises.models import Enterprise
        from federation.models import Division

        from .models import Pairing, PairingProject, Village

        self.apply, self.user, self.reason = apply, user, reason
        self.districts = {d.name: d.pk for d in Division.objects.counties()}
        self.townships = {}  # name -> [(pk, district pk)]
        for pk, name, parent in Division.objects.townships().values_list("pk", "name", "parent"):
            self.townships.setdefault(name, []).append((pk, parent))
        self.villages = {
            (t, n): (pk, key) for pk, t, n, key in Village.objects.values_list("pk", "township", "name", "is_key")
        }
        self.enterprise_by_uscc = dict(Enterprise.objects.exclude(uscc=None).values_list("uscc", "pk"))
        # pairing key (batch, enterprises, chambers) -> {"pk", "form", "villages": {village key}}
        self.pairings = {}
        # (batch, enterprise pk, village key) -> pairing key
        self.pairs = {}
        village_keys = {pk: k for k, (pk, _key) in self.villages.items()}
        ents, chams, vills = {}, {}, {}
        for pairing, enterprise in Pairing.enterprises.through.objects.values_list("pairing", "enterprise"):
            ents.setdefault(pairing, set()).add(enterprise)
        for pairing, chamber in Pairing.chambers.through.objects.values_list("pairing", "chamber"):
            chams.setdefault(pairing, set()).add(chamber)
        for pairing, village in Pairing.villages.through.objects.values_list("pairing", "village"):
            vills.setdefault(pairing, set()).add(village_keys[village])
        for pk, batch, form in Pairing.objects.values_list("pk", "batch", "form"):
            key = (batch, frozenset(ents.get(pk, ())), frozenset(chams.get(pk, ())))
            self.pairings[key] = {"pk": pk, "form": form, "villages": set(vills.get(pk, ()))}
            for e in key[1]:
                for v in self.pairings[key]["villages"]:
                    self.pairs[(batch, e, v)] = key
        pairing_keys = {p["pk"]: k for k, p in self.pairings.items()}
        self.projects = {}
        for row in PairingProject.objects.values("pk", "pairing", "name", "village", *PROJECT_FIELDS):
            self.projects[(pairing_keys[row["pairing"]], row["name"])] = (row["pk"], row)
        self.seen = set()

    def _township(self, district_name, township_name):
        found = self.townships.get(township_name, [])
        if not found:
            return None, (TOWNSHIP, _("No township or subdistrict of this name in the reference divisions."))
        if district_name:
            district = self.districts.get(district_name)
            if district is None:
                return None, (DISTRICT, _("No district or county of this name."))
            inside = [pk for pk, parent in found if parent == district]
            if not inside:
                return None, (
                    TOWNSHIP,
                    _(
                        "%(township)s is not in %(district)s: the village cannot be placed in another district's township."
                    )
                    % {"township": township_name, "district": district_name},
                )
            return inside[0], None
        if len(found) > 1:
            return None, (DISTRICT, _("Several townships have this name; give the district."))
        return found[0][0], None

    def classify(self, number, values):
        (batch, form, codes, district, township_name, village_name, is_key, start_year, agreed, ptype, name,
         planned, actual, jobs, income, households, starts, ends, status, typical) = values  # fmt: skip
        errors = []
        if not form:
            errors.append((FORM, _("This column is required.")))
        township, error = self._township(district, township_name)
        if error:
            errors.append(error)
        enterprise_ids = []
        for code in codes:
            pk = self.enterprise_by_uscc.get(code)
            if pk is None:
                errors.append(
                    (
                        CODES,
                        _("No enterprise record has the code %(code)s; import or add the enterprise first.")
                        % {"code": code},
                    )
                )
            else:
                enterprise_ids.append(pk)
        if start_year is None:
            match = _YEAR.search(batch or "")
            start_year = int(match.group(1)) if match else (agreed.year if agreed else None)
            if start_year is None:
                errors.append((START_YEAR, _("Give the start year (the batch names none).")))
        elif not 2000 <= start_year <= 2100:
            errors.append((START_YEAR, _("Give a start year between 2000 and next year.")))
        if starts and ends and ends < starts:
            errors.append((ENDS, _("A project cannot end before it starts.")))
        if not starts:
            errors.append((STARTS, _("This column is required.")))
        if errors:
            return INVALID, errors
        village_key = (township, village_name)
        key = (batch, frozenset(enterprise_ids), frozenset())
        pairing = self.pairings.get(key)
        villages = set(pairing["villages"]) if pairing else set()
        villages.add(village_key)
        if pairing and pairing["form"] != form:
            return INVALID, [
                (
                    FORM,
                    _("This pairing is recorded with another form: %(form)s.")
                    % {"form": PairingForm(pairing["form"]).label},
                )
            ]
        if not FORM_CHECK[form](len(enterprise_ids), len(villages)):
            from .forms import form_error

            return INVALID, [(FORM, form_error(form, len(enterprise_ids), len(villages)))]
        for e in enterprise_ids:
            other = self.pairs.get((batch, e, village_key))
            if other is not None and other != key:
                return INVALID, [
                    (
                        VILLAGE,
                        _("This enterprise is already paired with this village in batch %(batch)s.") % {"batch": batch},
                    )
                ]
        project_key = (key, name)
        if project_key in self.seen:
            return INVALID, [(NAME, _("Repeats an earlier row of this file for the same project."))]
        self.seen.add(project_key)
        fields = {
            "project_type": ptype,
            "planned_investment": planned,
            "actual_investment": actual or 0,
            "jobs": jobs,
            "income_increase": income or 0,
            "households_benefiting": households,
            "start_date": starts,
            "end_date": ends,
            "status": status,
            "is_typical": typical,
        }
        known = self.projects.get(project_key)
        if known is None:
            outcome = CREATED
        else:
            outcome = UNCHANGED if all(known[1][f] == fields[f] for f in PROJECT_FIELDS) else UPDATED
        # Remember what this row adds, so later rows see it (dry run and apply alike).
        if pairing is None:
            pairing = self.pairings[key] = {"pk": None, "form": form, "villages": set()}
        pairing["villages"].add(village_key)
        for e in enterprise_ids:
            self.pairs[(batch, e, village_key)] = key
        if self.apply:
            self._write(pairing, key, village_key, is_key, start_year, agreed, enterprise_ids, name, fields, known)
        return outcome, []

    def _write(self, pairing, key, village_key, is_key, start_year, agreed, enterprise_ids, name, fields, known):
        from enterprises.models import Enterprise

        from .models import Pairing, PairingProject, Village
        from .operations import pairing_name

        village_pk, recorded_key = self.villages.get(village_key, (None, False))
        if village_pk is None:
            village = Village(township_id=village_key[0], name=village_key[1], is_key=is_key)
            village._history_user = self.user
            village._change_reason = self.reason
            village.save()
            village_pk = village.pk
            self.villages[village_key] = (village_pk, is_key)
        elif is_key and not recorded_key:
            Village.objects.filter(pk=village_pk).update(is_key=True)
            self.villages[village_key] = (village_pk, True)
        if pairing["pk"] is None:
            row = Pairing(form=pairing["form"], batch=key[0], start_year=start_year, agreement_date=agreed)
            row._history_user = self.user
            row._change_reason = self.reason
            row.save()
            row.enterprises.set(enterprise_ids)
            pairing["pk"] = row.pk
        row = Pairing.objects.get(pk=pairing["pk"])
        row.villages.add(village_pk)
        name_now = pairing_name(
            Enterprise.objects.filter(pk__in=enterprise_ids).order_by("name"),
            [],
            row.villages.select_related("township").order_by("name"),
        )
        Pairing.objects.filter(pk=row.pk).update(name=name_now)
        if known is None:
            project = PairingProject(pairing_id=row.pk, village_id=village_pk, name=name, **fields)
        else:
            project = PairingProject.objects.get(pk=known[0])
            for f, v in fields.items():
                setattr(project, f, v)
        project._history_user = self.user
        project._change_reason = self.reason
        project.save()

    def finish(self):
        """Rows are written as they are read: nothing is buffered."""
