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


def send(task, args=(), kwargs=None):
    """Hand ``task`` to the broker, fire and forget: the caller (a web request) never reads its result,
    so it does not subscribe to the result store either. With Redis down that subscription alone
    retried for 20 seconds per task, then left the process's result consumer asking for a restart;
    the task's outcome is recorded on its own row (report, import, notice) anyway."""
    return task.apply_async(args, kwargs or {}, ignore_result=True)


def queue_after_commit(task, args=(), kwargs=None, *, on_failure):
    """``send(task, args, kwargs)`` after commit; ``on_failure(reason)`` if it cannot be queued."""

    def do_send():
        try:
            send(task, args, kwargs)
        except Exception:
            logger.exception("task %s%r could not be queued", task.name, tuple(args))
            on_failure(str(BROKER_DOWN))

    transaction.on_commit(do_send)
