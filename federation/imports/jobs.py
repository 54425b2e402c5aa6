"""The only functions that change an import job's status.

Every change locks the job's row, checks the status it comes from against ``ALLOWED`` (one table,
the job's whole lifecycle), and sets the fields that go with it, in one ``with`` block. Refused
changes return ``None`` (``start_check`` and ``claim_apply``, so a task delivered twice does
nothing the second time) or raise ``ImportStateError`` (``confirm``, whose message the page shows).

The lock and the check are the core's transition mechanism (``federation.transitions``): ``JOB``
declares the job's lifecycle once; each function is one entry of ``ALLOWED`` plus its fields. A job
has no version (only tasks and the one confirming person move it) and no event model: the job row
itself is the record of what happened, when and by whom.

    pending ──start_check──▶ checking ──record_checked──▶ checked ──confirm──▶ applying ──record_done──▶ done
       └──────────────(command without --dry-run: created applying)──────────────┘
    pending / checking / applying ──record_failed──▶ failed
    failed (interrupted: worker died, or not queued) ──retry──▶ pending (or applying, if it was confirmed)
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..transitions import StateMachine, TransitionError, TransitionNotAllowed
from .models import ImportJob

Status = ImportJob.Status

# action -> (statuses it may start from, status it leads to)
ALLOWED = {
    # CHECKING again: a redelivered task (its worker died) checks the file again.
    "start_check": ({Status.PENDING, Status.CHECKING}, Status.CHECKING),
    "record_checked": ({Status.CHECKING}, Status.CHECKED),
    "confirm": ({Status.CHECKED}, Status.APPLYING),
    "claim_apply": ({Status.APPLYING}, Status.APPLYING),
    "record_done": ({Status.APPLYING}, Status.DONE),
    "record_failed": ({Status.PENDING, Status.CHECKING, Status.APPLYING}, Status.FAILED),
    # Back to where it was interrupted: applying if it had been confirmed (``retry`` sets the status).
    "retry": ({Status.FAILED}, Status.PENDING),
}


JOB = StateMachine(
    ImportJob,
    allowed={action: sources for action, (sources, _target) in ALLOWED.items()},
    version_field=None,
)


class ImportStateError(TransitionError):
    """The job is not in a status the action may start from; the message says which it is in."""


def _change(job_id: int, action: str, **fields) -> ImportJob | None:
    """Lock the job, check ``action`` is allowed from its status, set the status and ``fields``;
    ``None`` when the action is not allowed now. Runs in the caller's transaction if there is one."""
    job = ImportJob(pk=job_id)
    try:
        with JOB.transition(job, action) as change:
            change.row.status = ALLOWED[action][1]
            for name, value in fields.items():
                setattr(change.row, name, value)
    except TransitionNotAllowed:
        return None
    return job


def create_job(spec, file, *, name: str, size: int, user=None, apply_now: bool = False) -> ImportJob:
    """A new job for an uploaded file (``file``: an uploaded or a ``File`` object), waiting to be
    checked; with ``apply_now`` (the command without ``--dry-run``) straight to applying, because
    the apply pass checks every row just the same."""
    job = ImportJob(spec=spec.key, original_name=name, size=size, created_by=user)
    if apply_now:
        job.status, job.applied_by = Status.APPLYING, user
    job.file.save(name, file, save=True)
    return job


def start_check(job_id: int) -> ImportJob | None:
    """The check (dry run) begins; ``None`` if the job was checked already."""
    return _change(job_id, "start_check", started_at=timezone.now())


def record_checked(job_id: int, summary, invalid_file=None) -> ImportJob | None:
    """The check ended: its counts and invalid rows are recorded and the job waits for confirmation."""
    return _record(job_id, "record_checked", summary, invalid_file, checked_at=timezone.now())


def confirm(job_id: int, user) -> ImportJob:
    """A person confirms a checked import; the apply task is queued after commit by the caller.
    Raises ``ImportStateError`` when the job is not waiting for confirmation."""
    job = _change(job_id, "confirm", applied_by=user)
    if job is None:
        current = ImportJob.objects.get(pk=job_id)
        raise ImportStateError(
            _("This import cannot be confirmed now (it is “%(status)s”).") % {"status": current.get_status_display()}
        )
    return job


