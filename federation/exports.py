"""The one export path: rows to an XLSX file, safe against formula injection, fast at 250,000 rows.

The workbook is written here as SpreadsheetML streamed straight into the zip file, one row at a time
(memory stays flat however long the ledger): a general-purpose writer such as XlsxWriter spends about
ten times as long per cell on checks these exports never need, which made the 250,000-row enterprise
directory take minutes. Every string is written as an inline string, so a value beginning with ``=``,
``+``, ``-`` or ``@`` is shown by Excel as typed and never run as a formula; numbers are numbers, dates
real dates (formatted ``yyyy-mm-dd``), booleans 是/否. The header row is bold on a fill and frozen.
"""

import datetime
import decimal
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from django.http import FileResponse
from django.utils import timezone

# Characters XML 1.0 cannot carry at all (a spreadsheet cell may hold them; the file must not).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = datetime.datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
# Cell styles (indexes into styles.xml's cellXfs below).
_HEAD, _DATE, _DATETIME = 1, 2, 3


def write_xlsx(path, headers: Sequence[str], rows: Iterable[Sequence], sheet_name: str = "Sheet1", widths=None):
    """Write ``rows`` under ``headers`` to an XLSX file at ``path``; returns the number of rows."""
    return write_xlsx_sheets(path, [(sheet_name, headers, rows)], widths=widths)


def write_xlsx_sheets(path, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]], widths=None) -> int:
    """Write several ``(sheet name, headers, rows)`` to one XLSX file (e.g. a report's appendix of
    ledgers), one sheet after the other; returns the number of rows of all sheets."""
    total = 0
    used: list[str] = []
    with zipfile.ZipFile(str(path), "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for sheet_name, headers, rows in sheets:
            used.append(_unique_sheet_name(sheet_name, used))
            with archive.open(f"xl/worksheets/sheet{len(used)}.xml", "w", force_zip64=True) as part:
                total += _write_sheet(part, headers, rows, widths)
        if not used:
            used.append("Sheet1")
            archive.writestr("xl/worksheets/sheet1.xml", _SHEET_HEAD + "<sheetData/>" + _SHEET_TAIL)
        _write_package(archive, used)
    return total


def _unique_sheet_name(name, used) -> str:
    """Excel's limits: 31 characters, none of ``[]:*?/\\``, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", str(name))[:31] or "Sheet"
    candidate, n = base, 2
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def _column_letters(count: int) -> list[str]:
    letters = []
    for n in range(1, count + 1):
        name = ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _text(value: str) -> str:
    value = escape(_ILLEGAL_XML.sub("", value))
    if value[:1].isspace() or value[-1:].isspace():
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


def _serial(value: datetime.datetime) -> str:
    delta = value - _EPOCH
    return repr(delta.days + delta.seconds / 86400)


def _cell(ref: str, value) -> str:
    """One ``<c>`` element; "" for an empty value (the cell is left out)."""
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        return f'<c r="{ref}" t="inlineStr">{_text(value)}</c>'
    if kind is bool:
        return f'<c r="{ref}" t="inlineStr"><is><t>{"是" if value else "否"}</t></is></c>'
    if kind is int:
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, (int, float, decimal.Decimal)):
        return f'<c r="{ref}"><v>{float(value)!r}</v></c>'
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return f'<c r="{ref}" s="{_DATETIME}"><v>{_serial(value)}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    return f'<c r="{ref}" t="inlineStr">{_text(str(value))}</c>'


def _write_sheet(part, headers, rows, widths=None) -> int:
    letters = _column_letters(max(len(headers), 1))
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{(widths or {}).get(i - 1, max(10, min(40, len(str(t)) * 2 + 4)))}" customWidth="1"/>'
        for i, t in enumerate(headers, start=1)
    )
    head = "".join(f'<c r="{letters[c]}1" s="{_HEAD}" t="inlineStr">{_text(str(t))}</c>' for c, t in enumerate(headers))
    part.write(
        (
            _SHEET_HEAD
            + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
            ' state="frozen"/></sheetView></sheetViews>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData><row r="1">{head}</row>'
        ).encode()
    )
    count, buffer = 0, []
    for r, row in enumerate(rows, start=2):
        if len(row) > len(letters):
            letters = _column_letters(len(row))
        number = str(r)
        buffer.append(
            f'<row r="{number}">' + "".join([_cell(letters[c] + number, v) for c, v in enumerate(row)]) + "</row>"
        )
        count = r - 1
        if len(buffer) >= 1000:
            part.write("".join(buffer).encode())
            buffer.clear()
    part.write(("".join(buffer) + "</sheetData>" + _SHEET_TAIL).encode())
    return count


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} {_REL_NS}>'
_SHEET_TAIL = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {_NS}>'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
    '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _write_package(archive, names: list[str]):
    """The parts around the sheets: content types, relationships, the workbook, its styles."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheet_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    archive.writestr(
        "[Content_Types].xml",
        head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheet_types}</Types>",
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    archive.writestr(
        "_rels/.rels",
        head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    sheets = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    archive.writestr("xl/workbook.xml", head + f"<workbook {_NS} {_REL_NS}><sheets>{sheets}</sheets></workbook>")
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    styles = len(names) + 1
    archive.writestr(
        "xl/_rels/workbook.xml.rels",
        head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{links}<Relationship Id="rId{styles}" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
    )
    archive.writestr("xl/styles.xml", _STYLES)


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], sheet_name: str = "Sheet1"):
    """An HTTP download of ``rows`` as XLSX; the file is built in a temporary file, then streamed."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as handle:
        path = handle.name
    write_xlsx(path, headers, rows, sheet_name=sheet_name)
    # FileResponse writes the Content-Disposition, encoding a Chinese file name (RFC 5987).
    return FileResponse(
        _unlinking_open(path),
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _unlinking_open(path):
    """Open a file and remove its name at once: the open handle keeps the data until closed."""
    import os

    f = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    os.unlink(path)
    return f


def dated_filename(stem: str, ext: str = "xlsx") -> str:
    """台账-20261125.xlsx style names."""
    return f"{stem}-{timezone.localdate():%Y%m%d}.{ext}"
