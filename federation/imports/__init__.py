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
"""
