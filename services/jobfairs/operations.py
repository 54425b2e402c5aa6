"""The job fairs' operations: the fair's transitions, registering an enterprise with its positions,
approving (a booth or the waiting list), returning, resubmitting, and the counts of intentions and
hires. Views, the admin, the demo and scripts call these, so a fair can be loaded through them.

Booths: approving while every booth is taken puts the registration on the waiting list (status
waiting, ``waiting_since`` set). When an approved registration is returned, the first on the waiting
list (earliest ``waiting_since``) takes its booth. Staff may approve a waiting registration
themselves once a booth is free."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from federation.transitions import StateMachine
from federation.validators import normalize_phone, normalize_uscc, validate_uscc
from services.events.operations import normalize_name
from services.requests.operations import find_enterprise, new_tracking_code
from services.requests.operations import normalize_code as normalize_tracking_code

from .choices import FairStatus, RegistrationStatus
from .models import JobFair, JobPosition, JobRegistration

S = RegistrationStatus
POSITION_FIELDS = ("title", "headcount", "education", "experience", "salary_min", "salary_max", "place", "requirements")


class JobFairError(ValidationError):
    """An operation refused, with the reason in words a person reads; nothing was changed."""


class AlreadyRegistered(JobFairError):
    def __init__(self, registration):
        super().__init__(
            _("%(name)s has already registered for this job fair (tracking code %(code)s).")
            % {"name": registration.enterprise_name, "code": registration.code}
        )
        self.registration = registration


FAIR = StateMachine(
    JobFair,
    allowed={
        "open": [FairStatus.PREPARING, FairStatus.CLOSED],
        "close": [FairStatus.OPEN],
        "hold": [FairStatus.OPEN, FairStatus.CLOSED],
    },
    verbs={
        "open": pgettext_lazy("job fair action", "opened for registration"),
        "close": pgettext_lazy("job fair action", "closed for registration"),
        "hold": pgettext_lazy("job fair action", "marked as held"),
    },
    noun=pgettext_lazy("transition subject", "job fair"),
)

REGISTRATION = StateMachine(
    JobRegistration,
    allowed={
        "approve": [S.SUBMITTED, S.WAITING],
        "return": [S.SUBMITTED, S.APPROVED, S.WAITING],
        "resubmit": [S.RETURNED],
        "intentions": [S.APPROVED],
        "hires": [S.APPROVED],
    },
    verbs={
        "approve": pgettext_lazy("job registration action", "approved"),
        "return": pgettext_lazy("job registration action", "returned"),
        "resubmit": pgettext_lazy("job registration action", "resubmitted"),
        "intentions": pgettext_lazy("job registration action", "given hiring intentions"),
        "hires": pgettext_lazy("job registration action", "given confirmed hires"),
    },
    noun=pgettext_lazy("transition subject", "registration"),
)


# --- The fair -----------------------------------------------------------------------------------


def open_registration(fair, *, version=None):
    with FAIR.transition(fair, "open", version=version) as ch:
        ch.row.status = FairStatus.OPEN
    return fair


def close_registration(fair, *, version=None):
    with FAIR.transition(fair, "close", version=version) as ch:
        ch.row.status = FairStatus.CLOSED
    return fair


def mark_held(fair, *, version=None, today=None):
    """已举办: refused before the fair's day."""
    today = today or timezone.localdate()
    with FAIR.transition(fair, "hold", version=version) as ch:
        if today < ch.row.held_on:
            raise JobFairError(
                _("The fair is on %(day)s: it cannot be marked as held before.") % {"day": f"{ch.row.held_on:%Y-%m-%d}"}
            )
        ch.row.status = FairStatus.HELD
    return fair


def registration_closed_reason(fair, today=None) -> str:
    """Why the fair takes no registration now, or "" while it does (status 报名中 and inside the window)."""
    today = today or timezone.localdate()
    if fair.status != FairStatus.OPEN:
        return _("Registration for this job fair is not open (the fair is “%(status)s”).") % {
            "status": fair.get_status_display()
        }
    if today < fair.registration_opens:
        return _("Registration opens on %(day)s.") % {"day": f"{fair.registration_opens:%Y-%m-%d}"}
    if today > fair.registration_closes:
        return _("Registration closed on %(day)s.") % {"day": f"{fair.registration_closes:%Y-%m-%d}"}
    return ""


def booths_used(fair) -> int:
    return fair.registrations.filter(status=S.APPROVED).count()


