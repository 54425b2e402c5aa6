"""The one definition of the enterprise spreadsheet (企业档案表): its Chinese headers, in order, and
how each column is read (import) and written (template, export).

The layout is a data-interchange format, like the registry files of the market regulator: its
headers and the Chinese labels of the choices are fixed here, whatever language a user has chosen,
so an exported file always imports back (round trip). Reasons for refusing a cell are translated
messages; imports render them in Chinese (``IMPORT_LANGUAGE``).
"""

from __future__ import annotations

import datetime
import decimal
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from federation.exports import dated_filename, write_xlsx, xlsx_response
from federation.validators import normalize_uscc, validate_contact_phone, validate_uscc

from .choices import Cluster, EntityType, MemberLevel, Ownership, RegistryStatus, Scale

IMPORT_LANGUAGE = "zh-hans"
SHEET_NAME = "企业档案"

# The Chinese label of every choice as it appears in the spreadsheet. Explicit on purpose: it must
# not follow the active language (an English-speaking user's export still imports back).
CHOICE_LABELS = {
    "entity_type": {
        EntityType.ENTERPRISE: "企业",
        EntityType.INDIVIDUAL: "个体工商户",
        EntityType.COOPERATIVE: "农民专业合作社",
    },
    "ownership": {
        Ownership.PRIVATE: "民营",
        Ownership.STATE: "国有",
        Ownership.COLLECTIVE: "集体",
        Ownership.MIXED: "混合所有制",
        Ownership.FOREIGN: "外商投资",
        Ownership.HMT: "港澳台投资",
        Ownership.OTHER: "其他",
    },
    "registry_status": {
        RegistryStatus.ACTIVE: "存续",
        RegistryStatus.MOVED_OUT: "迁出",
        RegistryStatus.DEREGISTERED: "注销",
        RegistryStatus.REVOKED: "吊销",
    },
    "cluster": {
        Cluster.PV: "光伏制造",
        Cluster.LITHIUM: "锂电储能",
        Cluster.CHEMICALS: "特色化工",
        Cluster.ALLOYS: "合金新材料",
        Cluster.OTHER: "其他",
    },
    "scale": {Scale.LARGE: "大型", Scale.MEDIUM: "中型", Scale.SMALL: "小型", Scale.MICRO: "微型"},
    "member_level": {
        MemberLevel.PRESIDENT: "会长",
        MemberLevel.VICE_PRESIDENT: "副会长",
        MemberLevel.STANDING: "常委",
        MemberLevel.EXECUTIVE: "执委",
        MemberLevel.UNIT: "会员单位",
    },
}
# Other spellings people type, read as the same choice (export writes the label above).
CHOICE_ALIASES = {
    "entity_type": {"公司": EntityType.ENTERPRISE, "个体户": EntityType.INDIVIDUAL, "合作社": EntityType.COOPERATIVE},
    "ownership": {"私营": Ownership.PRIVATE, "民营企业": Ownership.PRIVATE, "国有企业": Ownership.STATE},
    "registry_status": {
        "在业": RegistryStatus.ACTIVE,
        "开业": RegistryStatus.ACTIVE,
        "存续（在营、开业、在册）": RegistryStatus.ACTIVE,
    },
    "scale": {"大": Scale.LARGE, "中": Scale.MEDIUM, "小": Scale.SMALL, "微": Scale.MICRO},
}
TRUE_WORDS = {"是", "会员", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "非会员", "n", "no", "false", "0", "×", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Column:
    """One column: the model field it fills, its header, how to read and write it."""

    field: str
    header: str
    kind: str  # text | uscc | choice | date | money | int | bool | phone | district | section | division
    required: bool = False
    max_length: int | None = None
    default: object = None
    export_path: str = ""  # values_list path when it differs from the field (related names)
    guide: str = ""  # English msgid shown on the upload page

    @property
    def attname(self):
        return f"{self.field}_id" if self.kind in ("district", "section", "division") else self.field

    @property
    def value_path(self):
        return self.export_path or self.field


COLUMNS: list[Column] = [
    Column("name", "企业名称", "text", required=True, max_length=200, guide=gettext_noop("Required.")),
    Column(
        "uscc",
        "统一社会信用代码",
        "uscc",
        guide=gettext_noop(
            "18 characters, checked; the key of the import. Only individual businesses may leave it empty."
        ),
    ),
    Column("entity_type", "主体类型", "choice", default=EntityType.ENTERPRISE),
    Column("ownership", "经济性质", "choice", default=Ownership.PRIVATE),
    Column("legal_representative", "法定代表人", "text", max_length=50, guide=gettext_noop("At most 50 characters.")),
    Column("registered_capital", "注册资本（元）", "money", guide=gettext_noop("In yuan, e.g. 5000000.")),
    Column("founded_on", "成立日期", "date", guide=gettext_noop("e.g. 2019-05-20.")),
    Column("registry_status", "登记状态", "choice", default=RegistryStatus.ACTIVE),
    Column(
        "district",
        "所属区县",
        "district",
        export_path="district__name",
        guide=gettext_noop("A district or county of Xining."),
    ),
    Column("address", "住所", "text", max_length=300, guide=gettext_noop("At most 300 characters.")),
    Column(
        "industry_section",
        "行业门类",
        "section",
        export_path="industry_section__name",
        guide=gettext_noop("GB/T 4754 section: its letter (C) or its name (制造业)."),
    ),
    Column(
        "industry_division",
        "行业大类代码",
        "division",
        export_path="industry_division__code",
        guide=gettext_noop("GB/T 4754 division code, two digits (e.g. 38)."),
    ),
    Column("cluster", "重点产业链", "choice", default=""),
    Column("scale", "企业规模", "choice", default=""),
    Column("employees", "从业人数", "int", guide=gettext_noop("A whole number.")),
    Column("revenue_last_year", "上年营业收入（元）", "money", guide=gettext_noop("In yuan.")),
    Column("contact_person", "联系人", "text", max_length=50, guide=gettext_noop("At most 50 characters.")),
    Column(
        "contact_phone", "联系电话", "phone", guide=gettext_noop("A mobile number or a landline with its area code.")
    ),
    Column("is_member", "是否会员", "bool", default=False, guide=gettext_noop("是 or 否.")),
    Column("member_level", "会员层级", "choice", default=""),
    Column("member_since", "入会日期", "date", guide=gettext_noop("e.g. 2019-05-20.")),
    Column("tags", "标签", "text", max_length=200, guide=gettext_noop("Separate tags with commas.")),
    Column("notes", "备注", "text", guide=gettext_noop("Free text; text beginning with = + - @ is kept as text.")),
]
HEADERS = [c.header for c in COLUMNS]
COLUMN_BY_HEADER = {c.header: c for c in COLUMNS}
FIELDS = [c.field for c in COLUMNS]
ATTNAMES = [c.attname for c in COLUMNS]
REQUIRED_HEADERS = ["企业名称", "统一社会信用代码"]


def choice_words(column: Column) -> dict[str, str]:
    """Every accepted spelling of a choice column (label, alias, stored value) -> stored value."""
    words = {str(value): str(value) for value in CHOICE_LABELS[column.field]}
    words.update({label: str(value) for value, label in CHOICE_LABELS[column.field].items()})
    words.update({alias: str(value) for alias, value in CHOICE_ALIASES.get(column.field, {}).items()})
    return words


def allowed_values(column: Column) -> str:
    """The labels of a choice column, for the guide and for error messages."""
    return "、".join(CHOICE_LABELS[column.field].values())


@dataclass
class Lookups:
    """Reference data an import resolves names against, loaded once per import."""

    districts: dict[str, int] = field(default_factory=dict)
    sections: dict[str, int] = field(default_factory=dict)
    divisions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls):
        from federation.models import Division, Industry

        lookups = cls()
        for pk, code, name in Division.objects.counties().values_list("pk", "code", "name"):
            lookups.districts[name] = pk
            lookups.districts[code] = pk
        for pk, code, name, level in Industry.objects.values_list("pk", "code", "name", "level"):
            if level == Industry.Level.SECTION:
                lookups.sections[code.upper()] = pk
                lookups.sections[name] = pk
            else:
                lookups.divisions[code] = pk
        return lookups


