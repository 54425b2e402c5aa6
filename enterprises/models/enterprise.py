"""Enterprise records (一企一档): every market entity of the city the federation knows about."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.validators import NonNegativeValidator, normalize_uscc, validate_contact_phone, validate_uscc

from ..choices import Cluster, EntityType, MemberLevel, Ownership, RegistryStatus, Scale


class Enterprise(models.Model):
    """A market entity (市场主体): registry facts from the market regulator plus the federation's own
    knowledge (membership, cluster, contacts). Never hard-deleted while anything refers to it: a closed
    entity keeps its row with a registry status of 注销/吊销/迁出, and other apps' keys PROTECT it."""

    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True, validators=[validate_uscc]
    )
    entity_type = models.CharField(
        _("entity type"), max_length=12, choices=EntityType.choices, default=EntityType.ENTERPRISE
    )
    ownership = models.CharField(_("ownership"), max_length=12, choices=Ownership.choices, default=Ownership.PRIVATE)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    registered_capital = models.DecimalField(
        _("registered capital (yuan)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NonNegativeValidator()],
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    registry_status = models.CharField(
        _("registry status"), max_length=14, choices=RegistryStatus.choices, default=RegistryStatus.ACTIVE
    )
    district = models.ForeignKey(
        "federation.Division",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    industry_section = models.ForeignKey(
        "federation.Industry",
        verbose_name=_("industry section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "section"},
        related_name="+",
    )
    industry_division = models.ForeignKey(
        "federation.Industry",
        verbose_name=_("industry division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "division"},
        related_name="+",
    )
    cluster = models.CharField(_("key industry cluster"), max_length=10, choices=Cluster.choices, blank=True)
    scale = models.CharField(_("scale"), max_length=8, choices=Scale.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True, validators=[NonNegativeValidator()])
    revenue_last_year = models.DecimalField(
        _("last year's revenue (yuan)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NonNegativeValidator()],
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True, validators=[validate_contact_phone])
    is_member = models.BooleanField(_("federation member"), default=False)
    member_level = models.CharField(_("member level"), max_length=16, choices=MemberLevel.choices, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separate tags with commas."))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-id"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        permissions = [
            ("import_enterprise", _("Can import enterprises from the registry")),
            ("export_enterprise", _("Can export enterprises")),
        ]
        indexes = [
            models.Index(fields=["district", "registry_status"]),
            models.Index(fields=["industry_section"]),
            models.Index(fields=["cluster"]),
            models.Index(fields=["legal_representative"]),
            # Sortable columns of the list: ordering 250,000 rows must not mean sorting them all.
            models.Index(fields=["name", "id"]),
            models.Index(fields=["registered_capital", "id"]),
            models.Index(fields=["founded_on", "id"]),
            models.Index(fields=["scale"]),
            # The dashboard's census (enterprises.metrics.census) groups the register by these five:
            # an index-only scan of them, not the wide table (80 ms against 450 at 250,000 rows).
            models.Index(
                fields=["district", "cluster", "industry_section", "registry_status", "is_member"],
                name="enterprise_census_idx",
            ),
            # Records added in a period (the "new" figure, the list's created_from/created_to filter).
            models.Index(fields=["created_at"], name="enterprise_created_at_idx"),
            # Policy matching (services.policies.matching.enterprises_q): counting the enterprises a
            # policy applies to is an index-only scan over the five condition fields, not the table.
            models.Index(
                fields=["registry_status", "scale", "entity_type", "cluster", "industry_section", "district"],
                name="enterprise_policy_match_idx",
            ),
        ]
        # On PostgreSQL, migration 0002 adds what Django's indexes cannot say: a pg_trgm index on
        # ``name`` and the ``name_bigrams`` column with its GIN index (see enterprises/search.py).

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.uscc = normalize_uscc(self.uscc) or None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.uscc:
            self.uscc = normalize_uscc(self.uscc)
        elif self.entity_type != EntityType.INDIVIDUAL:
            raise ValidationError(
                {"uscc": _("Only an individual business may be recorded without a unified social credit code.")}
            )
        if self.member_level and not self.is_member:
            raise ValidationError({"member_level": _("A member level is only given to federation members.")})

    @property
    def tags_list(self):
        """Tags as a list (they are stored comma-separated, in either Chinese or Latin commas)."""
        return [t.strip() for t in self.tags.replace("，", ",").replace("、", ",").split(",") if t.strip()]

    @property
    def is_closed(self):
        return self.registry_status != RegistryStatus.ACTIVE
