"""The legal service network (法治护航民企发展): stations hosted by chambers, enterprises, parks or
subdistricts, the lawyers of the legal service team, and the consultations (and 法治体检) they give."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..followups import FollowUp
from ..policies.fields import ChoiceListField
from .choices import Channel, ConsultationKind, HostKind, StationStatus, Topic


class LegalStationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=StationStatus.ACTIVE)


class LegalStation(models.Model):
    """法律服务工作站. Its status changes only through ``services.legal.operations``."""

    name = models.CharField(_("station name"), max_length=100)
    host_kind = models.CharField(_("host kind"), max_length=12, choices=HostKind.choices)
    host_chamber = models.ForeignKey(
        "chambers.Chamber",
        verbose_name=_("host chamber"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_stations",
    )
    host_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("host enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_stations",
    )
    host_name = models.CharField(
        _("host name"), max_length=100, blank=True, help_text=_("For a park or subdistrict, or a host not on record.")
    )
    district = models.ForeignKey(
        "federation.Division", verbose_name=_("District / county"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=30, blank=True)
    lawyers = models.ManyToManyField(
        "services.Lawyer", verbose_name=_("lawyers serving it"), blank=True, related_name="stations"
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(
        _("station status"), max_length=10, choices=StationStatus.choices, default=StationStatus.ACTIVE, editable=False
    )

    history = HistoricalRecords()
    objects = LegalStationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("legal service station")
        verbose_name_plural = _("legal service stations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:legalstation_detail", args=[self.pk])

    @property
    def host_display(self) -> str:
        host = self.host_chamber or self.host_enterprise
        return str(host) if host else self.host_name

    def clean(self):
        if self.host_kind == HostKind.CHAMBER and not (self.host_chamber_id or self.host_name):
            raise ValidationError({"host_chamber": _("Choose the host chamber (or type its name).")})
        if self.host_kind == HostKind.ENTERPRISE and not (self.host_enterprise_id or self.host_name):
            raise ValidationError({"host_enterprise": _("Choose the host enterprise (or type its name).")})
        if self.host_kind in (HostKind.PARK, HostKind.SUBDISTRICT) and not self.host_name:
            raise ValidationError({"host_name": _("Type the name of the park or subdistrict.")})
        if self.host_kind != HostKind.CHAMBER:
            self.host_chamber = None
        if self.host_kind != HostKind.ENTERPRISE:
            self.host_enterprise = None


class Lawyer(models.Model):
    """A lawyer of the legal service team (法律服务团). The phone is personal data: masked outside
    the staff pages through ``federation.masking`` and never on the public page."""

    name = models.CharField(_("lawyer's name"), max_length=40)
    law_firm = models.CharField(_("law firm"), max_length=100)
    specialties = ChoiceListField(_("specialties"), max_length=80, choices=Topic.choices)
    phone = models.CharField(_("lawyer's phone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")

    def __str__(self):
        return f"{self.name}（{self.law_firm}）"

    def get_absolute_url(self):
        return reverse("services:lawyer_edit", args=[self.pk])

    def get_specialties_display(self) -> str:
        labels = dict(Topic.choices)
        return "、".join(str(labels.get(s, s)) for s in self.specialties)


class LegalConsultation(FollowUp):
    """One consultation given to an enterprise (or a 法治体检 with its findings, one per line)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_consultations",
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    station = models.ForeignKey(
        LegalStation,
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    lawyer = models.ForeignKey(
        Lawyer, verbose_name=_("lawyer"), on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    date = models.DateField(_("consultation date"), db_index=True)
    channel = models.CharField(
        _("consultation channel"), max_length=10, choices=Channel.choices, default=Channel.STATION
    )
    topic = models.CharField(_("legal topic"), max_length=10, choices=Topic.choices)
    kind = models.CharField(
        _("consultation kind"), max_length=12, choices=ConsultationKind.choices, default=ConsultationKind.CONSULTATION
    )
    findings = models.TextField(_("findings"), blank=True, help_text=_("For a legal health check: one finding a line."))
    question = models.TextField(_("question"))
    advice = models.TextField(_("advice given"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    request = models.ForeignKey(
        "services.ServiceRequest",
        verbose_name=_("request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("legal consultation")
        verbose_name_plural = _("legal consultations")
        indexes = [models.Index(fields=["follow_up_on", "followed_up_on"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.enterprise_name}"

    def get_absolute_url(self):
        return reverse("services:legalconsultation_detail", args=[self.pk])

    def finding_list(self) -> list[str]:
        return [line.strip() for line in self.findings.splitlines() if line.strip()]
