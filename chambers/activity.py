"""What counts as a chamber's activity for the clean-up rule "no recorded activity for N months".

Chambers record their own (meetings staff note on the chamber's page, annual inspections); apps above
chambers (services' events, legal stations) register a source here, so the rule reads their records
without chambers importing them (the import contract forbids it). A source is a function that takes
the outer reference to the chamber (``OuterRef("pk")``) and returns a queryset of the dates of that
chamber's activities, one column, newest first:
``Event.objects.filter(chambers=chamber).order_by("-held_on").values("held_on")``.
The rule takes the first date of every source, one subquery each.
"""

from collections.abc import Callable

from django.db.models import DateField, OuterRef, QuerySet, Subquery

from federation.registry import Registry

ActivitySource = Callable[[OuterRef], QuerySet]

sources = Registry("chambers.activity")


def register(source: ActivitySource) -> ActivitySource:
    """Add a source of chamber activity (usable as a decorator, from an app's ``ready()``)."""
    return sources.register(source)


def newest(chamber: OuterRef) -> list[Subquery]:
    """The newest activity date of each registered source for ``chamber``: subqueries for GREATEST."""
    return [Subquery(source(chamber)[:1], output_field=DateField()) for source in sources]
