"""State changes of the chamber registry: one function each (CONVENTIONS §3), on the core's
transition mechanism for the lifecycles (``CHAMBER``, ``APPLICATION``). Views, imports, tasks and
the admin call these; nothing else sets a chamber's or an application's status.

A refused change raises a ``federation.transitions.TransitionError`` (or ``ChamberError`` for a rule
of the registry) whose message says why in the user's language, and changes nothing.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from federation.transitions import StateMachine, TransitionError

from .choices import ApplicationStatus, EventKind, Status
from .models import AnnualInspection, Chamber, ChamberEvent, DormancyCheck, JoinApplication, Membership


class ChamberError(TransitionError):
    """A registry rule refused the change (a membership of a deregistered chamber, an overlapping
    period, a second inspection for a year, ...)."""


CHAMBER = StateMachine(
    Chamber,
    allowed={
        "rectify": [Status.ACTIVE],
        "mark_dormant": [Status.ACTIVE, Status.RECTIFYING],
        "restore": [Status.RECTIFYING, Status.DORMANT],
        "deregister": [Status.RECTIFYING, Status.DORMANT],
    },
    verbs={
        "rectify": pgettext_lazy("chamber action", "put under rectification"),
        "mark_dormant": pgettext_lazy("chamber action", "marked dormant"),
        "restore": pgettext_lazy("chamber action", "restored to active"),
        "deregister": pgettext_lazy("chamber action", "deregistered"),
    },
    event_model=ChamberEvent,
    event_subject="chamber",
)
TARGET = {
    "rectify": Status.RECTIFYING,
    "mark_dormant": Status.DORMANT,
    "restore": Status.ACTIVE,
    "deregister": Status.DEREGISTERED,
}

APPLICATION = StateMachine(
    JoinApplication,
    allowed={"approve": [ApplicationStatus.SUBMITTED], "decline": [ApplicationStatus.SUBMITTED]},
    verbs={
        "approve": pgettext_lazy("application action", "approved"),
        "decline": pgettext_lazy("application action", "declined"),
    },
)


def _today(on):
    return on or timezone.localdate()


def change_status(chamber, action, actor, reason, *, on=None, version=None):
    """Move a chamber along its lifecycle (``rectify``, ``mark_dormant``, ``restore``,
    ``deregister``), recording the date, the reason and who."""
    reason = (reason or "").strip()
    if not reason:
        raise ChamberError(_("Give the reason for the change of status."))
    on = _today(on)
    with CHAMBER.transition(chamber, action, version=version) as change:
        change.row.status = TARGET[action]
        change.row.status_changed_on = on
        change.record(EventKind.STATUS, occurred_on=on, text=reason, actor=actor)
    return chamber


def rectify(chamber, actor, reason, **kw):
    return change_status(chamber, "rectify", actor, reason, **kw)


def mark_dormant(chamber, actor, reason, **kw):
    return change_status(chamber, "mark_dormant", actor, reason, **kw)


def restore(chamber, actor, reason, **kw):
    return change_status(chamber, "restore", actor, reason, **kw)


def deregister(chamber, actor, reason, **kw):
    return change_status(chamber, "deregister", actor, reason, **kw)


def record_event(chamber, kind, actor, text="", *, on=None):
    """An activity held (a meeting, an event), a failed contact attempt or a note on the chamber's history."""
    if kind not in (EventKind.ACTIVITY, EventKind.CONTACT_FAILED, EventKind.NOTE):
        raise ChamberError(_("This kind of entry is recorded by its own action."))
    return ChamberEvent.objects.create(chamber=chamber, kind=kind, occurred_on=_today(on), text=text, actor=actor)


def check_not_dormant(chamber, actor, reason, expires_on, *, on=None):
    """Staff checked a clean-up candidate and found it not dormant, until ``expires_on``."""
    on = _today(on)
    reason = (reason or "").strip()
    if not reason:
        raise ChamberError(_("Say why the chamber is not dormant."))
    if expires_on <= on:
        raise ChamberError(_("The decision must hold until a date after today."))
    with transaction.atomic():
        check = DormancyCheck.objects.create(chamber=chamber, reason=reason, expires_on=expires_on, created_by=actor)
        ChamberEvent.objects.create(
            chamber=chamber,
            kind=EventKind.CHECKED,
            occurred_on=on,
            text=_("%(reason)s (holds until %(date)s)") % {"reason": reason, "date": expires_on.isoformat()},
            actor=actor,
        )
    return check


