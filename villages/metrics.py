"""Figures of the village pairing programme for a period and district (the village's district), all
counted by ``villages.programme`` without double-counting:

* ``villages.enterprises``, ``villages.townships``, ``villages.villages``,
  ``villages.key_villages_paired``: distinct counts of the pairings in the period, each linking to the
  list whose length it is; ``villages.new_pairings``: pairings that started in the period;
* ``villages.investment``, ``villages.income_increase`` (元, Decimal) and ``villages.jobs`` (a sum,
  typed Decimal like every sum that is not a row count): cumulative to the period's end;
* ``villages.reporting_rate``: quarterly reports filed on time of those due in the period."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure, percentage

from . import programme, reporting


def figures(start, end, district=None) -> list[Figure]:
    scope = programme.Scope.of(start, end, district)
    pk = scope.district
    period = {"date_from": start.isoformat(), "date_to": end.isoformat(), "district": pk}
    sums = programme.money(scope)
    slots = reporting.slots(start, end, pk)
    on_time, due = reporting.rate(slots)
    rate_query = {"date_from": start.isoformat(), "date_to": end.isoformat(), "district": pk}
    return [
        Figure(
            "villages.enterprises",
            _("Village pairing: enterprises involved"),
            programme.enterprises(scope).count(),
            pgettext("unit", "enterprises"),
            list_url("villages:paired_enterprises", **period),
        ),
        Figure(
            "villages.townships",
            _("Village pairing: townships"),
            programme.townships(scope).count(),
            pgettext("unit", "townships"),
            list_url("villages:township_list", paired="1", **period),
        ),
        Figure(
            "villages.villages",
            _("Village pairing: villages paired"),
            programme.villages(scope).count(),
            pgettext("unit", "villages"),
            list_url("villages:village_list", paired="1", **period),
        ),
        Figure(
            "villages.key_villages_paired",
            _("Village pairing: key villages paired"),
            programme.villages(scope, key_only=True).count(),
            pgettext("unit", "villages"),
            list_url("villages:village_list", paired="1", is_key="true", **period),
        ),
        Figure(
            "villages.new_pairings",
            _("Village pairing: new pairings"),
            programme.new_pairings(scope).count(),
            pgettext("unit", "pairings"),
            list_url("villages:pairing_list", started_from=start.isoformat(), started_to=end.isoformat(), district=pk),
        ),
        Figure(
            "villages.investment",
            _("Village pairing: investment to date"),
            sums["investment"],
            pgettext("unit", "yuan"),
            list_url("villages:pairingproject_list", **period),
        ),
        Figure(
            "villages.jobs",
            _("Village pairing: jobs created to date"),
            Decimal(sums["jobs"]),
            pgettext("unit", "jobs"),
            list_url("villages:pairingproject_list", **period),
        ),
        Figure(
            "villages.income_increase",
            _("Village pairing: villagers' income increase to date"),
            sums["income_increase"],
            pgettext("unit", "yuan"),
            list_url("villages:pairingproject_list", **period),
        ),
        Figure(
            "villages.reporting_rate",
            _("Village pairing: quarterly reports on time"),
            percentage(on_time, due),
            "%",
            numerator=on_time,
            numerator_url=list_url("villages:progressreport_list", on_time="1", **rate_query),
            denominator=due,
            denominator_url=list_url("villages:progressreport_list", **rate_query),
        ),
    ]
