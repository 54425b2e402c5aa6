"""The dashboard's figures built side by side in threads (federation.parallel) are the figures built
one after another: the same numbers, labels in the page's language, links under its script prefix."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import set_script_prefix
from django.utils import translation

from federation import parallel, registry
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory, county
from tests.services.factories import ServiceRequestFactory

PERIODS = [
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
]


def _built(settings, threads):
    settings.PARALLEL_THREADS = threads
    with registry.gathering():
        return registry.figures_and_series(PERIODS, None)


def _as_values(built):
    figures, series = built
    return [[(f.key, str(f.label), f.value, f.url) for f in period] for period in figures], [
        (s.key, [(str(f.label), f.value, f.url) for f in s.figures]) for s in series
    ]


@pytest.mark.django_db(transaction=True)
def test_figures_built_in_threads_equal_those_built_in_turn(settings):
    district = county()
    EnterpriseFactory.create_batch(3, district=district, cluster="pv")
    ServiceRequestFactory.create_batch(2, district=district, now=datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC))
    MembershipFactory(chamber=ChamberFactory(district=district))
    assert not connection.in_atomic_block
    settings.PARALLEL_THREADS = 2
    assert parallel.allowed()
    with translation.override("en"):
        set_script_prefix("/portal/")
        try:
            side_by_side = _as_values(_built(settings, 2))
            in_turn = _as_values(_built(settings, 1))
        finally:
            set_script_prefix("/")
    assert side_by_side == in_turn
    figures = {key: (label, value, url) for key, label, value, url in side_by_side[0][0]}
    label, value, url = figures["enterprises.total"]
    assert value == 4 and label == "Enterprises on record" and url.startswith("/portal/")  # 3 + the member


@pytest.mark.django_db(transaction=True)
def test_calls_run_in_the_pools_threads_and_an_error_reaches_the_caller(settings):
    settings.PARALLEL_THREADS = 2
    names = parallel.run_all([lambda: threading.current_thread().name] * 4)
    assert all(name.startswith("portal-parallel") for name in names)

    def fails():
        raise ValueError("provider failed")

    with pytest.raises(ValueError, match="provider failed"):
        parallel.run_all([lambda: 1, fails])


@pytest.mark.django_db
def test_inside_a_transaction_the_calls_run_in_the_callers_thread(settings):
    # Another connection would not see this transaction's rows (every test's, and any caller's with
    # writes not yet committed).
    settings.PARALLEL_THREADS = 2
    assert connection.in_atomic_block and not parallel.allowed()
    assert parallel.run_all([lambda: threading.current_thread().name] * 2) == [threading.current_thread().name] * 2
