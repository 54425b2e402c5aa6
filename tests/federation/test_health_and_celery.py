"""/healthz and a real Celery worker consuming from the real Redis broker."""

import pytest
from django.urls import reverse

from federation.celery import app, ping


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    # The test client comes from 127.0.0.1: the loopback answer, with details.
    response = client.get(reverse("healthz"))
    data = response.json()
    assert data["database"] == {"ok": True, "vendor": "postgresql"}
    assert data["cache"] == {"ok": True, "backend": "RedisCache"}
    assert "celery" in data


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_consumes_a_task_from_redis(real_celery):
    assert app.conf.task_always_eager is False
    assert app.conf.broker_url.startswith("redis://")
    result = ping.delay()
    assert result.get(timeout=20) == "pong"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_healthz_sees_the_worker(client, real_celery):
    data = client.get(reverse("healthz")).json()
    assert data["celery"]["ok"] is True
    assert data["status"] == "ok"


def _reset_connections():
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_healthz_reports_a_missing_worker_as_an_error(client):
    # Point the control channel at a Redis database where no worker listens, then put everything back.
    original = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:6379/13"
    _reset_connections()
    try:
        response = client.get(reverse("healthz"))
    finally:
        app.conf.broker_url = original
        app.conf.task_always_eager = True
        _reset_connections()
    assert response.status_code == 503
    assert response.json()["celery"] == {"ok": False, "workers": [], "error": "no worker answered"}
