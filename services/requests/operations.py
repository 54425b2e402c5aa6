"""State changes of enterprise requests: one function per transition (DESIGN §3, CONVENTIONS §3).

Each function is one block on the core's transition mechanism (``federation.transitions``, the
``REQUEST`` state machine below): it locks the row, checks the current status (and, when the caller
passes it, the version the user saw), changes the row, writes a ``RequestEvent`` and queues notices
with ``transaction.on_commit``. A refused transition raises ``RequestActionError`` (the core's
``TransitionError``) and changes nothing, so two staff acting at once get one success and one plain
message.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from federation import roles
from federation.notices import notify as notify_users
from federation.transitions import ConcurrentChange, StateMachine, TransitionError, TransitionNotAllowed
from federation.validators import normalize_uscc
from federation.workdays import WorkCalendar

from .choices import OPEN, WORKING, EventKind, Rating, Source, Status
from .models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest
from .notices import notice_title

# No 0/O, 1/I/L: codes are read out over the phone and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


# Statuses each transition may start from: the functions below and the detail page read this one table.
ALLOWED = {
    "accept": [Status.SUBMITTED],
    "reject": [Status.SUBMITTED],
    "assign": list(WORKING),
    "transfer": list(WORKING),
    "transfer_answer": list(WORKING),
    "suspend": list(WORKING),
    "resume": [Status.SUSPENDED],
    "note": list(Status),
    "reply": [Status.SUBMITTED, *WORKING, Status.SUSPENDED, Status.RESOLVED],
    "resolve": list(WORKING),
    "follow_up": [Status.RESOLVED],
    "rate": [Status.RESOLVED],
    "link": list(Status),
    # 督办/批示: leadership may instruct on any request that still needs someone to act.
    "instruct": list(OPEN),
}

VERBS = {
    "accept": pgettext_lazy("request action", "accept"),
    "reject": pgettext_lazy("request action", "refuse"),
    "assign": pgettext_lazy("request action", "assign"),
    "transfer": pgettext_lazy("request action", "transfer"),
    "transfer_answer": pgettext_lazy("request action", "record a department's answer"),
    "suspend": pgettext_lazy("request action", "suspend"),
    "resume": pgettext_lazy("request action", "resume"),
    "reply": pgettext_lazy("request action", "answer"),
    "resolve": pgettext_lazy("request action", "resolve"),
    "rate": pgettext_lazy("request action", "rate"),
    "follow_up": pgettext_lazy("request action", "rate"),
    "instruct": pgettext_lazy("request action", "give an instruction on"),
}

# Requests on the core's transition mechanism: lock, allowed-from table, version, RequestEvent history.
REQUEST = StateMachine(
    ServiceRequest,
    allowed=ALLOWED,
    verbs=VERBS,
    noun=pgettext_lazy("transition subject", "request"),
    event_model=RequestEvent,
    event_subject="request",
)

# The core's exceptions under the names the views and tests of requests have always used.
RequestActionError = TransitionError
TransitionNotAllowed = TransitionNotAllowed
ConcurrentChange = ConcurrentChange


def new_tracking_code() -> str:
    """A random code of 10 characters from 31 (≈ 2^49 possibilities): not sequential, not guessable."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def deadlines_for(category, received_on, calendar: WorkCalendar | None = None):
    """(accept by, resolve by) for a request of ``category`` received on ``received_on``."""
    calendar = calendar or WorkCalendar()
    accept_days, resolve_days = CategoryDeadline.limits_for(category)
    return calendar.add_working_days(received_on, accept_days), calendar.add_working_days(received_on, resolve_days)


def _now(now):
    return now or timezone.now()


def _record(change, kind, actor, now, *, public=False, text="", moved=False):
    """One history step of the request being changed (``moved``: see ``Change.record``)."""
    return change.record(kind, moved=moved, actor=actor, public=public, text=text, created_at=now)


def _notify(users, title, body, url, email=True):
    """In-portal notices (and emails where an address is known), after the transaction commits;
    a mail that fails is retried by the core's task and never fails the action (``federation.notices``)."""
    notify_users(users, title, body, url, email=email)


def leadership_users():
    return list(get_user_model().objects.filter(groups__name=roles.LEADERSHIP, is_active=True).distinct())


def staff_users():
    return list(get_user_model().objects.filter(groups__name=roles.STAFF, is_active=True).distinct())


def find_enterprise(uscc: str):
    """The enterprise with this USCC, if the portal knows it."""
    from enterprises.models import Enterprise

    uscc = normalize_uscc(uscc)
    if not uscc:
        return None
    return Enterprise.objects.filter(uscc=uscc).select_related("district").first()


