"""The import job: one uploaded file of one specification, checked (dry run) and then applied."""

import os
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def upload_path(instance, filename):
    """Stored under a random name in the spec's folder (the original is kept in ``original_name``)."""
    ext = os.path.splitext(filename)[1].lower()[:6]
    return f"imports/{instance.spec or 'other'}/{timezone.now():%Y/%m}/{secrets.token_hex(12)}{ext}"


# A job still pending after this long is shown with a hint that the Celery worker may be down.
STALLED_AFTER = timedelta(minutes=1)


class ImportJobQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """A chamber secretary reaches only the imports they uploaded: a job of someone else may be of
        another chamber's members (its invalid rows carry their names and phones). The federation's
        own people work as one team and reach every job of the specs they hold."""
        from federation import roles

        if user.is_superuser or not user.groups.filter(name=roles.CHAMBER_SECRETARY).exists():
            return self
        return self.filter(created_by=user)


class ImportJob(models.Model):
    """One import of a registered specification (``spec``): the uploaded file, what the check found,
    what was applied, by whom and when. It is itself the audit record of the import; the records it
    touched carry per-row history naming the same user. Its status changes only through the
    functions of ``federation.imports.jobs``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be checked")
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        APPLYING = "applying", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    RUNNING = (Status.PENDING, Status.CHECKING, Status.APPLYING)

    spec = models.CharField(_("kind of import"), max_length=50, db_index=True)
    file = models.FileField(_("file"), upload_to=upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("new rows"), default=0)
    updated_count = models.PositiveIntegerField(_("updated rows"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged rows"), default=0)
    invalid_count = models.PositiveIntegerField(_("invalid rows"), default=0)
    # The first invalid rows as [{"row": 5, "errors": [["成立日期", "reason"], ...]}, ...]; all of them
    # are in ``invalid_file``.
    invalid_preview = models.JSONField(_("invalid rows (first ones)"), default=list, blank=True)
    invalid_file = models.FileField(_("invalid rows file"), upload_to=upload_path, blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    # When a worker last began checking or applying it: a job checking or importing for longer than
    # IMPORT_STALE_AFTER minutes has lost its worker (``jobs.fail_stale_jobs``).
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Failed without a fault of the file (its worker died, or the task could not be queued): the
    # person may retry it as it is.
    interrupted = models.BooleanField(_("interrupted"), default=False)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(self.get_spec().url("detail"), args=[self.pk])

    def get_spec(self):
        """The registered spec this job belongs to (``KeyError`` if its app is no longer installed)."""
        from .registry import get

        return get(self.spec)

    @property
    def is_running(self):
        return self.status in self.RUNNING

    @property
    def is_stalled(self):
        """Still waiting for the background worker a minute after upload: the worker may be down."""
        return self.status == self.Status.PENDING and timezone.now() - self.created_at > STALLED_AFTER

    @property
    def may_retry(self):
        """Failed for a reason of the background service, not of the file: it can be run again."""
        return self.status == self.Status.FAILED and self.interrupted

    @property
    def progress_key(self):
        """Cache key of the running job's progress: the apply runs in one transaction, so a
        progress column would stay invisible to the page until the very end."""
        return f"{self.spec}:import-progress:{self.pk}"
