"""How a chamber is kept to standard: the annual inspection (年检), the "Four-Good" rating (四好商会),
the thresholds of the dormant-chamber rules and the "checked, not dormant" decisions."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import InspectionResult, RatingLevel
from .chamber import SecretaryRestrictedQuerySet


def document_path(instance, filename):
    """Stored under a random name; downloads give a readable one."""
    import os
    import secrets

    ext = os.path.splitext(filename)[1].lower()[:6]
    return f"chambers/{instance._meta.model_name}/{secrets.token_hex(12)}{ext}"


class YearlyRecordQuerySet(SecretaryRestrictedQuerySet):
    """A chamber secretary reaches only their own chamber's inspections and ratings."""


class AnnualInspection(models.Model):
    """One year's annual inspection (年检) of a chamber: one per chamber and year."""

    chamber = models.ForeignKey(
        "chambers.Chamber", verbose_name=_("chamber"), on_delete=models.CASCADE, related_name="inspections"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    result = models.CharField(_("result"), max_length=10, choices=InspectionResult.choices)
    inspected_on = models.DateField(_("inspected on"))
    notes = models.TextField(_("notes"), blank=True)
    document = models.FileField(_("document"), upload_to=document_path, blank=True)

    history = HistoricalRecords()

    objects = YearlyRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["chamber", "year"], name="one_inspection_per_chamber_and_year")]
        verbose_name = _("annual inspection")
        verbose_name_plural = _("annual inspections")

    def __str__(self):
        return f"{self.chamber} {self.year} {self.get_result_display()}"

    def get_absolute_url(self):
        return self.chamber.get_absolute_url()


SCORE = [MinValueValidator(0), MaxValueValidator(100)]


class FourGoodRating(models.Model):
    """A "Four-Good" (四好商会) rating: the chamber's self-assessment per criterion (政治引领好,
    队伍建设好, 服务发展好, 自律规范好) with evidence, the federation's review and the result, valid
    for two years (不搞一评定终身)."""

    VALID_YEARS = 2

    chamber = models.ForeignKey(
        "chambers.Chamber", verbose_name=_("chamber"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    political_score = models.PositiveSmallIntegerField(_("political guidance (self-assessed)"), validators=SCORE)
    team_score = models.PositiveSmallIntegerField(_("team building (self-assessed)"), validators=SCORE)
    service_score = models.PositiveSmallIntegerField(_("serving development (self-assessed)"), validators=SCORE)
    discipline_score = models.PositiveSmallIntegerField(_("self-discipline (self-assessed)"), validators=SCORE)
    evidence = models.TextField(_("evidence"), blank=True)
    review = models.TextField(_("federation's review"), blank=True)
    level = models.CharField(_("result"), max_length=10, choices=RatingLevel.choices, blank=True)
    rated_on = models.DateField(_("rated on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    objects = YearlyRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["chamber", "year"], name="one_rating_per_chamber_and_year")]
        verbose_name = _("Four-Good rating")
        verbose_name_plural = _("Four-Good ratings")

    def __str__(self):
        return f"{self.chamber} {self.year}"

    def save(self, *args, **kwargs):
        # In force for two years from the rating; recomputed when a rating is corrected or withdrawn.
        self.valid_until = None
        if self.rated_on and self.level:
            try:
                self.valid_until = self.rated_on.replace(year=self.rated_on.year + self.VALID_YEARS)
            except ValueError:  # 29 February
                self.valid_until = self.rated_on + datetime.timedelta(days=365 * self.VALID_YEARS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.chamber.get_absolute_url()

    @property
    def total_score(self):
        return self.political_score + self.team_score + self.service_score + self.discipline_score


class CandidateRules(models.Model):
    """The thresholds of the dormant-chamber rules, editable by an administrator in the portal
    (one row). The civil-affairs criteria a federation uses: no activity for N months, inspection
    missing or failed N years running, election overdue, unreachable, fewer than N active members."""

    inactive_months = models.PositiveSmallIntegerField(_("months without recorded activity"), default=12)
    failed_inspection_years = models.PositiveSmallIntegerField(
        _("years running of missing or failed inspections"), default=2
    )
    min_active_members = models.PositiveSmallIntegerField(_("minimum active members"), default=10)
    contact_failures = models.PositiveSmallIntegerField(
        _("failed contact attempts (in the inactivity window)"), default=1
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dormant-chamber rules")
        verbose_name_plural = _("dormant-chamber rules")

    def __str__(self):
        return str(self._meta.verbose_name)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("chambers:candidates")  # the rules are shown, and applied, there

    @classmethod
    def current(cls) -> "CandidateRules":
        rules = cls.objects.order_by("pk").first()
        return rules or cls.objects.create()


class DormancyCheck(models.Model):
    """Staff checked a clean-up candidate and found it not dormant: the reason, and the date until
    which the decision holds — after it the chamber is judged again (an override that never expires
    is how a list goes stale)."""

    chamber = models.ForeignKey(
        "chambers.Chamber", verbose_name=_("chamber"), on_delete=models.CASCADE, related_name="dormancy_checks"
    )
    reason = models.TextField(_("reason"))
    expires_on = models.DateField(_("holds until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("checked"), auto_now_add=True)

    class Meta:
        ordering = ["-expires_on"]
        indexes = [models.Index(fields=["chamber", "-expires_on"])]
        verbose_name = _("dormancy check")
        verbose_name_plural = _("dormancy checks")

    def __str__(self):
        return f"{self.chamber} → {self.expires_on}"