# --- Creating -----------------------------------------------------------------------------------


def submit_request(
    *,
    enterprise_name,
    contact_person,
    phone,
    category,
    title,
    description,
    uscc="",
    district=None,
    source=Source.ONLINE,
    enterprise=None,
    files=(),
    actor=None,
    consent=False,
    now=None,
    notify=True,
) -> ServiceRequest:
    """Record a new request (public form or staff entry): deadlines from the category's time limits,
    linked to its enterprise by USCC when known, files stored privately. ``files`` are
    (upload, kind) pairs already checked by ``federation.uploads.check_upload``."""
    from federation import uploads

    now = _now(now)
    uscc = normalize_uscc(uscc)
    if enterprise is None and uscc:
        enterprise = find_enterprise(uscc)
    if enterprise is not None:
        district = district or enterprise.district
        uscc = uscc or (enterprise.uscc or "")
    accept_due, resolve_due = deadlines_for(category, timezone.localdate(now))
    stored = []
    try:
        for upload, kind in files:
            stored.append((upload, kind, uploads.store_upload(upload, kind, f"services/{now:%Y/%m}")))
        with transaction.atomic():
            for _attempt in range(5):
                try:
                    with transaction.atomic():
                        req = ServiceRequest.objects.create(
                            code=new_tracking_code(),
                            enterprise=enterprise,
                            enterprise_name=enterprise_name.strip(),
                            uscc=uscc,
                            contact_person=contact_person.strip(),
                            phone=phone.strip(),
                            district=district,
                            category=category,
                            title=title.strip(),
                            description=description.strip(),
                            source=source,
                            created_by=actor,
                            consent_at=now if consent else None,
                            received_at=now,
                            accept_due=accept_due,
                            resolve_due=resolve_due,
                        )
                    break
                except IntegrityError:  # a code collision: astronomically rare, try another
                    continue
            else:
                raise RuntimeError("could not allocate a tracking code")
            Attachment.objects.bulk_create(
                [
                    Attachment(request=req, original_name=u.name[:200], stored_name=name, kind=kind, size=u.size)
                    for u, kind, name in stored
                ]
            )
            RequestEvent.objects.create(
                request=req,
                kind=EventKind.SUBMITTED,
                actor=actor,
                public=True,
                text=req.get_source_display(),
                created_at=now,
            )
    except BaseException:
        for _u, _k, name in stored:
            uploads.delete_stored(name)
        raise
    url = reverse("services:request_detail", args=[req.pk])
    if actor is None and notify:
        _notify(
            staff_users(),
            notice_title(req, _("New enterprise request: %(title)s") % {"title": req.title}),
            req.enterprise_name,
            url,
        )
    return req


# --- Handling -----------------------------------------------------------------------------------


def accept_request(req, actor, *, version=None, now=None):
    """受理: a submitted request is taken on; on time when accepted by its accept-by date."""
    now = _now(now)
    with REQUEST.transition(req, "accept", version=version) as ch:
        row = ch.row
        row.status = Status.ACCEPTED
        row.accepted_at = now
        row.accepted_on_time = timezone.localdate(now) <= row.accept_due
        _record(ch, EventKind.ACCEPTED, actor, now, public=True, moved=True)
    return req


def reject_request(req, actor, reason, *, version=None, now=None):
    """不予受理: refused, with the reason the enterprise will read."""
    reason = (reason or "").strip()
    if not reason:
        raise RequestActionError(_("Give the reason for not accepting the request."))
    now = _now(now)
    with REQUEST.transition(req, "reject", version=version) as ch:
        row = ch.row
        row.status = Status.REJECTED
        row.reject_reason = reason
        _record(ch, EventKind.REJECTED, actor, now, public=True, text=reason, moved=True)
    return req


def assign_request(req, actor, assignee, *, version=None, now=None):
    """指派: a staff member takes charge; an accepted request moves to "in progress"."""
    if assignee is None or not assignee.is_active or not assignee.has_perm("services.change_servicerequest"):
        raise RequestActionError(_("Requests can only be assigned to an active staff member."))
    now = _now(now)
    with REQUEST.transition(req, "assign", version=version) as ch:
        row = ch.row
        row.assignee = assignee
        if row.status == Status.ACCEPTED:
            row.status = Status.IN_PROGRESS
        name = assignee.get_full_name() or assignee.username
        _record(ch, EventKind.ASSIGNED, actor, now, text=name, moved=True)
    if assignee != actor:
        _notify(
            [assignee],
            notice_title(req, _("Request assigned to you: %(title)s") % {"title": req.title}),
            req.code,
            req.get_absolute_url(),
        )
    return req


