"""Operations of the village pairing programme: a pairing's status (in progress → completed or
terminated, reopened) on the core's transition mechanism, saving a pairing with its partners, and
filing or changing a progress report (a closed quarter's change carries its reason into the audit).
Views, the import, the admin and the demo data call these."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from federation import uploads
from federation.transitions import StateMachine, TransitionNotAllowed

from . import quarters
from .choices import PairingEventKind, PairingStatus
from .models import Pairing, PairingEvent, ProgressReport, ReportPhoto

PAIRING = StateMachine(
    Pairing,
    allowed={
        "complete": [PairingStatus.ONGOING],
        "terminate": [PairingStatus.ONGOING],
        "reopen": [PairingStatus.COMPLETED, PairingStatus.TERMINATED],
    },
    verbs={
        "complete": pgettext_lazy("pairing action", "completed"),
        "terminate": pgettext_lazy("pairing action", "terminated"),
        "reopen": pgettext_lazy("pairing action", "reopened"),
    },
    noun=pgettext_lazy("transition subject", "pairing"),
    event_model=PairingEvent,
    event_subject="pairing",
)


def complete_pairing(pairing, actor, note="", *, on=None, version=None):
    """The pairing reached its goals: completed on ``on`` (today)."""
    on = on or timezone.localdate()
    with PAIRING.transition(pairing, "complete", version=version) as change:
        change.row.status = PairingStatus.COMPLETED
        change.row.closed_on = on
        change.row._history_user = actor
        change.record(PairingEventKind.COMPLETED, actor=actor, text=note, occurred_on=on)
    return pairing


def terminate_pairing(pairing, actor, reason, *, on=None, version=None):
    """The pairing ends early; the reason is required."""
    if not (reason or "").strip():
        raise TransitionNotAllowed(_("Give the reason for terminating the pairing. Nothing was changed."))
    on = on or timezone.localdate()
    with PAIRING.transition(pairing, "terminate", version=version) as change:
        change.row.status = PairingStatus.TERMINATED
        change.row.closed_on = on
        change.row._history_user = actor
        change.record(PairingEventKind.TERMINATED, actor=actor, text=reason.strip(), occurred_on=on)
    return pairing


def reopen_pairing(pairing, actor, note="", *, on=None, version=None):
    """A completed or terminated pairing goes on again."""
    on = on or timezone.localdate()
    with PAIRING.transition(pairing, "reopen", version=version) as change:
        change.row.status = PairingStatus.ONGOING
        change.row.closed_on = None
        change.row._history_user = actor
        change.record(PairingEventKind.REOPENED, actor=actor, text=note, occurred_on=on)
    return pairing


reopen = reopen_pairing


def pairing_name(enterprises, chambers, villages) -> str:
    """ "企业A、企业B — 某镇某村": how lists name a pairing (kept on the row, so lists need no joins)."""
    partners = "、".join([e.name for e in enterprises] + [c.name for c in chambers])
    places = "、".join(str(v) for v in villages)
    return f"{partners} — {places}"[:200]


def save_pairing(form, actor) -> Pairing:
    """Save a valid pairing form with its partners and villages, and name the pairing after them."""
    with transaction.atomic():
        form.instance._history_user = actor
        pairing = form.save()
        data = form.cleaned_data
        name = pairing_name(data["enterprises"], data["chambers"], data["villages"])
        if pairing.name != name:
            Pairing.objects.filter(pk=pairing.pk).update(name=name)
            pairing.name = name
    return pairing


def save_report(form, actor, *, photo=None, today=None) -> ProgressReport:
    """File or change a progress report from a valid form. A change to a closed quarter's report
    carries the form's reason as the history row's change reason (the audit shows it); a photo is an
    (upload, kind) pair checked by ``federation.uploads``. All or nothing."""
    today = today or timezone.localdate()
    report = form.instance
    stored = None
    if photo is not None:
        upload, kind = photo
        stored = (upload, kind, uploads.store_upload(upload, kind, f"villages/{today:%Y/%m}"))
    try:
        with transaction.atomic():
            if report.pk is None:
                report.filed_on = today
                report.filed_by = actor
            elif quarters.is_closed(report.year, report.quarter, today):
                report._change_reason = form.cleaned_data.get("change_reason", "")
            report._history_user = actor
            report = form.save()
            if stored is not None:
                upload, kind, name = stored
                ReportPhoto.objects.create(
                    report=report, original_name=upload.name[:200], stored_name=name, kind=kind, size=upload.size
                )
    except BaseException:
        if stored is not None:
            uploads.delete_stored(stored[2])
        raise
    return report