def _overlapping(chamber, enterprise, role, started_on, ended_on):
    start = started_on or datetime.date.min
    end = ended_on or datetime.date.max
    qs = Membership.objects.filter(chamber=chamber, enterprise=enterprise, role=role).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=end)
    )
    return qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start)).exists()


def add_membership(chamber, enterprise, role, *, started_on=None, ended_on=None, note="", actor=None):
    """An enterprise joins a chamber in a role. Refused for a deregistered chamber and for a period
    that overlaps the enterprise's other membership in the same role of the same chamber."""
    if ended_on and started_on and ended_on < started_on:
        raise ChamberError(_("A membership cannot end before it starts."))
    with transaction.atomic():
        locked = Chamber.objects.select_for_update().get(pk=chamber.pk)
        if locked.status == Status.DEREGISTERED:
            raise ChamberError(_("“%(chamber)s” is deregistered: it can have no new members.") % {"chamber": locked})
        if _overlapping(locked, enterprise, role, started_on, ended_on):
            raise ChamberError(
                _("%(enterprise)s is already a %(role)s of this chamber in that period.")
                % {"enterprise": enterprise, "role": Membership(role=role).get_role_display()}
            )
        membership = Membership(
            chamber=locked, enterprise=enterprise, role=role, started_on=started_on, ended_on=ended_on, note=note
        )
        membership._history_user = actor
        membership.save()
    return membership


def end_membership(membership, ended_on, *, actor=None):
    """A membership ends on ``ended_on`` (the enterprise left, or changed role)."""
    if membership.started_on and ended_on < membership.started_on:
        raise ChamberError(_("A membership cannot end before it starts."))
    membership.ended_on = ended_on
    membership._history_user = actor
    membership.save(update_fields=["ended_on"])
    return membership


def record_inspection(chamber, year, result, inspected_on, *, notes="", document=None, actor=None):
    """The year's annual inspection (年检) of a chamber; a second one for the same year is refused."""
    inspection = AnnualInspection(chamber=chamber, year=year, result=result, inspected_on=inspected_on, notes=notes)
    if document:
        inspection.document = document
    inspection._history_user = actor
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError:
        raise ChamberError(
            _("%(chamber)s already has an annual inspection for %(year)s.") % {"chamber": chamber, "year": year}
        )
    return inspection


def submit_application(chamber, *, enterprise_name, contact_person, phone, uscc="", message="", consent=False):
    """An enterprise applies to join a chamber (public form); only an active chamber takes applications."""
    if not consent:
        raise ChamberError(_("Consent to the use of your personal information is required."))
    with transaction.atomic():
        locked = Chamber.objects.select_for_update().get(pk=chamber.pk)
        if locked.status != Status.ACTIVE:
            raise ChamberError(_("“%(chamber)s” does not take applications now.") % {"chamber": locked})
        return JoinApplication.objects.create(
            chamber=locked,
            enterprise_name=enterprise_name.strip(),
            uscc=uscc,
            contact_person=contact_person.strip(),
            phone=phone,
            message=message,
            consent=True,
        )


def approve_application(application, actor, enterprise, role="member", *, on=None, version=None):
    """Approve a join application: the membership is created and linked to it, in one transaction."""
    on = _today(on)
    with APPLICATION.transition(application, "approve", version=version) as change:
        membership = add_membership(change.row.chamber, enterprise, role, started_on=on, actor=actor)
        change.row.status = ApplicationStatus.APPROVED
        change.row.enterprise = enterprise
        change.row.membership = membership
        change.row.decided_by = actor
        change.row.decided_at = timezone.now()
    return application


def decline_application(application, actor, reason, *, version=None):
    """Decline a join application with a reason (shown to staff and kept)."""
    reason = (reason or "").strip()
    if not reason:
        raise ChamberError(_("Give the reason for declining."))
    with APPLICATION.transition(application, "decline", version=version) as change:
        change.row.status = ApplicationStatus.DECLINED
        change.row.reason = reason
        change.row.decided_by = actor
        change.row.decided_at = timezone.now()
    return application
