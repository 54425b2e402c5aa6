"""Opening an uploaded spreadsheet: refuse what cannot be imported (empty, too large, not a
spreadsheet, an old .xls, a zip bomb, a DTD, damaged), stream the rows of an XLSX file or a CSV file
(UTF-8 with or without BOM, or GB18030; the delimiter the header row uses), and check the headers
against a specification's columns."""

from __future__ import annotations

import codecs
import csv
import datetime
import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .cells import cell_text


class ImportRefused(Exception):
    """The whole file is refused (nothing was read into the database); the message says why."""


def limit(spec, name: str) -> int:
    """The setting ``<spec.settings_prefix>_<name>`` (MAX_BYTES, MAX_UNCOMPRESSED, MAX_RATIO,
    RETENTION_DAYS), declared in ``federation/settings/base.py``."""
    return getattr(settings, f"{spec.settings_prefix}_{name}")


# --- opening a file ---


@dataclass
class Sheet:
    """The rows of an opened file: ``rows`` yields (row number, [cells]) after the header row."""

    kind: str  # "xlsx" or "csv"
    headers: list[str]
    rows: object
    estimated_rows: int
    encoding: str = ""
    _close: object = None

    def close(self):
        if self._close:
            self._close()


def check_size(path, spec):
    """The size of the file at ``path``; refuses an empty file or one over the spec's limit."""
    size = os.path.getsize(path)
    if size == 0:
        raise ImportRefused(_("The file is empty."))
    most = limit(spec, "MAX_BYTES")
    if size > most:
        raise ImportRefused(
            _("The file is too large (%(size)s); at most %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(most)}
        )
    return size


def open_sheet(path, spec, name: str = "") -> Sheet:
    """Open an XLSX or CSV file and check its headers against ``spec``; raises ``ImportRefused``
    with the reason."""
    kind = _sniff_kind(path, spec, name)
    sheet = _open_xlsx(path, spec) if kind == "xlsx" else _open_csv(path)
    try:
        check_headers(sheet, spec)
    except ImportRefused:
        sheet.close()
        raise
    return sheet


def _check_archive(path, spec):
    """The cheap checks of an XLSX file, from the zip's directory only (nothing is decompressed):
    a zip archive with a workbook and a worksheet, and not a zip bomb. The XML is parsed later, by
    the task (``_open_xlsx``)."""
    max_uncompressed, max_ratio = limit(spec, "MAX_UNCOMPRESSED"), limit(spec, "MAX_RATIO")
    # A zip bomb is refused before anything is decompressed: the sizes come from the archive's
    # directory (and zipfile never inflates a member beyond its declared size).
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused(_("The XLSX file cannot be read; it may be damaged. Save it again from Excel."))
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    worst = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1024 * 1024), default=0)
    if total > max_uncompressed or total / packed > max_ratio or worst > max_ratio:
        raise ImportRefused(
            _(
                "The XLSX file unpacks to %(size).0f MB (%(ratio).0f times its size): refused as a possible zip bomb. Save it again from Excel, or split it."
            )
            % {"size": total / 1024 / 1024, "ratio": max(total / packed, worst)}
        )
    names = {m.filename for m in members}
    if not {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"} <= names or not any(
        n.startswith("xl/worksheets/") for n in names
    ):
        raise ImportRefused(_("The XLSX file cannot be read; it may be damaged. Save it again from Excel."))


def check_upload_file(path, spec, name: str = "") -> str:
    """What the upload request checks before storing the file (cheap: size, type, the zip's
    directory, a CSV's header row); the rows — and an XLSX's XML, whose shared strings alone can
    take seconds and hundreds of MB — are read by the task. Returns the kind ("xlsx" or "csv");
    raises ``ImportRefused``."""
    kind = _sniff_kind(path, spec, name)
    if kind == "xlsx":
        _check_archive(path, spec)
    else:
        open_sheet(path, spec, name).close()
    return kind


def _sniff_kind(path, spec, name: str = "") -> str:
    from federation.uploads import sniff

    name = name or os.path.basename(str(path))
    ext = os.path.splitext(name)[1].lower()
    check_size(path, spec)
    with open(path, "rb") as handle:
        head = handle.read(8)
        kind = sniff(handle)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_("This is an old Excel file (.xls); please save it as .xlsx and upload it again."))
    if ext not in (".xlsx", ".csv", ".txt"):
        raise ImportRefused(_("“%(name)s” is not a spreadsheet; upload an XLSX or CSV file.") % {"name": name})
    if kind == "xlsx":
        return "xlsx"
    if kind is None and not head.startswith(b"PK\x03\x04") and ext != ".xlsx":
        return "csv"
    raise ImportRefused(_("“%(name)s” is not a spreadsheet; upload an XLSX or CSV file.") % {"name": name})


