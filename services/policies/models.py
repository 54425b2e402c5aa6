"""Policies (政策) the federation publicises, whom each applies to, and which enterprises were told."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enterprises.choices import Cluster, EntityType, Scale
from federation.models import StoredFile

from .choices import Category, Channel, EventKind, Level, Status
from .fields import ChoiceListField


class PolicyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def in_force(self, on=None):
        """Published and valid on ``on`` (today): an open end means "no limit"."""
        on = on or timezone.localdate()
        return self.published().filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def expired(self, on=None):
        on = on or timezone.localdate()
        return self.published().filter(valid_until__lt=on)


class Policy(models.Model):
    """A policy document, with the conditions on the enterprise record that say whom it applies to
    (each empty means "any"; ``services.policies.matching`` reads them). Its status changes only through
    ``services.policies.operations`` (draft → published → withdrawn → published again)."""

    title = models.CharField(_("policy title"), max_length=200)
    issuer = models.CharField(_("issuing body"), max_length=100)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    level = models.CharField(_("policy level"), max_length=10, choices=Level.choices)
    category = models.CharField(_("policy category"), max_length=12, choices=Category.choices)
    summary = models.TextField(_("summary"), help_text=_("What it offers and to whom, in a few lines."))
    body = models.TextField(_("full text"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: no end date."))
    # Whom it applies to: each condition reads one field of the enterprise record; empty means any.
    industry_sections = models.ManyToManyField(
        "federation.Industry",
        verbose_name=_("industry sections"),
        blank=True,
        limit_choices_to={"level": "section"},
        related_name="+",
    )
    clusters = ChoiceListField(_("key industry clusters"), max_length=60, choices=Cluster.choices)
    scales = ChoiceListField(_("enterprise scales"), max_length=40, choices=Scale.choices)
    entity_types = ChoiceListField(_("entity types"), max_length=40, choices=EntityType.choices)
    districts = models.ManyToManyField(
        "federation.Division",
        verbose_name=_("districts / counties"),
        blank=True,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    first_published_on = models.DateField(_("first published on"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Kept by an F() update on each public view: no row per view.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "view_count"])

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        permissions = [("export_policy_targets", _("Can export a policy's outreach list with contacts"))]
        indexes = [models.Index(fields=["status", "valid_until", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="policy_valid_until_after_valid_from",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:policy_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("services:policy_public_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The policy cannot expire before it comes into force.")})

    def in_force(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (
            self.status == Status.PUBLISHED
            and (self.valid_from is None or self.valid_from <= on)
            and (self.valid_until is None or self.valid_until >= on)
        )

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class PolicyEvent(models.Model):
    """One step of a policy's history: published or withdrawn, by whom, when."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    text = models.TextField(_("note"), blank=True)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("policy event")
        verbose_name_plural = _("policy events")

    def __str__(self):
        return f"{self.policy_id} {self.kind}"


class PolicyFile(StoredFile):
    """The policy document as a file (PDF or DOCX); public once the policy is published."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def get_absolute_url(self):
        return reverse("services:policyfile_download", args=[self.pk])


class PolicyOutreach(models.Model):
    """An enterprise was told of a policy (政策推送): when, how, by whom, within which campaign."""

    policy = models.ForeignKey(Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="outreach")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="policy_outreach"
    )
    informed_on = models.DateField(_("informed on"), db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("informed by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    campaign = models.ForeignKey(
        "services.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_outreach",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-informed_on", "-id"]
        verbose_name = _("policy outreach record")
        verbose_name_plural = _("policy outreach records")
        constraints = [
            models.UniqueConstraint(fields=["policy", "enterprise"], name="one_outreach_per_policy_enterprise")
        ]

    def __str__(self):
        return f"{self.policy} → {self.enterprise}"

    def get_absolute_url(self):
        return reverse("services:policy_enterprises", args=[self.policy_id])