# --- Registrations ------------------------------------------------------------------------------


def check_positions(positions):
    """Refuse an empty list, a headcount below 1 and a salary range upside down (the forms say so
    field by field; this is the last guard for every other caller)."""
    if not positions:
        raise JobFairError(_("Add at least one position."))
    for p in positions:
        if not p.get("title", "").strip():
            raise JobFairError(_("Every position needs a title."))
        if int(p.get("headcount") or 0) < 1:
            raise JobFairError(_("The number of openings must be at least 1."))
        lo, hi = p.get("salary_min"), p.get("salary_max")
        if lo is not None and hi is not None and lo > hi:
            raise JobFairError(_("The lowest salary is above the highest."))


def _position_rows(registration, positions):
    return [JobPosition(registration=registration, **{k: p[k] for k in POSITION_FIELDS if k in p}) for p in positions]


def _keys(enterprise_name, uscc):
    uscc = normalize_uscc(uscc)
    enterprise = find_enterprise(uscc)
    name = (enterprise_name or "").strip() or (enterprise.name if enterprise else "")
    if not name:
        raise JobFairError(_("Give the enterprise's name or its unified social credit code."))
    return uscc, enterprise, name, (f"uscc:{uscc}" if uscc else f"name:{normalize_name(name)}")


def _existing(fair, match_key, enterprise, exclude=None):
    rows = fair.registrations.all()
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    found = rows.filter(match_key=match_key).first()
    if found is None and enterprise is not None:
        found = rows.filter(enterprise=enterprise).first()
    return found


def register_for_fair(
    fair, *, enterprise_name="", uscc="", contact_person, phone, positions, consent=False, now=None, check_window=True
) -> JobRegistration:
    """An enterprise registers for ``fair`` with its ``positions`` (dicts of ``JobPosition`` fields),
    in one transaction. Refused outside the registration window (``check_window`` False for staff
    loading a fair), and a second registration of the same enterprise (by code, else by normalised
    name) raises ``AlreadyRegistered``; nothing is stored then."""
    now = now or timezone.now()
    if check_window:
        refusal = registration_closed_reason(fair, timezone.localdate(now))
        if refusal:
            raise JobFairError(refusal)
    check_positions(positions)
    uscc, enterprise, name, match_key = _keys(enterprise_name, uscc)
    existing = _existing(fair, match_key, enterprise)
    if existing is not None:
        raise AlreadyRegistered(existing)
    try:
        with transaction.atomic():
            reg = JobRegistration.objects.create(
                fair=fair,
                enterprise=enterprise,
                enterprise_name=name[:200],
                uscc=uscc,
                contact_person=contact_person.strip(),
                phone=normalize_phone(phone),
                match_key=match_key[:220],
                code=new_tracking_code(),
                submitted_at=now,
                consent_at=now if consent else None,
            )
            JobPosition.objects.bulk_create(_position_rows(reg, positions))
    except IntegrityError:
        existing = _existing(fair, match_key, enterprise)
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None
    return reg


def _promote_first_waiting(fair, now):
    first = (
        JobRegistration.objects.select_for_update()
        .filter(fair=fair, status=S.WAITING)
        .order_by("waiting_since", "id")
        .first()
    )
    if first is not None and booths_used(fair) < fair.booths:
        first.status, first.decided_at, first.waiting_since = S.APPROVED, now, None
        first.version += 1
        first.save(update_fields=["status", "decided_at", "waiting_since", "version"])
    return first


def approve_registration(registration, *, version=None, now=None) -> JobRegistration:
    """审核通过: a booth when one is free; else the waiting list (a waiting one stays waiting and the
    refusal says no booth is free)."""
    now = now or timezone.now()
    with REGISTRATION.transition(registration, "approve", version=version) as ch:
        row = ch.row
        fair = JobFair.objects.select_for_update().get(pk=row.fair_id)  # one booth count at a time
        if booths_used(fair) < fair.booths:
            row.status, row.waiting_since = S.APPROVED, None
        elif row.status == S.WAITING:
            raise JobFairError(_("Every booth is taken: the registration stays on the waiting list."))
        else:
            row.status, row.waiting_since = S.WAITING, now
        row.decided_at = now
        row.return_reason = ""
    return registration


