"""The one Celery app of the project (configured from Django settings, CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings.base")

app = Celery("federation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="federation.ping")
def ping():
    """A trivial task: proves a worker consumes from the broker (used by /healthz and tests)."""
    return "pong"


def merge_beat_schedule(entries: dict) -> None:
    """Add the apps' registered beat entries (``registry.schedules``) to the schedule from settings.

    Apps declare their own periodic tasks in ``ready()``; beat reads ``app.conf.beat_schedule`` only
    when its scheduler starts, after Django (and so every app) is ready."""
    app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), **entries}
