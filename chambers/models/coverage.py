"""Key areas (重点区域) the federation wants every one covered by an active chamber."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enterprises.choices import Cluster

from ..choices import KeyAreaKind


class KeyArea(models.Model):
    """A key business district (商圈), park (园区), subdistrict (街道, from the reference divisions) or
    key industry (one of the clusters), and the chambers that cover it. It is covered while at least
    one of them is active; an area covered by two chambers counts once."""

    kind = models.CharField(_("kind"), max_length=20, choices=KeyAreaKind.choices)
    name = models.CharField(_("name"), max_length=100)
    division = models.ForeignKey(
        "federation.Division",
        verbose_name=_("subdistrict / township"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "federation.Division",
        verbose_name=_("district / county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": "county"},
        related_name="+",
    )
    cluster = models.CharField(_("industry cluster"), max_length=20, choices=Cluster.choices, blank=True)
    chambers = models.ManyToManyField(
        "chambers.Chamber", verbose_name=_("covering chambers"), blank=True, related_name="key_areas"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="one_key_area_per_kind_and_name")]
        verbose_name = _("key area")
        verbose_name_plural = _("key areas")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"

    def get_absolute_url(self):
        return reverse("chambers:coverage") + f"#area-{self.pk}"
