"""The import engine: every app's spreadsheet import follows the same rules.

An app describes its spreadsheet once, as an ``ImportSpec`` (``spec.py``): columns and their cell
readers, how a row is matched and written; it registers the spec in its ``AppConfig.ready()``
(``registry.register``). The core does the rest, the same way for every spec:

* ``reading``  — open and refuse files (size, type, zip bomb, DTD), stream XLSX, CSV in
  UTF-8/BOM/GB18030 with the header row's delimiter, check the headers;
* ``cells``    — generic cell readers (text, code, choice, date, money, count, yes/no);
* ``engine``   — dry run and one-transaction apply under an advisory lock, the invalid-rows file
  and the preview, progress through the cache;
* ``models`` / ``jobs`` — the ``ImportJob`` record and the only functions that change its status;
* ``views`` / ``urls`` / ``tasks`` / ``commands`` — upload → dry run → confirm pages, the Celery
  task and the nightly purge, the ``import_<thing> PATH [--dry-run]`` command.

Adding an import (the enterprise register, ``enterprises/imports.py``, is the worked example)::

    class MemberImportSpec(ImportSpec):
        key = "app.members"                      # stored on every ImportJob
        title = gettext_lazy("Import chamber members")
        permission = "app.import_membership"
        url_name = "app:membership_import"       # + _template/_detail/_status/_apply/_invalid
        list_url_name = "app:membership_list"
        settings_prefix = "IMPORT"                    # or its own <PREFIX>_MAX_BYTES… in settings

        def columns(self): ...                        # [ImportColumn(header, required, guide, as_text)]
        def readers(self): ...                        # cells.text_reader(...), cells.code_reader(...), …
        def begin(self, *, apply, user, reason): ...  # a SpecRun: classify(number, values), finish()

    # apps.py, in ready():     registry.register(MemberImportSpec())
    # urls.py:                 *import_urlpatterns("app.members", "membership_import")
    # management command:      class Command(ImportCommand): spec_key = "app.members"
"""
