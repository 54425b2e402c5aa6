"""Job fairs (招聘会): the fair, each enterprise's registration (a booth, or the waiting list) and
the positions it offers. Intentions and hires are counts only: no job seeker's data is kept."""

import secrets

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federation.validators import validate_uscc

from .choices import Education, Experience, FairStatus, RegistrationStatus


def new_fair_token() -> str:
    """The random part of a fair's registration link: unguessable, unlike the fair's number."""
    return secrets.token_urlsafe(12)


class JobFair(models.Model):
    """One job fair: when and where, how many booths, and its registration window."""

    title = models.CharField(pgettext_lazy("job fair", "title"), max_length=200)
    held_on = models.DateField(pgettext_lazy("job fair", "date"), db_index=True)
    venue = models.CharField(pgettext_lazy("job fair", "venue"), max_length=200)
    organiser = models.CharField(pgettext_lazy("job fair", "organiser"), max_length=200, blank=True)
    campaign = models.ForeignKey(
        "services.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_fairs",
    )
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    booths = models.PositiveSmallIntegerField(_("number of booths"))
    description = models.TextField(pgettext_lazy("job fair", "description"), blank=True)
    status = models.CharField(
        pgettext_lazy("job fair", "status"), max_length=10, choices=FairStatus.choices, default=FairStatus.PREPARING
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    token = models.CharField(max_length=32, unique=True, default=new_fair_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="jobfair_registration_closes_after_it_opens",
            ),
            models.CheckConstraint(condition=models.Q(booths__gt=0), name="jobfair_has_booths"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:jobfair_detail", args=[self.pk])

    def get_register_url(self):
        return reverse("services:jobfair_register", args=[self.token])

    def get_public_url(self):
        return reverse("services:jobfair_public", args=[self.token])


class JobRegistrationQuerySet(models.QuerySet):
    def with_totals(self):
        """Each registration's ``n_positions`` and ``n_openings`` (sum of headcounts), by subqueries."""
        positions = JobPosition.objects.filter(registration=models.OuterRef("pk")).order_by().values("registration")
        return self.annotate(
            n_positions=Coalesce(models.Subquery(positions.annotate(n=models.Count("pk")).values("n")), 0),
            n_openings=Coalesce(models.Subquery(positions.annotate(n=models.Sum("headcount")).values("n")), 0),
        )


class JobRegistration(models.Model):
    """An enterprise's registration for a fair, as typed (name, code) and linked to the register when
    the code is known. One per enterprise per fair: ``match_key`` is the code when given, else the
    normalised name, and the database refuses a second row with it."""

    fair = models.ForeignKey(
        JobFair, verbose_name=_("job fair"), on_delete=models.CASCADE, related_name="registrations"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_registrations",
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc])
    contact_person = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20)
    match_key = models.CharField(max_length=220, editable=False)
    status = models.CharField(
        pgettext_lazy("job registration", "status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    code = models.CharField(_("tracking code"), max_length=12, unique=True)
    submitted_at = models.DateTimeField(_("submitted"))
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    intentions = models.PositiveIntegerField(_("hiring intentions"), null=True, blank=True)
    hires = models.PositiveIntegerField(_("hires confirmed"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = JobRegistrationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("job fair registration")
        verbose_name_plural = _("job fair registrations")
        constraints = [
            models.UniqueConstraint(fields=["fair", "match_key"], name="one_registration_per_enterprise_and_fair"),
            models.UniqueConstraint(
                fields=["fair", "enterprise"],
                condition=models.Q(enterprise__isnull=False),
                name="one_registration_per_registered_enterprise_and_fair",
            ),
            models.CheckConstraint(
                condition=models.Q(hires__isnull=True) | models.Q(hires__lte=models.F("intentions")),
                name="jobregistration_hires_within_intentions",
            ),
        ]

    def __str__(self):
        return f"{self.fair} · {self.enterprise_name}"

    def get_absolute_url(self):
        return f"{self.fair.get_absolute_url()}#registration-{self.pk}"

    @property
    def openings(self) -> int:
        value = getattr(self, "n_openings", None)
        if value is None:
            value = sum(p.headcount for p in self.positions.all())
        return value


class JobPosition(models.Model):
    """One position (岗位) an enterprise offers at a fair: how many people, what it asks, what it pays."""

    registration = models.ForeignKey(
        JobRegistration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("position"), max_length=100)
    headcount = models.PositiveSmallIntegerField(_("openings"))
    education = models.CharField(_("education"), max_length=10, choices=Education.choices, default=Education.ANY)
    experience = models.CharField(_("experience"), max_length=5, choices=Experience.choices, default=Experience.ANY)
    salary_min = models.PositiveIntegerField(_("salary from (yuan a month)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (yuan a month)"), null=True, blank=True)
    place = models.CharField(_("place of work"), max_length=100, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["registration", "id"]
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")
        constraints = [
            models.CheckConstraint(condition=models.Q(headcount__gt=0), name="jobposition_headcount_positive"),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_max__gte=models.F("salary_min")),
                name="jobposition_salary_min_not_above_max",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def salary_label(self) -> str:
        if self.salary_min and self.salary_max:
            return f"{self.salary_min}–{self.salary_max}"
        if self.salary_min:
            return f"≥{self.salary_min}"
        if self.salary_max:
            return f"≤{self.salary_max}"
        return ""
