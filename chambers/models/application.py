"""Applications to join a chamber, made by enterprises on the public form."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.validators import validate_contact_phone, validate_uscc

from ..choices import ApplicationStatus
from .chamber import SecretaryRestrictedQuerySet


class JoinApplicationQuerySet(SecretaryRestrictedQuerySet):
    """A chamber secretary reaches only the applications to their own chamber."""

    def pending(self):
        """Applications nobody has decided yet (待审核)."""
        return self.filter(status=ApplicationStatus.SUBMITTED)


class JoinApplication(models.Model):
    """An enterprise's application to join a chamber. The chamber's secretary (or staff) approve it,
    which creates the membership, or decline it with a reason, through ``chambers.operations``."""

    chamber = models.ForeignKey(
        "chambers.Chamber", verbose_name=_("chamber"), on_delete=models.CASCADE, related_name="applications"
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc])
    contact_person = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20, validators=[validate_contact_phone])
    message = models.TextField(_("message"), blank=True)
    consent = models.BooleanField(_("consent to the use of personal information"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    reason = models.TextField(_("reason"), blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership = models.ForeignKey(
        "chambers.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    objects = JoinApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["chamber", "status"])]
        verbose_name = _("join application")
        verbose_name_plural = _("join applications")

    def __str__(self):
        return f"{self.enterprise_name} → {self.chamber}"
