import pytest

from federation import registry


@pytest.fixture
def timeline_provider():
    """Register a timeline provider for one test (as another app would in its ready())."""
    added = []

    def register(entries):
        provider = registry.TimelineProvider(("enterprises.enterprise",), lambda subject, limit: entries(subject))
        registry.timeline.register(provider)
        added.append(provider)
        return entries

    yield register
    for provider in added:
        registry.timeline._items.remove(provider)
