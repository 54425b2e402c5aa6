"""Django's admin autodiscovery imports this module: it brings in each sub-domain's admin."""

from .policies import admin as policies_admin  # noqa: F401
from .requests import admin as requests_admin  # noqa: F401
