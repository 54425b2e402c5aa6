"""Events and who attended them: the series (民营经济发展讲堂), the event (第4期), its files, its
participating chambers, and its attendance — a count staff enter, or the list of attending enterprises
that on-site sign-in fills."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federation.models import StoredFile
from federation.validators import validate_uscc

from .choices import EventType, SignInSource


def new_signin_token() -> str:
    """The random part of an event's sign-in link: unguessable, unlike the event's number."""
    return secrets.token_urlsafe(12)


class EventSeries(models.Model):
    """A series of events held again and again under one name, e.g. 民营经济发展讲堂."""

    name = models.CharField(pgettext_lazy("event series", "name"), max_length=100, unique=True)
    description = models.TextField(_("what the series is for"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.name


class EventQuerySet(models.QuerySet):
    def with_attendance(self):
        """Each event's attendance as ``attendance_value``: the length of its list when it has one,
        else the count staff entered (0 when neither) — one correlated subquery, no join."""
        listed = (
            EventAttendance.objects.filter(event=models.OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            attendance_listed=Coalesce(models.Subquery(listed), 0),
            attendance_value=models.Case(
                models.When(attendance_listed__gt=0, then=models.F("attendance_listed")),
                default=Coalesce(models.F("attendance_count"), 0),
                output_field=models.IntegerField(),
            ),
        )


class Event(models.Model):
    """One event held: a lecture of a series (第4期), a training, a symposium, a policy briefing, a
    legal lecture. Attendance is the list of enterprises when one exists, else ``attendance_count``.
    The summary's sign-off (纪要确认) is recorded by ``services.events.operations.sign_off_summary``."""

    event_type = models.CharField(pgettext_lazy("event", "type"), max_length=12, choices=EventType.choices)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("event series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    issue = models.PositiveSmallIntegerField(
        _("issue number"), null=True, blank=True, help_text=_("第N期 of the series")
    )
    title = models.CharField(pgettext_lazy("event", "title"), max_length=200)
    held_on = models.DateField(_("held on"), db_index=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    district = models.ForeignKey(
        "federation.Division",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff in charge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "services.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    chambers = models.ManyToManyField(
        "chambers.Chamber", verbose_name=_("participating chambers"), blank=True, related_name="services_events"
    )
    attendance_count = models.PositiveIntegerField(
        _("attendance entered"),
        null=True,
        blank=True,
        help_text=_(
            "How many enterprises attended, when no sign-in list is kept; the list's length wins when there is one."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_signed_off_at = models.DateTimeField(_("summary signed off"), null=True, blank=True)
    summary_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("summary signed off by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signin_token = models.CharField(max_length=32, unique=True, default=new_signin_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:event_detail", args=[self.pk])

    def get_signin_url(self):
        return reverse("services:event_signin", args=[self.signin_token])

    @property
    def series_label(self) -> str:
        """民营经济发展讲堂 第4期 (or the series alone, or nothing)."""
        if not self.series_id:
            return ""
        if self.issue:
            return _("%(series)s issue %(n)d") % {"series": self.series, "n": self.issue}
        return str(self.series)

    @property
    def attendance(self) -> int:
        """The list's length when a list exists, else the count staff entered (0 when neither)."""
        listed = getattr(self, "attendance_listed", None)
        if listed is None:
            listed = self.attendances.count()
        return listed or (self.attendance_count or 0)


class EventFile(StoredFile):
    """A photo or document of an event (PDF, JPG, PNG, DOCX)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("event file")
        verbose_name_plural = _("event files")

    def get_absolute_url(self):
        return reverse("services:event_file", args=[self.pk])


class EventAttendance(models.Model):
    """One enterprise on an event's attendance list, as it was given (the name and code typed) and
    linked to the register when the code is known. One per enterprise per event: ``match_key`` is the
    code when given, else the normalised name, and the database refuses a second row with it."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendances")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_attendances",
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc])
    contact_person = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20)
    match_key = models.CharField(max_length=220, editable=False)
    name_key = models.CharField(max_length=200, editable=False)
    source = models.CharField(
        pgettext_lazy("sign-in", "source"), max_length=8, choices=SignInSource.choices, default=SignInSource.QR
    )
    signed_in_at = models.DateTimeField(_("signed in"))
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["signed_in_at", "id"]
        verbose_name = _("event attendance")
        verbose_name_plural = _("event attendances")
        constraints = [
            models.UniqueConstraint(fields=["event", "match_key"], name="one_signin_per_enterprise_and_event"),
            models.UniqueConstraint(
                fields=["event", "enterprise"],
                condition=models.Q(enterprise__isnull=False),
                name="one_signin_per_registered_enterprise_and_event",
            ),
        ]

    def __str__(self):
        return f"{self.event} · {self.enterprise_name}"