def _open_xlsx(path, spec) -> Sheet:
    _check_archive(path, spec)
    try:
        reader = XlsxReader(path)
    except Exception:
        raise ImportRefused(_("The XLSX file cannot be read; it may be damaged. Save it again from Excel."))
    rows = reader.rows()
    try:
        headers, first = _first_row(rows)
    except ImportRefused:
        reader.close()
        raise
    return Sheet("xlsx", headers, rows, max(reader.last_row - first, 0), _close=reader.close)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that show dates or times (including the Chinese-locale ones, 27–36, 50–58).
_DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _is_date_format(code: str) -> bool:
    code = _FORMAT_NOISE.sub("", code).lower()
    return code != "general" and any(ch in code for ch in "dmyhs")


class XlsxReader:
    """A streaming reader of the first worksheet of an XLSX file: cell values as Excel shows them
    (shared and inline strings, numbers, booleans, dates by their number format, a formula's last
    computed value). About three times faster than openpyxl's read-only mode, which spends most of
    its time building objects for every cell — the difference between 70 s and 40 s at 250,000 rows.

    Formulas are never evaluated; a formula without a computed value is read as its text (=…),
    which then fails the column's check or is kept as text. Every part is parsed by defusedxml with
    DTDs forbidden: a part declaring a DTD or an entity is refused whatever its encoding (UTF-16)
    or however far into the part the declaration comes."""

    def __init__(self, path):
        from defusedxml import ElementTree

        self.archive = zipfile.ZipFile(path)
        names = set(self.archive.namelist())
        workbook = self._parse("xl/workbook.xml")
        first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
        rels = self._parse("xl/_rels/workbook.xml.rels")
        target = next(
            r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship") if r.get("Id") == first.get(f"{_REL}id")
        )
        self.sheet_name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        properties = workbook.find(f"{_MAIN}workbookPr")
        self.epoch = datetime.datetime(1899, 12, 30)
        if properties is not None and properties.get("date1904") in ("1", "true"):
            self.epoch = datetime.datetime(1904, 1, 1)
        self.shared = self._shared_strings() if "xl/sharedStrings.xml" in names else []
        self.date_styles = set()
        if "xl/styles.xml" in names:
            styles = self._parse("xl/styles.xml")
            custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iter(f"{_MAIN}numFmt")}
            xfs = styles.find(f"{_MAIN}cellXfs")
            for index, xf in enumerate(xfs if xfs is not None else []):
                fmt = int(xf.get("numFmtId", "0"))
                if fmt in _DATE_FORMAT_IDS or (fmt in custom and _is_date_format(custom[fmt])):
                    self.date_styles.add(str(index))
        self.last_row = 0
        self._ElementTree = ElementTree

    def _shared_strings(self):
        """The shared string table, streamed: a whole tree of a big table would take far more memory
        than its strings."""
        name, item_tag, strings, root = "xl/sharedStrings.xml", f"{_MAIN}si", [], None
        with self.archive.open(name) as handle:
            for event, elem in self._iterparse(handle, events=("start", "end")):
                if root is None:
                    root = elem
                elif event == "end" and elem.tag == item_tag:
                    strings.append(self._text(elem))
                    root.clear()  # drop the items read so far
        return strings

    @staticmethod
    def _iterparse(handle, events=("end",)):
        from defusedxml import ElementTree

        return ElementTree.iterparse(handle, events=events, forbid_dtd=True)

    def _parse(self, name):
        from defusedxml import ElementTree

        with self.archive.open(name) as handle:
            return ElementTree.parse(handle, forbid_dtd=True).getroot()

    @staticmethod
    def _text(item):
        """The text of a string item: its <t>, or its rich-text runs' <t>s (phonetic runs left out)."""
        direct = item.find(f"{_MAIN}t")
        if direct is not None:
            return direct.text or ""
        return "".join(run.findtext(f"{_MAIN}t") or "" for run in item.iter(f"{_MAIN}r"))

    def rows(self):
        """(row number, [cell values]) for each row with any cell, in sheet order."""
        try:
            yield from self._rows()
        except (self._ElementTree.ParseError, zipfile.BadZipFile, EOFError, OSError, ValueError, IndexError):
            raise ImportRefused(_("The XLSX file cannot be read; it may be damaged. Save it again from Excel."))

    def _rows(self):
        C, V, F, IS, ROW, DIM = (f"{_MAIN}{t}" for t in ("c", "v", "f", "is", "row", "dimension"))
        columns: dict[str, int] = {}
        shared, date_styles, epoch, text_of = self.shared, self.date_styles, self.epoch, self._text
        timedelta = datetime.timedelta
        number = 0
        with self.archive.open(self.sheet_name) as handle:
            for _event, elem in self._iterparse(handle):
                tag = elem.tag
                if tag == ROW:
                    number = int(elem.get("r") or number + 1)
                    cells = []
                    for c in elem:
                        if c.tag != C:
                            continue
                        ref = c.get("r")
                        if ref:
                            letters = ref.rstrip("0123456789")
                            col = columns.get(letters)
                            if col is None:
                                col = 0
                                for ch in letters:
                                    col = col * 26 + ord(ch) - 64
                                col = columns[letters] = col - 1
                        else:
                            col = len(cells)
                        kind = c.get("t")
                        v = c.find(V)
                        raw = v.text if v is not None else None
                        if kind == "inlineStr":
                            item = c.find(IS)
                            value = text_of(item) if item is not None else None
                        elif raw is None:
                            formula = c.find(F)
                            value = f"={formula.text}" if formula is not None and formula.text else None
                        elif kind == "s":
                            value = shared[int(raw)]
                        elif kind is None or kind == "n":
                            try:
                                value = int(raw)
                            except ValueError:
                                value = float(raw)
                            if c.get("s") in date_styles:
                                value = epoch + timedelta(days=value)
                        elif kind == "b":
                            value = raw == "1"
                        elif kind == "d":
                            value = datetime.datetime.fromisoformat(raw.rstrip("Z"))
                        else:  # "str" (a formula's text result), "e" (an error such as #N/A)
                            value = raw
                        if col >= len(cells):
                            cells.extend([None] * (col - len(cells) + 1))
                        cells[col] = value
                    elem.clear()
                    yield number, cells
                elif tag == DIM:
                    ref = (elem.get("ref") or "").split(":")[-1]
                    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    self.last_row = int(digits) if digits.isdigit() else 0

    def close(self):
        self.archive.close()


