"""``manage.py import_enterprises PATH [--dry-run]``: the web import's code path from a shell."""

from federation.imports.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the enterprise spreadsheet (XLSX or CSV, Chinese headers) at PATH; upsert by USCC. "
        "Ends with one line: created=N updated=N unchanged=N invalid=N."
    )
    spec_key = "enterprises"
