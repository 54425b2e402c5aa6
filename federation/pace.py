"""The pace a person expects of a target spread evenly over a span of days (a campaign's goals, a
programme's annual targets): the share of the span gone by, and where a target should be by then."""

import datetime
import math


def elapsed(starts_on: datetime.date, ends_on: datetime.date, on: datetime.date) -> float:
    """The share of the days from ``starts_on`` to ``ends_on`` gone by on ``on`` (both ends counted),
    0 to 1."""
    days = (ends_on - starts_on).days + 1
    gone = (min(on, ends_on) - starts_on).days + 1
    return max(0, min(gone, days)) / days


def expected(target, share: float) -> int:
    """Where a target should be when ``share`` of its span is gone: the whole number below
    ``target × share`` (a small tolerance keeps 20 × 0.25 at 5)."""
    return math.floor(float(target) * share + 1e-9)
