"""Django's admin autodiscovery imports this module: it brings in each sub-domain's admin."""

from .campaigns import admin as campaigns_admin  # noqa: F401
from .events import admin as events_admin  # noqa: F401
from .jobfairs import admin as jobfairs_admin  # noqa: F401
from .legal import admin as legal_admin  # noqa: F401
from .policies import admin as policies_admin  # noqa: F401
from .requests import admin as requests_admin  # noqa: F401
from .visits import admin as visits_admin  # noqa: F401
