"""Celery tasks of the services app."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from federation import roles
from federation.links import public_url
from federation.models import Notice

from . import lights
from .choices import OPEN, Light
from .models import ServiceRequest
from .notices import digest_title

logger = logging.getLogger(__name__)


def _line(r, th):
    light = Light(th.light(r.due)).label
    return _("[%(light)s] %(code)s %(title)s (%(enterprise)s), due %(due)s") % {
        "light": light,
        "code": r.code,
        "title": r.title,
        "enterprise": r.enterprise_name,
        "due": r.due.isoformat(),
    }


@shared_task(name="services.tasks.send_daily_digest")
def send_daily_digest(today: str | None = None) -> dict:
    """每日提醒: each assignee gets their yellow and red requests, leadership the red ones, by email
    and as an in-portal notice. Idempotent: a recipient gets at most one digest per day."""
    with override("zh-hans"):
        return _send_daily_digest(today)


def _send_daily_digest(today):
    day = timezone.datetime.fromisoformat(today).date() if today else timezone.localdate()
    th = lights.thresholds(day)
    urgent = list(
        lights.with_due(ServiceRequest.objects.filter(status__in=OPEN))
        .filter(lights.light_q(Light.RED, th) | lights.light_q(Light.YELLOW, th))
        .select_related("assignee")
        .order_by("due", "pk")
    )
    title_of = _("Request digest %(date)s") % {"date": day.isoformat()}
    inbox = reverse("services:request_list")
    by_user = {}
    for r in urgent:
        if r.assignee_id:
            by_user.setdefault(r.assignee, []).append(r)
    red = [r for r in urgent if th.light(r.due) == Light.RED]
    leaders = list(get_user_model().objects.filter(groups__name=roles.LEADERSHIP, is_active=True).distinct())
    for leader in leaders:
        if red:
            by_user.setdefault(leader, [])
            by_user[leader] = sorted({*by_user[leader], *red}, key=lambda r: (r.due, r.pk))
    # Each digest's title names its first request, so "already sent today" matches the day's prefix.
    already = set(
        Notice.objects.filter(title__startswith=title_of, recipient__in=list(by_user)).values_list(
            "recipient_id", flat=True
        )
    )
    sent = 0
    failed = []
    for user, items in by_user.items():
        if user.pk in already or not items:
            continue
        body = "\n".join(_line(r, th) for r in items)
        title = digest_title(title_of, items)
        try:
            # The notice marks the digest as delivered: it is only kept when the email went too,
            # so a run after a mail failure sends that person's digest again.
            with transaction.atomic():
                Notice.objects.create(recipient=user, title=title, body=body, url=inbox)
                if user.email:
                    send_mail(title, f"{body}\n{public_url(inbox)}", None, [user.email], fail_silently=False)
        except Exception:
            logger.exception("daily digest for %s failed", user.get_username())
            failed.append(user.get_username())
            continue
        sent += 1
    result = {"recipients": sent, "urgent": len(urgent), "red": len(red), "failed": failed}
    if failed:
        # Marks the task failed in the worker log and result store; the others' digests are sent.
        raise DigestIncomplete(result)
    return result


class DigestIncomplete(Exception):
    """Some digests could not be delivered (see ``failed``); running the task again retries them."""
