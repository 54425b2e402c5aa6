"""Core models: reference data (divisions, industries), the working-day calendar, notices."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PortalAccess(models.Model):
    """Holds the portal-wide permissions that belong to no single model (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_dashboard", _("Can view the dashboard")),
            ("view_audit", _("Can view the audit trail and login log")),
            ("view_personal_data", _("Can see personal data (phones, names) unmasked")),
            ("view_monthly_report", _("Can ask for and download the monthly work report")),
            ("view_schedule", _("Can view the periodic tasks")),
        ]

    def __str__(self):
        return "portal"


class DivisionQuerySet(models.QuerySet):
    def counties(self, keep=None):
        """The region's districts and counties (区县), in code order: what records call "district".
        Those of another region loaded before (``load_region``) stay for the records that name them;
        ``keep`` (a division's id: a record's current district) is included whatever its region, so
        that editing an older record does not lose its district."""
        from .region import RegionCode

        in_region = models.Q(level=Division.Level.COUNTY, parent__code=RegionCode())
        return self.filter(in_region | models.Q(pk=keep) if keep else in_region).order_by("code")

    def townships(self):
        """The region's townships, subdistricts and township-level units (乡镇街道), in code order."""
        from .region import RegionCode

        return self.filter(level=Division.Level.TOWNSHIP, parent__parent__code=RegionCode()).order_by("code")


class Division(models.Model):
    """An administrative division (行政区划): the city, its districts/counties and townships (NBS 2023)."""

    class Level(models.TextChoices):
        CITY = "city", _("City")
        COUNTY = "county", _("District / county")
        TOWNSHIP = "township", _("Township / subdistrict")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")

    def __str__(self):
        return self.name


class Industry(models.Model):
    """A GB/T 4754-2017 industry: a section (门类 A–T) or a division (大类 01–97)."""

    class Level(models.TextChoices):
        SECTION = "section", _("Section")
        DIVISION = "division", _("Division")

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("section"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry (GB/T 4754)")
        verbose_name_plural = _("industries (GB/T 4754)")

    def __str__(self):
        return f"{self.code} {self.name}"


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a day off on a weekday, or a make-up working day (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=50)
    source = models.URLField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{self.date} {self.name}"

    def get_absolute_url(self):
        return reverse("federation:calendarday_edit", args=[self.pk])


def report_path(instance, filename):
    """Generated files live under a random name with the extension of the report's format; the
    download gives them a readable one."""
    import secrets

    from django.utils import timezone

    return f"reports/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{instance.format or 'xlsx'}"


class StoredFile(models.Model):
    """A file someone sent in, stored privately under a random name (``federation.uploads``: checked
    with ``check_upload``, written with ``store_upload``, served by ``private_file_response`` from a
    view that checks permission first). Concrete models add the record it belongs to and
    ``get_absolute_url`` (the permission-checking download view)."""

    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in ("jpg", "png")


class Report(models.Model):
    """A file the portal builds in the background (a large export now; monthly reports later):
    what was asked (kind and parameters), by whom, its status, and the file or the reason it failed.
    Kinds are registered by the apps in ``federation.registry.reports``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    # Copied from the kind when asked for, so a stored file keeps its extension and content type.
    format = models.CharField(_("format"), max_length=8, default="xlsx")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # Changed only by federation.reports (start_report, finish_report, fail_report, retry_report).
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to=report_path, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # When a worker began the build: a running report older than REPORT_STALE_AFTER lost its worker.
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # The build's worker was given up for dead: a redelivered task may build it again.
    interrupted = models.BooleanField(_("interrupted"), default=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # What the build read (kinds with a ``snapshot``: the figures and the moment they were read), so
    # the file can be explained later; ``changes``: how they differ from the previous build of the
    # same kind and parameters (federation.reports.compare_figures).
    figures = models.JSONField(_("figures read"), null=True, blank=True)
    changes = models.JSONField(_("changes since the previous build"), null=True, blank=True)
    # Asked for by the schedule (federation.monthly.send_monthly_reports), not by a person's click.
    scheduled = models.BooleanField(_("scheduled"), default=False)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.title

    @property
    def is_running(self):
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def figures_read_at(self):
        """When the build read its figures (None for kinds that store none)."""
        import datetime

        read_at = (self.figures or {}).get("read_at")
        return datetime.datetime.fromisoformat(read_at) if read_at else None


def report_template_path(instance, filename):
    """Uploaded Word templates live under a random name; the download gives them a readable one."""
    import secrets

    return f"report-templates/{secrets.token_hex(12)}.docx"


class ReportTemplate(models.Model):
    """A Word template (docxtpl) an administrator uploaded for a report kind (the monthly report):
    the newest one of a kind is used; the older ones stay as its history. Without any, the kind's
    default template (``federation/data/``) is used."""

    kind = models.CharField(_("kind"), max_length=60)
    file = models.FileField(_("file"), upload_to=report_template_path)
    original_name = models.CharField(_("file name"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self):
        return self.original_name


class Notice(models.Model):
    """An in-portal notice for one user (digests, assignments); the same text may also go by email."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title


class PersonalDataAccess(models.Model):
    """Who saw whose personal data unmasked, when, and on which page or export (个人信息保护法:
    every unmasked view of names and phones is accounted for). Written only by
    ``federation.personal_data.record_access``; append-only like the change audit
    (``federation.audit.protect_audit_records``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessed_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    page = models.CharField(_("page"), max_length=300)
    subject_type = models.CharField(_("record type"), max_length=100)
    subject_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    subject = models.CharField(_("whose data"), max_length=200)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self):
        return f"{self.user} {self.subject}"


# The import engine keeps its model next to its code; imported here so Django registers it.
from .imports.models import ImportJob  # noqa: E402, F401
