"""In-portal notices and their emails: one way for every app to tell people something.

``notify`` stores the notices once the caller's transaction commits and hands each email to the
task ``federation.send_notice_email``, which retries a mail server that is down or refusing (with
a growing delay) and logs what it finally could not send. A notification never turns the action
that caused it into an error page: the action is committed already, the notice is in the portal,
and only the email is late.
"""

import logging
import smtplib

from celery import shared_task
from django.core.mail import BadHeaderError, send_mail
from django.db import transaction

from . import queueing
from .forms import single_line
from .links import public_url
from .models import Notice

logger = logging.getLogger(__name__)

# An unreachable or refusing mail server is tried again after 1, 2, 4, 8, 16 minutes (then logged).
EMAIL_RETRIES = 5
EMAIL_RETRY_DELAY = 60


def notify(users, title, body, url, *, email=True):
    """A notice for each of ``users`` (and an email where an address is known), after the
    transaction commits; safe to call outside one."""
    users = [u for u in users if u is not None]
    if not users:
        return
    title = single_line(title)[:200]

    def send():
        try:
            notices = Notice.objects.bulk_create([Notice(recipient=u, title=title, body=body, url=url) for u in users])
        except Exception:
            logger.exception("notices %r could not be stored", title)
            return
        for notice, user in zip(notices, users, strict=True):
            if email and user.email:
                queue_email(notice.pk)

    transaction.on_commit(send)


def queue_email(notice_id: int) -> None:
    """Hand a notice's email to the task; a broker that is down is logged, never raised."""
    try:
        queueing.send(send_notice_email, (notice_id,))
    except Exception:
        logger.exception("the email of notice %s could not be sent or queued", notice_id)


@shared_task(
    name="federation.send_notice_email",
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    max_retries=EMAIL_RETRIES,
    retry_backoff=EMAIL_RETRY_DELAY,
    retry_backoff_max=60 * 60,
    retry_jitter=False,
)
def send_notice_email(self, notice_id: int) -> str:
    """Send one notice by email to its recipient. A mail server that is down or refuses is tried
    again (``autoretry_for``); a message that can never be sent (a header with a line break) is
    logged and dropped, since trying again cannot help."""
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or not notice.recipient.email:
        return "skipped"
    body = f"{notice.body}\n{public_url(notice.url)}".strip()
    try:
        send_mail(single_line(notice.title), body, None, [notice.recipient.email], fail_silently=False)
    except BadHeaderError:
        logger.exception("notice %s: its email cannot be sent", notice_id)
        return "refused"
    return "sent"
