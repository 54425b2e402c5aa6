"""百企兴百村: villages (行政村) in the reference townships, pairings of enterprises or chambers with
villages, the projects built together and their quarterly progress, and the programme's annual
targets. A pairing's status changes only through ``villages.operations``."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.models import StoredFile
from federation.validators import NonNegativeValidator

from . import quarters
from .choices import Measure, PairingEventKind, PairingForm, PairingStatus, ProjectStatus, ProjectType

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [NonNegativeValidator()]}


class Village(models.Model):
    """An administrative village (行政村) of a township from the reference divisions; 重点村 flagged."""

    township = models.ForeignKey(
        "federation.Division",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "township"},
        related_name="villages",
    )
    name = models.CharField(_("village name"), max_length=60)
    is_key = models.BooleanField(_("key village"), default=False)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["township__code", "name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="village_unique_in_township")]

    def __str__(self):
        return f"{self.township.name}{self.name}"

    def get_absolute_url(self):
        return reverse("villages:village_detail", args=[self.pk])


class Pairing(models.Model):
    """结对: one or more enterprises or chambers paired with one or more villages, in a batch
    (2026年度); its form (一对一/一对多/多对一) agrees with the partners and villages."""

    name = models.CharField(_("pairing name"), max_length=200, blank=True)
    form = models.CharField(_("pairing form"), max_length=12, choices=PairingForm.choices)
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("enterprises"), blank=True, related_name="village_pairings"
    )
    chambers = models.ManyToManyField(
        "chambers.Chamber", verbose_name=_("chambers of commerce"), blank=True, related_name="village_pairings"
    )
    villages = models.ManyToManyField(Village, verbose_name=_("villages"), related_name="pairings")
    batch = models.CharField(_("batch"), max_length=20, help_text=_("For example 2026年度."))
    start_year = models.PositiveSmallIntegerField(_("start year"))
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)
    started_on = models.DateField(_("paired since"), editable=False, db_index=True)
    partner_contact = models.CharField(_("partner's contact"), max_length=40, blank=True)
    partner_phone = models.CharField(_("partner's contact phone"), max_length=20, blank=True)
    village_contact = models.CharField(_("village's contact"), max_length=40, blank=True)
    village_phone = models.CharField(_("village's contact phone"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("pairing status"), max_length=12, choices=PairingStatus.choices, default=PairingStatus.ONGOING, editable=False
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        indexes = [models.Index(fields=["status", "started_on"])]

    def __str__(self):
        return self.name or f"{self.batch} #{self.pk}"

    def save(self, *args, **kwargs):
        # The day a pairing counts from: its agreement, else the first day of its start year.
        self.started_on = self.agreement_date or datetime.date(self.start_year, 1, 1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("villages:pairing_detail", args=[self.pk])


class PairingEvent(models.Model):
    """A line of a pairing's history: completed, terminated (with the reason) or reopened."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=PairingEventKind.choices)
    from_status = models.CharField(max_length=12, choices=PairingStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PairingStatus.choices, blank=True)
    text = models.TextField(_("reason / note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occurred_on = models.DateField(_("date"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("pairing event")
        verbose_name_plural = _("pairing events")

    def __str__(self):
        return f"{self.pairing} {self.get_kind_display()}"


class PairingProject(models.Model):
    """产业共建项目 of a pairing, in one of its villages. Money in yuan."""

    pairing = models.ForeignKey(Pairing, verbose_name=_("pairing"), on_delete=models.PROTECT, related_name="projects")
    village = models.ForeignKey(Village, verbose_name=_("village"), on_delete=models.PROTECT, related_name="projects")
    project_type = models.CharField(_("project type"), max_length=12, choices=ProjectType.choices)
    name = models.CharField(_("project name"), max_length=200)
    planned_investment = models.DecimalField(_("planned investment (yuan)"), null=True, blank=True, **MONEY)
    actual_investment = models.DecimalField(_("actual investment (yuan)"), default=0, **MONEY)
    jobs = models.PositiveIntegerField(_("jobs created"), default=0)
    income_increase = models.DecimalField(_("villagers' income increase (yuan)"), default=0, **MONEY)
    households_benefiting = models.PositiveIntegerField(_("households benefiting"), default=0)
    start_date = models.DateField(_("project start"))
    end_date = models.DateField(_("project end"), null=True, blank=True)
    status = models.CharField(
        _("project status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.UNDERWAY
    )
    is_typical = models.BooleanField(
        _("typical project"), default=False, help_text=_("An example for publicity (先进典型).")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("pairing project")
        verbose_name_plural = _("pairing projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pairing_project_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(actual_investment__gte=0) & Q(income_increase__gte=0),
                name="pairing_project_money_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("villages:pairingproject_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A project cannot end before it starts.")})

    def runs_in(self, year: int, quarter: int) -> bool:
        """Whether the project runs on some day of the quarter (a report for it may be filed)."""
        return self.start_date <= quarters.last_day(year, quarter) and (
            self.end_date is None or self.end_date >= quarters.first_day(year, quarter)
        )


class ProgressReport(models.Model):
    """A project's progress at the end of a quarter: cumulative figures to date and what happened.
    Due within ``quarters.REPORT_WINDOW_DAYS`` days after the quarter; changes after that are audited
    with their reason (the history row's change reason)."""

    project = models.ForeignKey(
        PairingProject, verbose_name=_("pairing project"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, str(q)) for q in (1, 2, 3, 4)])
    period_end = models.DateField(_("quarter end"), editable=False, db_index=True)
    cumulative_investment = models.DecimalField(_("cumulative investment (yuan)"), **MONEY)
    cumulative_jobs = models.PositiveIntegerField(_("cumulative jobs"))
    cumulative_income = models.DecimalField(_("cumulative income increase (yuan)"), **MONEY)
    narrative = models.TextField(_("progress narrative"))
    decrease_reason = models.TextField(_("reason for a lower figure"), blank=True)
    filed_on = models.DateField(_("filed on"), editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "quarter"], name="one_progress_report_a_quarter")
        ]

    def __str__(self):
        return f"{self.project} {self.quarter_label}"

    def save(self, *args, **kwargs):
        self.period_end = quarters.last_day(self.year, self.quarter)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("villages:pairingproject_detail", args=[self.project_id])

    @property
    def quarter_label(self) -> str:
        return quarters.label(self.year, self.quarter)

    @property
    def due_on(self) -> datetime.date:
        return quarters.due_date(self.year, self.quarter)

    @property
    def on_time(self) -> bool:
        return self.filed_on <= self.due_on


class ReportPhoto(StoredFile):
    """A photo sent with a progress report (JPG or PNG), stored privately."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")

    class Meta(StoredFile.Meta):
        verbose_name = _("progress report photo")
        verbose_name_plural = _("progress report photos")

    def get_absolute_url(self):
        return reverse("villages:reportphoto", args=[self.pk])


class AnnualTarget(models.Model):
    """A target of the programme for a year (e.g. 20 new pairings), shown beside the actual with the
    pace for today."""

    year = models.PositiveSmallIntegerField(_("year"))
    measure = models.CharField(_("measure"), max_length=24, choices=Measure.choices)
    target = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=2, validators=[NonNegativeValidator()]
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "measure"]
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        constraints = [models.UniqueConstraint(fields=["year", "measure"], name="one_village_target_a_measure")]

    def __str__(self):
        return f"{self.year} {self.get_measure_display()}"

    def get_absolute_url(self):
        return reverse("villages:annualtarget_list")
