"""The one definition of the enterprise spreadsheet (企业档案表): its Chinese headers, in order, and
how each column is read (import) and written (template, export).

The layout is a data-interchange format, like the registry files of the market regulator: its
headers and the Chinese labels of the choices are fixed here, whatever language a user has chosen,
so an exported file always imports back (round trip). Reasons for refusing a cell are translated
messages; imports render them in Chinese (``IMPORT_LANGUAGE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from federation.exports import write_xlsx
from federation.imports import cells
from federation.imports.cells import CellError
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

    @property
    def allowed(self) -> str:
        return allowed_values(self) if self.kind == "choice" else ""

    @property
    def as_text(self) -> bool:
        """Codes and phone numbers: the template formats these columns as text."""
        return self.kind in ("uscc", "phone", "division")


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
        guide=gettext_noop("A district or county of the city: its name or its code."),
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
    city: str = ""

    @classmethod
    def load(cls):
        from federation.models import Division, Industry
        from federation.region import city_name

        lookups = cls(city=city_name())
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

_SECTION_RE = re.compile(r"^([A-Ta-t])(?:[\s\-–:：、.]+.*)?$")
_text = cells.read_text


def make_reader(column: Column, lookups: Lookups):
    """A function reading one cell of ``column`` into its database value (a foreign key as its id);
    it raises ``CellError``. Built once per import, so 250,000 rows pay no dispatch on the kind."""
    kind = column.kind
    if kind == "text":
        return cells.text_reader(required=column.required, max_length=column.max_length)
    if kind == "uscc":
        return cells.code_reader(validate_uscc, normalize=normalize_uscc, empty=None)
    if kind == "choice":
        # The stored value, never the enum member.
        return cells.choice_reader(choice_words(column), str(column.default), allowed_values(column))
    if kind in ("date", "money", "int", "bool"):
        return {"date": cells.read_date, "money": cells.read_money, "int": cells.read_count, "bool": cells.read_bool}[
            kind
        ]
    if kind == "phone":
        return cells.code_reader(validate_contact_phone, empty="")
    if kind == "district":

        def read(raw):
            text = _text(raw)
            if not text:
                return None
            try:
                return lookups.districts[text]
            except KeyError:
                raise CellError(
                    _("“%(value)s” is not a district or county of %(city)s.") % {"value": text, "city": lookups.city}
                )

        return read
    if kind == "section":

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

        return read
    if kind == "division":

        def division(text):
            code = text.zfill(2) if text.isdigit() else text
            try:
                return lookups.divisions[code]
            except KeyError:
                raise CellError(_("“%(value)s” is not a GB/T 4754 division code (01–97).") % {"value": text})

        return cells.code_reader(division, empty=None, short=True)
    raise AssertionError(kind)


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
