"""Django's admin autodiscovery imports this module: it brings in each sub-domain's admin."""

from .requests import admin as requests_admin  # noqa: F401
