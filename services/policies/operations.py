"""State changes of policies (CONVENTIONS §3), on the core's transition mechanism: publish (from a
draft, or again after a withdrawal) and withdraw. And the outreach record: which enterprises were told.
Views, the admin and the demo data call these; nothing else sets a policy's status."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from simple_history.utils import bulk_create_with_history

from federation.transitions import StateMachine, TransitionError

from .choices import EventKind, Status
from .models import Policy, PolicyEvent, PolicyOutreach


class PolicyError(TransitionError):
    """A rule of policies refused the change (publishing a policy with no text, telling of a draft)."""


POLICY = StateMachine(
    Policy,
    allowed={"publish": [Status.DRAFT, Status.WITHDRAWN], "withdraw": [Status.PUBLISHED]},
    verbs={
        "publish": pgettext_lazy("policy action", "published"),
        "withdraw": pgettext_lazy("policy action", "withdrawn"),
    },
    event_model=PolicyEvent,
    event_subject="policy",
)


def publish_policy(policy, actor, *, version=None, now=None):
    """Publish a policy on the public list (again, after a withdrawal). It needs its full text or its
    document as a file, so that the public page has something to read."""
    now = now or timezone.now()
    with POLICY.transition(policy, "publish", version=version) as change:
        row = change.row
        if not row.body.strip() and not row.files.exists():
            raise PolicyError(_("Add the policy's full text or its document before publishing it."))
        row.status = Status.PUBLISHED
        row.published_at = now
        row.first_published_on = row.first_published_on or timezone.localdate(now)
        change.record(EventKind.PUBLISHED, actor=actor, created_at=now)
    return policy


def withdraw_policy(policy, actor, reason="", *, version=None, now=None):
    """Take a policy off the public list (superseded, published by mistake); it can be published again."""
    now = now or timezone.now()
    with POLICY.transition(policy, "withdraw", version=version) as change:
        change.row.status = Status.WITHDRAWN
        change.record(EventKind.WITHDRAWN, actor=actor, text=(reason or "").strip(), created_at=now)
    return policy


def count_view(policy):
    """One more public view: an F() update, no row per view and no lock held."""
    from django.db.models import F

    Policy.objects.filter(pk=policy.pk).update(view_count=F("view_count") + 1)


def record_outreach(policy, enterprises, actor, *, informed_on, channel, campaign=None) -> int:
    """Staff told ``enterprises`` of ``policy`` (政策推送). An enterprise already recorded for the policy
    keeps its first record. Returns how many were newly recorded."""
    if policy.status != Status.PUBLISHED:
        raise PolicyError(_("Only a published policy can be recorded as told to enterprises."))
    if informed_on > timezone.localdate():
        raise PolicyError(_("The date an enterprise was informed cannot be in the future."))
    ids = {getattr(e, "pk", e) for e in enterprises}
    if not ids:
        raise PolicyError(_("Choose at least one enterprise."))
    with transaction.atomic():
        known = set(
            PolicyOutreach.objects.filter(policy=policy, enterprise_id__in=ids).values_list("enterprise_id", flat=True)
        )
        new = [
            PolicyOutreach(
                policy=policy, enterprise_id=pk, informed_on=informed_on, channel=channel, by=actor, campaign=campaign
            )
            for pk in sorted(ids - known)
        ]
        bulk_create_with_history(new, PolicyOutreach, default_user=actor)
    return len(new)