def claim_apply(job_id: int) -> ImportJob | None:
    """The apply task takes the job (its row stays locked until the caller's transaction ends, so a
    second delivery waits and then finds it done); ``None`` if it is not waiting to be applied."""
    return _change(job_id, "claim_apply", started_at=timezone.now())


def record_done(job_id: int, summary, invalid_file=None) -> ImportJob | None:
    """The apply ended: the counts of what was written are recorded."""
    return _record(job_id, "record_done", summary, invalid_file, applied_at=timezone.now())


def record_failed(job_id: int, message: str, *, interrupted: bool = False) -> ImportJob | None:
    """The check or the apply failed (nothing was changed); the reason is shown on the job's page.
    ``interrupted``: not the file's fault (worker died, task not queued), so it may be retried."""
    return _change(job_id, "record_failed", error=message, interrupted=interrupted)


def stale_before(now=None):
    """Jobs checking or importing since before this moment have lost their worker."""
    return (now or timezone.now()) - timedelta(minutes=settings.IMPORT_STALE_AFTER)


def fail_stale_jobs(now=None) -> int:
    """Mark failed (retryable) every job checking or importing for longer than
    ``IMPORT_STALE_AFTER`` minutes: its worker died. An apply runs in one transaction, so a dead
    one changed nothing. Returns how many were marked."""
    cutoff = stale_before(now)
    stale_q = Q(status__in=[Status.CHECKING, Status.APPLYING]) & (
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for job_id in ImportJob.objects.filter(stale_q).values_list("pk", flat=True):
        try:
            with JOB.transition(ImportJob(pk=job_id), "record_failed") as change:
                row = change.row
                if not ImportJob.objects.filter(stale_q, pk=job_id).exists():  # restarted or finished meanwhile
                    raise TransitionNotAllowed("")
                row.status = Status.FAILED
                row.interrupted = True
                row.error = _(
                    "The import was interrupted (the background process may have restarted) and nothing was changed; please retry."
                )
        except TransitionNotAllowed:
            continue
        count += 1
    return count


def retry(job_id: int, user) -> tuple[ImportJob, bool]:
    """The person who uploaded (or confirmed) an interrupted job runs it again: back to checking,
    or to importing when it had been confirmed. Returns the job and whether to queue the apply;
    raises ``ImportStateError`` when it cannot be retried. The caller queues the task after commit."""
    job = ImportJob(pk=job_id)
    try:
        with JOB.transition(job, "retry") as change:
            row = change.row
            if not row.interrupted:
                raise TransitionNotAllowed("")
            if user.pk not in (row.created_by_id, row.applied_by_id):
                raise ImportStateError(_("Only the person who uploaded or confirmed this import may retry it."))
            row.status = Status.APPLYING if row.applied_by_id else Status.PENDING
            row.interrupted = False
            row.error = ""
            row.started_at = None
    except TransitionNotAllowed:
        raise ImportStateError(_("This import failed because of its file; correct the file and upload it again."))
    return job, job.status == Status.APPLYING


def _record(job_id, action, summary, invalid_file, **fields):
    fields.update(
        created_count=summary.created,
        updated_count=summary.updated,
        unchanged_count=summary.unchanged,
        invalid_count=summary.invalid,
        rows_total=summary.total,
        invalid_preview=summary.preview,
        error="",
    )
    with transaction.atomic():
        job = _change(job_id, action, **fields)
        if job is not None and invalid_file is not None:
            if job.invalid_file:
                job.invalid_file.delete(save=False)
            job.invalid_file.save(f"invalid-{job.pk}.xlsx", invalid_file, save=True)
    return job


def purge_files(job: ImportJob) -> bool:
    """Delete a finished job's uploaded and invalid-rows files (the job stays as the record);
    ``False`` when it had none left."""
    if job.is_running or not (job.file or job.invalid_file):
        return False
    for stored in (job.file, job.invalid_file):
        if stored:
            stored.delete(save=False)
    job.save(update_fields=["file", "invalid_file"])
    return True