def transfer_request(req, actor, department, transferred_on=None, *, note="", version=None, now=None):
    """转办: sent to an outside department, recording which and when."""
    department = (department or "").strip()
    if not department:
        raise RequestActionError(_("Name the department the request is transferred to."))
    now = _now(now)
    with REQUEST.transition(req, "transfer", version=version) as ch:
        row = ch.row
        row.transfer_department = department
        row.transferred_on = transferred_on or timezone.localdate(now)
        row.transfer_answer = ""
        if row.status == Status.ACCEPTED:
            row.status = Status.IN_PROGRESS
        text = _("Transferred to %(department)s for handling.") % {"department": department}
        _record(ch, EventKind.TRANSFERRED, actor, now, public=True, text=text, moved=True)
        if note.strip():
            _record(ch, EventKind.NOTE, actor, now, text=note.strip())
    return req


def record_transfer_answer(req, actor, answer, *, version=None, now=None):
    """The transferred-to department's answer (internal until staff reply or resolve)."""
    answer = (answer or "").strip()
    if not answer:
        raise RequestActionError(_("Enter the department's answer."))
    now = _now(now)
    with REQUEST.transition(req, "transfer_answer", version=version) as ch:
        row = ch.row
        if not row.transfer_department:
            raise TransitionNotAllowed(_("This request has not been transferred to a department."))
        row.transfer_answer = answer
        _record(ch, EventKind.TRANSFER_ANSWER, actor, now, text=f"{row.transfer_department}: {answer}")
    return req


def suspend_request(req, actor, reason, *, version=None, now=None):
    """挂起: waiting for the enterprise; the clock stops until ``resume_request``."""
    reason = (reason or "").strip()
    if not reason:
        raise RequestActionError(_("Say what the request waits for."))
    now = _now(now)
    with REQUEST.transition(req, "suspend", version=version) as ch:
        row = ch.row
        row.status_before_suspension = row.status
        row.status = Status.SUSPENDED
        row.suspended_on = timezone.localdate(now)
        _record(ch, EventKind.SUSPENDED, actor, now, public=True, text=reason, moved=True)
    return req


def resume_request(req, actor, *, version=None, now=None, calendar=None):
    """恢复: the clock runs again; the resolve-by date moves by the working days spent suspended."""
    now = _now(now)
    calendar = calendar or WorkCalendar()
    with REQUEST.transition(req, "resume", version=version) as ch:
        row = ch.row
        days = max(calendar.working_days_between(row.suspended_on, timezone.localdate(now)), 0)
        row.resolve_due = calendar.add_working_days(row.resolve_due, days)
        row.suspended_days += days
        row.status = row.status_before_suspension or Status.IN_PROGRESS
        row.status_before_suspension = ""
        row.suspended_on = None
        text = _("Handling resumed; the deadline moved by %(days)d working days to %(due)s.") % {
            "days": days,
            "due": row.resolve_due.isoformat(),
        }
        _record(ch, EventKind.RESUMED, actor, now, public=True, text=text, moved=True)
    return req


def add_note(req, actor, text, *, now=None):
    """An internal note (never shown to the enterprise); allowed in any status."""
    text = (text or "").strip()
    if not text:
        raise RequestActionError(_("The note is empty."))
    now = _now(now)
    # A note changes no field, so it does not bump the version (it must not void a colleague's form).
    with REQUEST.transition(req, "note", save=False) as ch:
        _record(ch, EventKind.NOTE, actor, now, text=text)
    return req


def send_reply(req, actor, text, *, version=None, now=None):
    """A public reply the enterprise reads on the lookup page."""
    text = (text or "").strip()
    if not text:
        raise RequestActionError(_("The reply is empty."))
    now = _now(now)
    with REQUEST.transition(req, "reply", version=version) as ch:
        _record(ch, EventKind.REPLY, actor, now, public=True, text=text)
    return req


