"""``manage.py import_members PATH [--dry-run]``: the web member import's code path from a shell."""

from federation.imports.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a chamber member list (XLSX or CSV, Chinese headers: 商会名称 or 商会统一社会信用代码, 企业名称, "
        "统一社会信用代码, 职务, 入会日期, 退会日期) at PATH. Ends with one line: created=N updated=N unchanged=N invalid=N."
    )
    spec_key = "chambers.members"
