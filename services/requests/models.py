"""Enterprise requests (诉求, "急难愁盼"): what an enterprise asks for, how it is handled, how it was rated."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.models import StoredFile
from federation.validators import validate_uscc

from .choices import DONE, OPEN, WORKING, Category, EventKind, Rating, Source, Status


class CategoryDeadline(models.Model):
    """Time limits of one category in working days (editable by an administrator). A category
    without a row uses the defaults: accept within 1 working day, resolve within 15."""

    DEFAULT_ACCEPT_DAYS = 1
    DEFAULT_RESOLVE_DAYS = 15

    category = models.CharField(_("category"), max_length=12, choices=Category.choices, unique=True)
    accept_days = models.PositiveSmallIntegerField(_("working days to accept"), default=DEFAULT_ACCEPT_DAYS)
    resolve_days = models.PositiveSmallIntegerField(_("working days to resolve"), default=DEFAULT_RESOLVE_DAYS)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category"]
        verbose_name = _("category time limit")
        verbose_name_plural = _("category time limits")

    def __str__(self):
        return str(self.get_category_display())

    @classmethod
    def limits_for(cls, category) -> tuple[int, int]:
        row = cls.objects.filter(category=category).values_list("accept_days", "resolve_days").first()
        return row or (cls.DEFAULT_ACCEPT_DAYS, cls.DEFAULT_RESOLVE_DAYS)


class ServiceRequest(models.Model):
    """An enterprise's request. Its status only changes through ``services.services``; the tracking
    code is random (not sequential) and reveals nothing without the phone number used."""

    code = models.CharField(_("tracking code"), max_length=12, unique=True, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc])
    contact_person = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20)
    district = models.ForeignKey(
        "federation.Division",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    visit = models.ForeignKey(
        "services.Visit",
        verbose_name=_("raised on visit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_service_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    received_at = models.DateTimeField(_("received"), db_index=True)
    accept_due = models.DateField(_("accept by"))
    resolve_due = models.DateField(_("resolve by"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_on_time = models.BooleanField(_("accepted on time"), null=True, blank=True)
    reject_reason = models.TextField(_("reason for not accepting"), blank=True)
    transfer_department = models.CharField(_("transferred to"), max_length=100, blank=True)
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    transfer_answer = models.TextField(_("department's answer"), blank=True)
    suspended_on = models.DateField(_("suspended since"), null=True, blank=True)
    status_before_suspension = models.CharField(max_length=12, choices=Status.choices, blank=True)
    suspended_days = models.PositiveSmallIntegerField(_("working days suspended"), default=0)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_on_time = models.BooleanField(_("resolved on time"), null=True, blank=True)
    resolve_working_days = models.PositiveSmallIntegerField(_("working days to resolve"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    escalated = models.BooleanField(_("raised to leadership"), default=False)
    # 督办: set by a leader's instruction (services.instruct_request); the latest instruction and its deadline.
    supervised_at = models.DateTimeField(_("under supervision since"), null=True, blank=True)
    instruction = models.TextField(_("leadership instruction"), blank=True)
    instruction_due = models.DateField(_("instruction deadline"), null=True, blank=True)
    # Bumped by every transition: a form posted from an older page is refused, not applied.
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("enterprise request")
        verbose_name_plural = _("enterprise requests")
        permissions = [("instruct_servicerequest", _("Can give leadership instructions on enterprise requests"))]
        indexes = [
            models.Index(fields=["status", "resolve_due"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["district", "received_at"]),
            models.Index(fields=["category", "received_at"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("services:request_detail", args=[self.pk])

    @property
    def current_due(self):
        """The deadline the clock now runs towards (None when it does not run)."""
        if self.status == Status.SUBMITTED:
            return self.accept_due
        if self.status in WORKING:
            return self.resolve_due
        return None

    @property
    def under_supervision(self):
        """督办中: a leader gave an instruction and the request still needs someone to act."""
        return self.supervised_at is not None and self.status in OPEN

    @property
    def is_done(self):
        return self.status in DONE


class RequestEvent(models.Model):
    """One step in a request's history: who did what, when, and whether the enterprise sees it."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    public = models.BooleanField(_("shown to the enterprise"), default=False)
    text = models.TextField(_("text"), blank=True)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.request_id} {self.kind}"


class Attachment(StoredFile):
    """A file sent with a request."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def get_absolute_url(self):
        return reverse("services:attachment_download", args=[self.pk])
