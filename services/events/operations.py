"""The events' operations: saving an event with its files, signing in (on site, by QR code, or by
staff), and the summary's sign-off (纪要确认). Views, the admin and the demo call these."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation import uploads
from federation.validators import normalize_uscc

from ..requests.operations import find_enterprise
from .choices import SignInSource
from .models import Event, EventAttendance, EventFile


class EventActionError(ValidationError):
    """An operation refused, with the reason in words a person reads."""


class AlreadySignedIn(EventActionError):
    """This enterprise is on the event's list already: nothing was stored twice."""

    def __init__(self, attendance):
        super().__init__(_("%(name)s has already signed in to this event.") % {"name": attendance.enterprise_name})
        self.attendance = attendance


def normalize_name(value: str) -> str:
    """An enterprise name as compared for "one sign-in per enterprise": full-width folded (NFKC),
    spaces dropped, Latin letters in one case — "青海 高原（光伏）" and "青海高原(光伏)" are one name."""
    text = unicodedata.normalize("NFKC", value or "")
    return "".join(text.split()).casefold()


def save_event(form, user, files=()):
    """Save a valid event form and store its new files (``(upload, kind)`` pairs already checked by
    ``federation.uploads``) in one transaction: if anything fails, no row and no file stays behind."""
    folder = f"services/events/{timezone.localdate():%Y/%m}"
    stored = []
    try:
        for upload, kind in files:
            stored.append((upload, kind, uploads.store_upload(upload, kind, folder)))
        with transaction.atomic():
            event = form.save(commit=False)
            if event.summary_signed_off_at and "summary" in form.changed_data:
                # A summary changed after its sign-off needs signing off again.
                event.summary_signed_off_at, event.summary_signed_off_by = None, None
            event._history_user = user
            event.save()
            form.save_m2m()
            EventFile.objects.bulk_create(
                EventFile(event=event, original_name=u.name[:200], stored_name=name, kind=kind, size=u.size)
                for u, kind, name in stored
            )
    except BaseException:
        for _u, _k, name in stored:
            uploads.delete_stored(name)
        raise
    return event


def _existing(event, match_key, name_key, enterprise):
    rows = EventAttendance.objects.filter(event=event)
    by_key = rows.filter(match_key=match_key).first() or rows.filter(name_key=name_key).first()
    if by_key is None and enterprise is not None:
        by_key = rows.filter(enterprise=enterprise).first()
    return by_key


def sign_in(
    event,
    *,
    enterprise_name="",
    uscc="",
    contact_person,
    phone,
    source=SignInSource.QR,
    actor=None,
    consent=False,
    now=None,
) -> EventAttendance:
    """Put an enterprise on the event's attendance list. On site (``source`` QR) only on the event's
    day, Asia/Shanghai; staff may add an attendee afterwards. One row per enterprise: by code when one
    is given, else by the normalised name; a repeat raises ``AlreadySignedIn`` and stores nothing."""
    now = now or timezone.now()
    if source == SignInSource.QR:
        refusal = signin_closed_reason(event, timezone.localdate(now))
        if refusal:
            raise EventActionError(refusal)
    uscc = normalize_uscc(uscc)
    enterprise = find_enterprise(uscc)
    name = (enterprise_name or "").strip() or (enterprise.name if enterprise else "")
    if not name:
        raise EventActionError(_("Give the enterprise's name or its unified social credit code."))
    name_key = normalize_name(name)
    match_key = f"uscc:{uscc}" if uscc else f"name:{name_key}"
    existing = _existing(event, match_key, name_key, enterprise)
    if existing is not None:
        raise AlreadySignedIn(existing)
    try:
        with transaction.atomic():
            attendance = EventAttendance(
                event=event,
                enterprise=enterprise,
                enterprise_name=name[:200],
                uscc=uscc,
                contact_person=contact_person.strip(),
                phone=phone.strip(),
                match_key=match_key,
                name_key=name_key[:200],
                source=source,
                signed_in_at=now,
                consent_at=now if consent else None,
                created_by=actor,
            )
            attendance._history_user = actor
            attendance.save()
    except IntegrityError:
        # Two phones of one enterprise at the same moment: the constraint kept one; this is the repeat.
        existing = _existing(event, match_key, name_key, enterprise)
        if existing is None:
            raise
        raise AlreadySignedIn(existing) from None
    return attendance


def signin_closed_reason(event, today) -> str:
    """Why on-site sign-in is closed on ``today`` (a local date), or "" while it is open: only on
    the event's day."""
    if today < event.held_on:
        return _("Sign-in opens on the day of the event, %(day)s.") % {"day": f"{event.held_on:%Y-%m-%d}"}
    if today > event.held_on:
        return _("The event was held on %(day)s; sign-in is closed.") % {"day": f"{event.held_on:%Y-%m-%d}"}
    return ""


def sign_off_summary(event, user, now=None) -> Event:
    """纪要确认: record who confirmed the event's summary, and when. Refused before the event's day (a
    summary of what has not happened), with no summary written, or when it was signed off already."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if timezone.localdate(now) < event.held_on:
            raise EventActionError(
                _("The summary cannot be signed off before the event is held (%(day)s).")
                % {"day": f"{event.held_on:%Y-%m-%d}"}
            )
        if not event.summary.strip():
            raise EventActionError(_("Write the summary before signing it off."))
        if event.summary_signed_off_at:
            raise EventActionError(_("The summary has been signed off already."))
        event.summary_signed_off_at = now
        event.summary_signed_off_by = user
        event._history_user = user
        event.save(update_fields=["summary_signed_off_at", "summary_signed_off_by"])
    return event