def return_registration(registration, reason, *, version=None, now=None) -> JobRegistration:
    """退回: with a reason the enterprise reads when it corrects the registration. An approved one
    frees its booth for the first on the waiting list."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise JobFairError(_("Give the reason for returning the registration."))
    with REGISTRATION.transition(registration, "return", version=version) as ch:
        row = ch.row
        was_approved = row.status == S.APPROVED
        row.status, row.return_reason, row.decided_at, row.waiting_since = S.RETURNED, reason, now, None
        if was_approved:
            fair = JobFair.objects.select_for_update().get(pk=row.fair_id)
            row.save()
            _promote_first_waiting(fair, now)
    return registration


def find_for_correction(code, phone):
    """The registration with this tracking code and phone (both as typed), or None."""
    return (
        JobRegistration.objects.filter(code=normalize_tracking_code(code), phone=normalize_phone(phone))
        .select_related("fair")
        .first()
    )


def resubmit_registration(
    registration, *, enterprise_name="", uscc="", contact_person, phone, positions, now=None
) -> JobRegistration:
    """The enterprise corrects a returned registration and sends it again: its fields and positions
    replaced in one transaction, status submitted. Refused after the registration window."""
    now = now or timezone.now()
    refusal = registration_closed_reason(registration.fair, timezone.localdate(now))
    if refusal:
        raise JobFairError(refusal)
    check_positions(positions)
    uscc, enterprise, name, match_key = _keys(enterprise_name, uscc)
    existing = _existing(registration.fair, match_key, enterprise, exclude=registration)
    if existing is not None:
        raise AlreadyRegistered(existing)
    with REGISTRATION.transition(registration, "resubmit") as ch:
        row = ch.row
        row.enterprise, row.enterprise_name, row.uscc, row.match_key = enterprise, name[:200], uscc, match_key[:220]
        row.contact_person, row.phone = contact_person.strip(), normalize_phone(phone)
        row.status, row.submitted_at = S.SUBMITTED, now
        row.positions.all().delete()
        JobPosition.objects.bulk_create(_position_rows(row, positions))
    return registration


def record_intentions(registration, n, *, version=None) -> JobRegistration:
    """现场意向: how many job seekers agreed a hiring intention with the enterprise (a count only);
    at most its openings."""
    n = int(n)
    with REGISTRATION.transition(registration, "intentions", version=version) as ch:
        openings = sum(ch.row.positions.values_list("headcount", flat=True))
        if n < 0 or n > openings:
            raise JobFairError(
                _("The hiring intentions (%(n)d) cannot exceed the enterprise's openings (%(openings)d).")
                % {"n": n, "openings": openings}
            )
        if ch.row.hires is not None and n < ch.row.hires:
            raise JobFairError(
                _("The hiring intentions (%(n)d) cannot be fewer than the hires confirmed (%(hires)d).")
                % {"n": n, "hires": ch.row.hires}
            )
        ch.row.intentions = n
    return registration


def confirm_hires(registration, n, *, version=None) -> JobRegistration:
    """录用确认: how many intentions became hires; at most the intentions, once the fair was held."""
    n = int(n)
    with REGISTRATION.transition(registration, "hires", version=version) as ch:
        if ch.row.fair.status != FairStatus.HELD:
            raise JobFairError(_("Hires are confirmed after the fair has been held."))
        intentions = ch.row.intentions or 0
        if n < 0 or n > intentions:
            raise JobFairError(
                _("The hires confirmed (%(n)d) cannot exceed the hiring intentions (%(intentions)d).")
                % {"n": n, "intentions": intentions}
            )
        ch.row.hires = n
    return registration


def previous_key(uscc) -> str:
    """The match key of an earlier registration under the typed code ``uscc``, or "" when what was
    typed is no well-formed code: then there is nothing to look up, and a NUL byte or a pasted page
    never reaches the database (PostgreSQL refuses NUL in a query)."""
    code = normalize_uscc(uscc)
    try:
        validate_uscc(code)
    except ValidationError:
        return ""
    return f"uscc:{code}"


def previous_positions(uscc, fair):
    """The positions of the enterprise's newest earlier registration (another fair), as dicts, for
    "copy from my previous fair"; [] when it has none."""
    key = previous_key(uscc)
    if not key:
        return []
    earlier = JobRegistration.objects.filter(match_key=key).exclude(fair=fair).order_by("-fair__held_on", "-id").first()
    if earlier is None:
        return []
    return list(earlier.positions.order_by("id").values(*POSITION_FIELDS))
