"""Django's admin autodiscovery imports this module: it brings in each sub-domain's admin."""

from .events import admin as events_admin  # noqa: F401
from .requests import admin as requests_admin  # noqa: F401
