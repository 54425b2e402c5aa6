"""Celery's autodiscovery imports this module: it brings in each sub-domain's tasks."""

from .requests import tasks as requests_tasks  # noqa: F401
