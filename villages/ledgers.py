"""百企兴百村统计表: the programme's statistics table in the layout offices report upward — one row
per project, with its district, township, village (重点村 or not), partners, pairing batch and form,
and the project's figures to date (money in 万元, as the table is filed). The one definition behind
the project list's export, the report centre and the monthly appendix. A row's period is its
project's start; its district the village's."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from federation.ledgers import Column, Ledger

from .filters import PairingProjectFilterSet
from .models import PairingProject
from .programme import with_figures

TEN_THOUSAND = Decimal(10000)


def _wan(field):
    def read(project, context):
        value = getattr(project, field)
        return None if value is None else (value / TEN_THOUSAND).quantize(Decimal("0.01"))

    return read


def _partners(project, context):
    pairing = project.pairing
    return "、".join([e.name for e in pairing.enterprises.all()] + [c.name for c in pairing.chambers.all()])


def _codes(project, context):
    return "、".join(e.uscc or "" for e in project.pairing.enterprises.all())


def _yes(value):
    return "是" if value else "否"


class StatisticsLedger(Ledger):
    key = "villages.statistics"
    title = _("Village pairing statistics table")
    permission = "villages.view_pairingproject"
    date_field = "start_date"
    district_field = "village__township__parent"
    ordering = ("village__township__parent__code", "village__township__code", "village__name", "pk")
    filterset_class = PairingProjectFilterSet
    columns = (
        Column(_("District / county"), "village.township.parent.name"),
        Column(_("township"), "village.township.name"),
        Column(_("village"), "village.name"),
        Column(_("key village"), lambda p, c: _yes(p.village.is_key)),
        Column(_("paired enterprises / chambers"), _partners),
        Column(_("Unified social credit code"), _codes),
        Column(_("batch"), "pairing.batch"),
        Column(_("pairing form"), "pairing.get_form_display"),
        Column(_("start year"), "pairing.start_year"),
        Column(_("pairing status"), "pairing.get_status_display"),
        Column(_("project name"), "name"),
        Column(_("project type"), "get_project_type_display"),
        Column(_("planned investment (10,000 yuan)"), _wan("planned_investment")),
        Column(_("investment to date (10,000 yuan)"), _wan("investment")),
        Column(_("jobs created"), "jobs_to_date"),
        Column(_("income increase to date (10,000 yuan)"), _wan("income")),
        Column(_("households benefiting"), "households_benefiting"),
        Column(_("project start"), "start_date"),
        Column(_("project end"), "end_date"),
        Column(_("project status"), "get_status_display"),
        Column(_("typical project"), lambda p, c: _yes(p.is_typical)),
    )

    def get_queryset(self):
        rows = PairingProject.objects.select_related("village__township__parent", "pairing").prefetch_related(
            "pairing__enterprises", "pairing__chambers"
        )
        return with_figures(rows, None)


STATS_LEDGER = StatisticsLedger()
