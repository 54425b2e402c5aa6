"""``manage.py import_pairings PATH [--dry-run]``: the web pairing-ledger import's code path from a shell."""

from federation.imports.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the village pairing ledger (XLSX or CSV, one row per project, Chinese headers as in the "
        "template: 批次, 结对形式, 企业统一社会信用代码, 区县, 乡镇（街道）, 行政村, 项目名称, ...) at PATH. "
        "Ends with one line: created=N updated=N unchanged=N invalid=N."
    )
    spec_key = "villages.pairings"
