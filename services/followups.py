"""Follow-ups (跟进): a record that asks for a later contact (a visit, a legal consultation) carries the
date it is due and the date it was done. One model mixin, one condition for "due", one way to mark it
done and one list filter, so that each sub-domain's workbench section and list agree."""

import django_filters
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowUp(models.Model):
    """The follow-up fields of a record; it is due from ``follow_up_on`` until ``followed_up_on``."""

    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)

    class Meta:
        abstract = True

    def follow_up_due(self, today) -> bool:
        """Whether the follow-up is due on ``today`` and not yet marked done."""
        return self.follow_up_on is not None and self.followed_up_on is None and self.follow_up_on <= today


def due(on=None) -> Q:
    """The records whose follow-up is due on ``on`` (today by default) and not marked done."""
    return Q(follow_up_on__lte=on or timezone.localdate(), followed_up_on__isnull=True)


def mark_followed_up(record: FollowUp, actor, on=None) -> bool:
    """The follow-up is done (跟进完成): it leaves the workbench. False when none was waiting."""
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if locked.followed_up_on is not None or locked.follow_up_on is None:
            return False
        locked.followed_up_on = on or timezone.localdate()
        locked._history_user = actor
        locked.save(update_fields=["followed_up_on"])
    record.followed_up_on = locked.followed_up_on
    return True


class FollowUpFilter(django_filters.ChoiceFilter):
    """A list's "follow-up due / followed up" facet (the workbench links to ``?follow_up=due``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("due", _("Follow-up due")), ("done", _("Followed up"))])
        kwargs.setdefault("label", _("Follow-up"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "due":
            return qs.filter(due())
        if value == "done":
            return qs.filter(followed_up_on__isnull=False)
        return qs
