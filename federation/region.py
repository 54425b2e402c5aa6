"""The region the portal serves: its code, its city's name and the portal's title, read from the
settings when asked (never at import time), and its divisions from the database.

Nothing else in the code names a city: forms, filters and figures take their districts from
``Division.objects.counties()`` (the loaded divisions under ``FEDERATION_REGION_CODE``), demo data
from ``city_name()`` and the loaded townships. ``manage.py load_region PATH`` loads another region.
"""

from django.conf import settings
from django.db import models


def region_code() -> str:
    """The national code of the city whose districts the portal serves (``FEDERATION_REGION_CODE``)."""
    return settings.FEDERATION_REGION_CODE


def city_name() -> str:
    """The city's name (``FEDERATION_CITY_NAME``, else the loaded division with the region's code)."""
    if settings.FEDERATION_CITY_NAME:
        return settings.FEDERATION_CITY_NAME
    from .models import Division

    return Division.objects.filter(code=region_code()).values_list("name", flat=True).first() or ""


def area_code() -> str:
    """The city's telephone area code (``FEDERATION_AREA_CODE``), as landlines begin."""
    return settings.FEDERATION_AREA_CODE


def city_short_name() -> str:
    """The city's name without its 市 (西宁市 → 西宁), as trade names and places write it."""
    name = city_name()
    return name[:-1] if len(name) > 2 and name.endswith("市") else name


def short_county_name(name: str) -> str:
    """A county's name as people write it in names: 城东区 → 城东区; 大通回族土族自治县 → 大通县."""
    return name if len(name) <= 3 else name[:2] + name[-1]


def portal_title():
    """The portal's title (``PORTAL_TITLE``, else the translated default name)."""
    return settings.PORTAL_TITLE or settings.PORTAL_NAME


class RegionCode(models.Value):
    """The region's code as a query parameter read when the query is compiled, not when it is built:
    querysets made at import time (a filter's choices) follow the setting (and ``override_settings``)."""

    def __init__(self):
        super().__init__("", output_field=models.CharField())

    def as_sql(self, compiler, connection):
        return "%s", [region_code()]
