"""How each campaign measure is counted: the sub-domain owning the records registers a counter, so
campaigns know no visit, event or request model.

A counter is ``count(campaign, *, staff=None, district=None, until=None) -> int``: the records linked
to ``campaign`` (of that staff member or district when given, up to the date ``until`` when given).
"""

from collections.abc import Callable

from .choices import Measure

Counter = Callable[..., int]

counters: dict[str, Counter] = {}


def register(measure: Measure, count: Counter) -> Counter:
    """Name the counter of ``measure`` (one per measure; the last registration wins, for tests)."""
    counters[measure] = count
    return count


def count(measure: str, campaign, *, staff=None, district=None, until=None) -> int | None:
    """The measure's count for the campaign, or None while no sub-domain counts it."""
    counter = counters.get(measure)
    if counter is None:
        return None
    return counter(campaign, staff=staff, district=district, until=until)
