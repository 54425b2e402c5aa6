"""Visits (走访): staff going to enterprises, what they heard, and the problems they brought back."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.models import StoredFile

from ..followups import FollowUp
from .choices import VisitMode


class Visit(FollowUp):
    """One visit to one or more enterprises by one or more staff members. Problems raised become
    requests (``ServiceRequest.visit``), so the request inbox is the one pool of problems."""

    date = models.DateField(_("visit date"), db_index=True)
    form = models.CharField(_("form of visit"), max_length=8, choices=VisitMode.choices, default=VisitMode.ONSITE)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("staff who went"), related_name="visits")
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("enterprises visited"), related_name="visits"
    )
    campaign = models.ForeignKey(
        "services.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary of the visit"), blank=True)
    problems = models.TextField(_("problems raised"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    # The enterprises and staff are not in the history: simple-history's m2m history registers the
    # through tables as audited models, which the core's audit page cannot read.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["follow_up_on", "followed_up_on"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_form_display()}"

    def get_absolute_url(self):
        return reverse("services:visit_detail", args=[self.pk])


class VisitPhoto(StoredFile):
    """A photo taken on a visit (JPG or PNG), stored privately."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")

    class Meta(StoredFile.Meta):
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def get_absolute_url(self):
        return reverse("services:visit_photo", args=[self.pk])
