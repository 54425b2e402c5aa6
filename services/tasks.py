"""Celery's autodiscovery imports this module: it brings in each sub-domain's tasks."""

from .policies import tasks as policies_tasks  # noqa: F401
from .requests import tasks as requests_tasks  # noqa: F401
