"""Celery tasks of the enterprises app. Tasks take ids and are safe to run twice.

The import's check, apply and the nightly purge of uploaded files are the import engine's
(``federation.imports.tasks``), run for this app's spec like for every other."""
