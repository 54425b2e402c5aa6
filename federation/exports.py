"""The one export path: rows to an XLSX file, safe against formula injection.

Every string cell is written as text (``write_string``), so a value beginning with ``=``, ``+``,
``-`` or ``@`` is shown by Excel as typed and never run as a formula. XlsxWriter's constant-memory
mode keeps memory flat for large ledgers.
"""

import datetime
import decimal
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from django.utils import timezone


def write_xlsx(path, headers: Sequence[str], rows: Iterable[Sequence], sheet_name: str = "Sheet1", widths=None):
    """Write ``rows`` under ``headers`` to an XLSX file at ``path``; returns the number of rows."""
    return write_xlsx_sheets(path, [(sheet_name, headers, rows)], widths=widths)


def write_xlsx_sheets(path, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]], widths=None) -> int:
    """Write several ``(sheet name, headers, rows)`` to one XLSX file (e.g. a report's appendix of
    ledgers), one sheet after the other; returns the number of rows of all sheets."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = {
        "head": workbook.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    total = 0
    used = set()
    for sheet_name, headers, rows in sheets:
        name = _unique_sheet_name(sheet_name, used)
        total += _write_sheet(workbook.add_worksheet(name), formats, headers, rows, widths)
    if not used:
        workbook.add_worksheet()
    workbook.close()
    return total


def _unique_sheet_name(name, used: set) -> str:
    """Excel's limits: 31 characters, unique in the workbook."""
    base = str(name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def _write_sheet(sheet, formats, headers, rows, widths=None) -> int:
    for col, title in enumerate(headers):
        sheet.write_string(0, col, str(title), formats["head"])
        sheet.set_column(col, col, (widths or {}).get(col, max(10, min(40, len(str(title)) * 2 + 4))))
    sheet.freeze_panes(1, 0)
    count = 0
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_string(r, c, "是" if value else "否")
            elif isinstance(value, (int, float, decimal.Decimal)):
                sheet.write_number(r, c, float(value))
            elif isinstance(value, datetime.datetime):
                if timezone.is_aware(value):
                    value = timezone.localtime(value).replace(tzinfo=None)
                sheet.write_datetime(r, c, value, formats["datetime"])
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), formats["date"])
            else:
                sheet.write_string(r, c, str(value))
        count = r
    return count


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
