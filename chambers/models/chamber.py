"""A chamber of commerce (商会), its members and its history: the registry's 一会一档."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enterprises.choices import Cluster
from federation import roles
from federation.validators import normalize_uscc, validate_contact_phone, validate_uscc

from ..choices import ChamberType, EventKind, MemberRole, RegionLevel, Status


def validate_social_uscc(value: str) -> None:
    """A chamber is a social organisation: its code passes the one USCC validator and begins with 5."""
    validate_uscc(value)
    if normalize_uscc(value)[:1] != "5":
        raise ValidationError(
            _("A chamber is a social organisation: its unified social credit code begins with 5."),
            code="uscc_category",
        )


class SecretaryRestrictedQuerySet(models.QuerySet):
    """Rows a chamber secretary may reach are those of their own chamber (``secretary_path`` leads
    from the row to the chamber's secretaries); everyone else with the model permission reaches all
    of them (the permission itself is checked by the view)."""

    secretary_path = "chamber__secretaries"

    def restrict(self, user, action="view"):
        if user.is_superuser or not user.groups.filter(name=roles.CHAMBER_SECRETARY).exists():
            return self
        return self.filter(**{self.secretary_path: user})


class ChamberQuerySet(SecretaryRestrictedQuerySet):
    secretary_path = "secretaries"

    def in_directory(self):
        """What the public directory lists: active chambers only."""
        return self.filter(status=Status.ACTIVE)


class Chamber(models.Model):
    """A chamber of commerce guided by the federation: its registration, board, term and status.

    The status changes only through ``chambers.operations`` (the core transition mechanism), which
    records each change as a ``ChamberEvent`` with its date, reason and person."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_social_uscc],
    )
    chamber_type = models.CharField(_("type"), max_length=20, choices=ChamberType.choices)
    industry_section = models.ForeignKey(
        "federation.Industry",
        verbose_name=_("industry section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": "section"},
        related_name="+",
    )
    cluster = models.CharField(_("industry cluster"), max_length=20, choices=Cluster.choices, blank=True)
    region_level = models.CharField(_("area covered"), max_length=20, choices=RegionLevel.choices, blank=True)
    origin = models.CharField(_("home province or city"), max_length=50, blank=True)  # 异地商会
    registration_authority = models.CharField(_("registration authority"), max_length=100, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    supervising_unit = models.CharField(_("supervising unit"), max_length=100, blank=True)
    district = models.ForeignKey(
        "federation.Division",
        verbose_name=_("district / county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=20, blank=True, validators=[validate_contact_phone])
    secretary_general = models.CharField(_("secretary-general"), max_length=50, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True, validators=[validate_contact_phone])
    term_started_on = models.DateField(_("current board since"), null=True, blank=True)
    next_election_due = models.DateField(_("next election due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    secretaries = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chamber secretaries (portal users)"),
        blank=True,
        related_name="secretary_of",
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[])

    objects = ChamberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "chamber_type"]), models.Index(fields=["district", "status"])]
        verbose_name = _("chamber of commerce")
        verbose_name_plural = _("chambers of commerce")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.uscc = normalize_uscc(self.uscc) or None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("chambers:chamber_detail", args=[self.pk])


class ChamberEvent(models.Model):
    """One line of a chamber's history: a status change (from, to, reason, who), an activity it held,
    a failed contact attempt, a "checked, not dormant" decision or a note."""

    chamber = models.ForeignKey(Chamber, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    text = models.TextField(_("reason / note"), blank=True)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["chamber", "kind", "-occurred_on"])]
        verbose_name = _("chamber event")
        verbose_name_plural = _("chamber events")

    def __str__(self):
        return f"{self.chamber} {self.get_kind_display()} {self.occurred_on}"


class MembershipQuerySet(SecretaryRestrictedQuerySet):
    def current(self, on=None):
        """Memberships in force on ``on`` (today by default)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )


class Membership(models.Model):
    """An enterprise's membership of a chamber, in one role, over a period; member counts come from it."""

    chamber = models.ForeignKey(
        Chamber, verbose_name=_("chamber"), on_delete=models.CASCADE, related_name="memberships"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["chamber", "role", "enterprise__name"]
        indexes = [models.Index(fields=["chamber", "ended_on"]), models.Index(fields=["enterprise", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.enterprise} · {self.chamber} · {self.get_role_display()}"

    def get_absolute_url(self):
        return reverse("chambers:chamber_detail", args=[self.chamber_id])
