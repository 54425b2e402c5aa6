"""Campaigns (专项行动) and their goals: 助企暖企春风行动, 大调研大走访大解题大服务, 政策宣传月."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Measure


class Campaign(models.Model):
    """A campaign over a period, with goals counted from the visits, events and requests linked to it."""

    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_campaigns",
    )
    description = models.TextField(_("what the campaign is for"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:campaign_detail", args=[self.pk])

    def elapsed(self, on: datetime.date) -> float:
        """The share of the campaign's days gone by on ``on`` (both ends counted), 0 to 1: the pace
        a goal should have reached by then."""
        from federation.pace import elapsed

        return elapsed(self.starts_on, self.ends_on, on)


class CampaignGoal(models.Model):
    """A number a campaign aims at: "visit 60 enterprises". A goal may be split by staff member or by
    district: a goal with ``staff`` (or ``district``) counts only that person's (that district's) records."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="goals")
    measure = models.CharField(_("measure"), max_length=24, choices=Measure.choices)
    target = models.PositiveIntegerField(_("target"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "measure", "staff", "district"]
        verbose_name = _("campaign goal")
        verbose_name_plural = _("campaign goals")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "measure", "staff", "district"],
                name="one_goal_per_measure_and_split",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(staff__isnull=True) | models.Q(district__isnull=True),
                name="goal_split_by_staff_or_district",
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.get_measure_display()} {self.target}"
