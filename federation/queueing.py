"""Queueing a Celery task once the transaction commits, without a broker outage becoming a 500.

The job or report the task works on is already stored; when the broker cannot take the task
(down, refusing connections: kombu's ``OperationalError``) ``on_failure`` records that on it at
once, with ``BROKER_DOWN`` as the reason the page shows, so the person can retry it later instead
of watching a "waiting" that never ends.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

BROKER_DOWN = _("The background task service is unavailable; please try again later.")


def queue_after_commit(task, args=(), kwargs=None, *, on_failure):
    """``task.apply_async(args, kwargs)`` after commit; ``on_failure(reason)`` if it cannot be queued."""

    def send():
        try:
            task.apply_async(args, kwargs or {})
        except Exception:
            logger.exception("task %s%r could not be queued", task.name, tuple(args))
            on_failure(str(BROKER_DOWN))

    transaction.on_commit(send)