def detect_encoding(path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else GB18030 (a superset
    of GBK and GB2312, which Chinese Excel writes)."""
    with open(path, "rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _open_csv(path) -> Sheet:
    with open(path, "rb") as handle:
        sample = handle.read(64 * 1024)
    if b"\x00" in sample:
        raise ImportRefused(_("The file is not a spreadsheet; upload an XLSX or CSV file."))
    encoding = detect_encoding(path)
    lines = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(4 * 1024 * 1024), b""):
            # A NUL anywhere, not only in the sample: one past the first 64 KB reached the database
            # on apply, which PostgreSQL refuses (an unhandled error instead of a reason).
            if b"\x00" in chunk:
                raise ImportRefused(_("The file is not a spreadsheet; upload an XLSX or CSV file."))
            lines += chunk.count(b"\n")
    handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115 - closed by Sheet.close
    # The delimiter the header row uses most: comma (Excel's CSV), tab (its "Unicode text") or semicolon.
    first_line = sample.split(b"\n", 1)[0].decode(encoding, errors="ignore")
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = enumerate(csv.reader(handle, delimiter=delimiter), start=1)
    try:
        headers, first = _first_row(reader)
    except ImportRefused:
        handle.close()
        raise

    return Sheet("csv", headers, reader, max(lines - first, 0), encoding=encoding, _close=handle.close)


def _first_row(rows):
    """The header row: the first row with any content, and its 1-based number; ``rows`` yields
    (number, cells) and goes on after it."""
    for number, cells in rows:
        headers = [cell_text(c) for c in cells]
        if any(headers):
            while headers and not headers[-1]:
                headers.pop()
            return headers, number
        if number > 50:
            break
    raise ImportRefused(_("The file is empty: it has no header row."))


def check_headers(sheet: Sheet, spec):
    """Every header of the spec's template must be present (any order), once, and nothing else
    (apart from the invalid-rows file's own columns), so a missing column never blanks a field.
    When most headers of a CSV file are not recognised at all, the file was most likely saved in
    another encoding: that is said, with how to save it."""
    expected = spec.headers
    known = set(expected)
    present = [h for h in sheet.headers if h]
    unknown = [h for h in present if h not in known and h not in spec.ignored_headers]
    missing = [h for h in expected if h not in present]
    repeated = sorted({h for h in present if present.count(h) > 1})
    garbled = sheet.kind == "csv" and len(unknown) * 2 > len(present)
    problems = []
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
    if unknown:
        shown = unknown[:5] if garbled else unknown
        problems.append(_("unknown columns: %(names)s") % {"names": "、".join(shown)})
    if repeated:
        problems.append(_("repeated columns: %(names)s") % {"names": "、".join(repeated)})
    if not problems:
        return
    message = _(
        "The headers do not match the template (%(problems)s). Download the template and keep its first row."
    ) % {"problems": "; ".join(problems)}
    if garbled:
        message = " ".join(
            [
                _(
                    "Most headers cannot be recognised: the file is probably saved in another encoding. Save it as CSV in UTF-8 or GB18030, or as an XLSX workbook, and upload it again."
                ),
                message,
            ]
        )
    raise ImportRefused(message)
