"""Tables of the fair list and of the registrations list."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import JobFair, JobRegistration

WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class JobFairTable(tables.Table):
    held_on = tables.DateColumn(format="Y-m-d", order_by=("held_on", "id"))
    title = tables.Column(linkify=True, order_by=("title", "id"), attrs={"td": {"class": "text-wrap"}})
    venue = tables.Column(orderable=False, attrs=WIDE)
    booths = tables.Column(orderable=False, attrs=WIDE)
    status = tables.Column(orderable=False)

    class Meta:
        model = JobFair
        fields = ["held_on", "title", "venue", "booths", "status"]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "jobfair-table"}
        empty_text = _("No job fair matches.")


class JobRegistrationTable(tables.Table):
    fair = tables.Column(linkify=lambda record: record.fair.get_absolute_url(), orderable=False)
    enterprise_name = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("enterprise_name", "id")
    )
    status = tables.Column(orderable=False)
    n_positions = tables.Column(verbose_name=_("Positions"), orderable=False)
    n_openings = tables.Column(verbose_name=_("Openings"), orderable=False)
    intentions = tables.Column(orderable=False, attrs=WIDE)
    hires = tables.Column(orderable=False, attrs=WIDE)

    class Meta:
        model = JobRegistration
        fields = ["fair", "enterprise_name", "status", "n_positions", "n_openings", "intentions", "hires"]
        attrs = {"class": "table table-sm table-hover align-middle small", "data-testid": "jobregistration-table"}
        empty_text = _("No registration matches.")