def resolve_request(req, actor, resolution, *, version=None, now=None, calendar=None):
    """办结: the answer is given (required); on time when by the resolve-by date."""
    resolution = (resolution or "").strip()
    if not resolution:
        raise RequestActionError(_("Describe how the request was resolved."))
    now = _now(now)
    calendar = calendar or WorkCalendar()
    with REQUEST.transition(req, "resolve", version=version) as ch:
        row = ch.row
        today = timezone.localdate(now)
        row.status = Status.RESOLVED
        row.resolution = resolution
        row.resolved_at = now
        row.resolved_on_time = today <= row.resolve_due
        spent = calendar.working_days_between(timezone.localdate(row.received_at), today) - row.suspended_days
        row.resolve_working_days = max(spent, 0)
        _record(ch, EventKind.RESOLVED, actor, now, public=True, text=resolution, moved=True)
    return req


def rate_request(req, rating, comment="", *, actor=None, by_phone=False, version=None, now=None, calendar=None):
    """The enterprise's rating of a resolved request (on the lookup page, or taken by phone at the
    follow-up). 满意/基本满意 close it; 不满意 reopens it with a new deadline and raises it to leadership."""
    if rating not in Rating.values:
        raise RequestActionError(_("Choose a rating."))
    comment = (comment or "").strip()
    now = _now(now)
    with REQUEST.transition(req, "rate", version=version) as ch:
        row = ch.row
        row.rating = rating
        row.rating_comment = comment
        row.rated_at = now
        kind = EventKind.FOLLOW_UP if by_phone else EventKind.RATED
        label = Rating(rating).label
        text = f"{label}{'：' + comment if comment else ''}"
        if rating == Rating.UNSATISFIED:
            calendar = calendar or WorkCalendar()
            _accept, resolve_days = CategoryDeadline.limits_for(row.category)
            row.status = Status.REOPENED
            row.reopen_count += 1
            row.escalated = True
            row.resolved_at = None
            row.resolved_on_time = None
            row.resolve_working_days = None
            row.resolve_due = calendar.add_working_days(timezone.localdate(now), resolve_days)
            _record(ch, kind, actor, now, public=True, text=text)
            _record(
                ch,
                EventKind.REOPENED,
                actor,
                now,
                public=True,
                text=_("Reopened and raised to leadership."),
                moved=True,
            )
        else:
            row.status = Status.CLOSED
            _record(ch, kind, actor, now, public=True, text=text, moved=True)
    if rating == Rating.UNSATISFIED:
        _notify(
            leadership_users() + ([req.assignee] if req.assignee_id else []),
            notice_title(req, _("Unsatisfied rating, request reopened: %(title)s") % {"title": req.title}),
            comment,
            req.get_absolute_url(),
        )
    return req


def record_follow_up(req, actor, rating, comment="", *, version=None, now=None):
    """回访: staff called the enterprise and record its rating."""
    return rate_request(req, rating, comment, actor=actor, by_phone=True, version=version, now=now)


def link_enterprise(req, actor, enterprise, *, now=None):
    """Link the request to an enterprise record chosen by staff (its timeline then shows it)."""
    now = _now(now)
    with REQUEST.transition(req, "link") as ch:
        row = ch.row
        row.enterprise = enterprise
        row.uscc = enterprise.uscc or row.uscc
        row.district = row.district or enterprise.district
        _record(ch, EventKind.LINKED, actor, now, text=enterprise.name)
    return req


def instruct_request(req, actor, instruction, due=None, *, version=None, now=None):
    """督办/批示: a leader records an instruction, with an optional deadline, on a request that still
    needs someone to act. The request shows "督办中"; the assignee (or, before anyone is assigned,
    every staff member) gets a notice, and the instruction waits on their workbench."""
    if actor is None or not actor.has_perm("services.instruct_servicerequest"):
        raise PermissionDenied
    instruction = (instruction or "").strip()
    if not instruction:
        raise RequestActionError(_("Write the instruction."))
    now = _now(now)
    if due is not None and due < timezone.localdate(now):
        raise RequestActionError(_("The deadline of the instruction cannot be in the past."))
    with REQUEST.transition(req, "instruct", version=version) as ch:
        row = ch.row
        row.supervised_at = row.supervised_at or now
        row.instruction = instruction
        row.instruction_due = due
        text = instruction
        if due is not None:
            text = _("%(instruction)s (to be handled by %(due)s)") % {
                "instruction": instruction,
                "due": due.isoformat(),
            }
        _record(ch, EventKind.INSTRUCTED, actor, now, text=text)
        recipients = [row.assignee] if row.assignee_id else staff_users()
    name = actor.get_full_name() or actor.username
    _notify(
        recipients,
        notice_title(req, _("Leadership instruction: %(title)s") % {"title": req.title}),
        _("%(name)s: %(text)s") % {"name": name, "text": text},
        req.get_absolute_url(),
    )
    return req
