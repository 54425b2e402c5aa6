"""Celery tasks of the enterprises app. Tasks take ids and are safe to run twice.

The import's check, apply and the nightly purge of uploaded files are the import engine's
(``federation.imports.tasks``), run for this app's spec like for every other."""

from celery import shared_task

from . import counts


@shared_task(name="enterprises.compact_tallies")
def compact_tallies():
    """Nightly: fold the census tallies' appended rows into one per group (safe to run twice)."""
    counts.compact_tallies()