# --- reading cells ---

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SECTION_RE = re.compile(r"^([A-Ta-t])(?:[\s\-–:：、.]+.*)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def cell_text(raw) -> str:
    """A cell as text, kept verbatim apart from surrounding blanks (so ``=1+1`` stays ``=1+1``).
    Whole numbers that a spreadsheet stored as floats (phones, codes) lose their ``.0``."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(sep=" ")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).strip()


def read_date(raw):
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 100000:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(raw))  # an Excel serial day number
    text = cell_text(raw)
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text.split(" ")[0] if " " in text and ":" in text else text)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise CellError(_("“%(value)s” is not a date; write it as 2019-05-20.") % {"value": text})


_MONEY_CENTS = decimal.Decimal("0.01")


def read_money(raw):
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = decimal.Decimal(repr(raw)) if isinstance(raw, float) else decimal.Decimal(raw)
    else:
        text = cell_text(raw).replace(",", "").replace("，", "").replace(" ", "")
        text = text.removesuffix("元")
        if not text:
            return None
        try:
            value = decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise CellError(_("“%(value)s” is not an amount in yuan.") % {"value": cell_text(raw)})
    if not value.is_finite():
        raise CellError(_("“%(value)s” is not an amount in yuan.") % {"value": cell_text(raw)})
    if value < 0:
        raise CellError(_("An amount may not be negative."))
    if value >= decimal.Decimal("1e16"):
        raise CellError(_("The amount is too large."))
    return value.quantize(_MONEY_CENTS, rounding=decimal.ROUND_HALF_UP)


def read_int(raw):
    if raw is None or raw == "":
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = cell_text(raw).replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise CellError(_("“%(value)s” is not a whole number of 0 or more.") % {"value": text})
    value = int(text)
    if value > 2147483647:
        raise CellError(_("The number is too large."))
    return value


def read_bool(raw):
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否, not “%(value)s”.") % {"value": cell_text(raw)})


def _text(raw) -> str:
    return raw.strip() if raw.__class__ is str else cell_text(raw)


def make_reader(column: Column, lookups: Lookups):
    """A function reading one cell of ``column`` into its database value (a foreign key as its id);
    it raises ``CellError``. Built once per import, so 250,000 rows pay no dispatch on the kind."""
    kind = column.kind
    if kind == "text":
        required, max_length = column.required, column.max_length

        def read(raw):
            text = _text(raw)
            if required and not text:
                raise CellError(_("This column is required."))
            if max_length and len(text) > max_length:
                raise CellError(_("At most %(max)d characters; this has %(n)d.") % {"max": max_length, "n": len(text)})
            return text

    elif kind == "uscc":

        def read(raw):
            code = normalize_uscc(_text(raw))
            if not code:
                return None
            try:
                validate_uscc(code)
            except ValidationError as exc:
                raise CellError(exc.messages[0])
            return code

    elif kind == "choice":
        words, default = choice_words(column), str(column.default)  # the value, never the enum member

        def read(raw):
            text = _text(raw)
            if not text:
                return default
            try:
                return words[text]
            except KeyError:
                raise CellError(
                    _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed_values(column)}
                )

    elif kind in ("date", "money", "int", "bool"):
        read = {"date": read_date, "money": read_money, "int": read_int, "bool": read_bool}[kind]
    elif kind == "phone":

        def read(raw):
            text = _text(raw)
            if not text:
                return ""
            try:
                validate_contact_phone(text)
            except ValidationError as exc:
                raise CellError(exc.messages[0])
            return text

    elif kind == "district":

        def read(raw):
            text = _text(raw)
            if not text:
                return None
            try:
                return lookups.districts[text]
            except KeyError:
                raise CellError(_("“%(value)s” is not a district or county of Xining.") % {"value": text})

    elif kind == "section":

        def read(raw):
            text = _text(raw)
            if not text:
                return None
            match = _SECTION_RE.match(text)
            pk = lookups.sections.get(match.group(1).upper()) if match else lookups.sections.get(text)
            if pk is None:
                raise CellError(
                    _("“%(value)s” is not a GB/T 4754 section (a letter A–T or its name).") % {"value": text}
                )
            return pk

    elif kind == "division":

        def read(raw):
            text = _text(raw)
            if not text:
                return None
            text = text.zfill(2) if text.isdigit() else text
            try:
                return lookups.divisions[text]
            except KeyError:
                raise CellError(_("“%(value)s” is not a GB/T 4754 division code (01–97).") % {"value": text})

    else:
        raise AssertionError(kind)
    return read


# --- writing rows (template and export) ---


def export_row(values) -> list:
    """A database row (``values_list`` in ``COLUMNS`` order) as spreadsheet cells."""
    row = []
    for column, value in zip(COLUMNS, values, strict=True):
        if column.kind == "choice":
            value = CHOICE_LABELS[column.field].get(value, value) if value else ""
        elif column.kind == "bool":
            value = "是" if value else "否"
        elif column.kind == "money" and value is not None:
            # Whole yuan as an int keeps the cell free of a spurious ".0" in text editors.
            value = int(value) if value == value.to_integral_value() else value
        row.append(value)
    return row


def export_rows(queryset, chunk_size: int = 5000):
    """Rows of ``queryset`` in the spreadsheet layout, streamed from the database."""
    paths = [c.value_path for c in COLUMNS]
    for values in queryset.order_by("pk").values_list(*paths).iterator(chunk_size=chunk_size):
        yield export_row(values)


EXPORT_REPORT = "enterprises.export"


def build_export(params: dict, path: str) -> int:
    """Report centre: the enterprise list filtered as ``params["query"]`` (the list's query string)
    written to ``path`` in the import layout; returns the number of rows."""
    from django.http import QueryDict

    from .filters import EnterpriseFilterSet
    from .models import Enterprise

    filterset = EnterpriseFilterSet(data=QueryDict(params.get("query", "")), queryset=Enterprise.objects.all())
    queryset = filterset.qs if filterset.is_valid() else Enterprise.objects.none()
    return write_xlsx(path, HEADERS, export_rows(queryset), sheet_name=SHEET_NAME)


def template_response():
    """The empty import template: the headers alone."""
    return xlsx_response("企业档案导入模板.xlsx", HEADERS, [], sheet_name=SHEET_NAME)


def export_response(queryset):
    """The filtered enterprise list as XLSX in the import layout (export → edit → import round trip).

    The list view lets only holders of ``enterprises.export_enterprise`` (staff and administrators)
    call it: the file carries personal data (legal representatives, contact phones) unmasked, as
    the import needs it."""
    return xlsx_response(dated_filename(SHEET_NAME), HEADERS, export_rows(queryset), sheet_name=SHEET_NAME)
