"""Figures of the legal service network for a period and district (a station's district):

* ``legal.stations``: stations open now; ``legal.lawyers``: lawyers of the team (serving a station of
  the district, when given);
* ``legal.consultations``: consultations in the period, then one figure per topic
  (``legal.topic.<topic>``) and per channel (``legal.channel.<channel>``);
* ``legal.enterprises``: distinct enterprises (on record) served in the period.

Each count links to the list whose length it is."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.links import list_url
from federation.registry import Figure

from .choices import Channel, StationStatus, Topic
from .filters import served_q
from .models import Lawyer, LegalConsultation, LegalStation


def figures(start, end, district=None) -> list[Figure]:
    from enterprises.models import Enterprise

    pk = getattr(district, "pk", district)
    stations = LegalStation.objects.active()
    lawyers = Lawyer.objects.all()
    consultations = LegalConsultation.objects.filter(date__gte=start, date__lte=end)
    if pk:
        stations = stations.filter(district=pk)
        lawyers = lawyers.filter(
            Exists(LegalStation.lawyers.through.objects.filter(lawyer=OuterRef("pk"), legalstation__district=pk))
        )
        consultations = consultations.filter(station__district=pk)
    counts = consultations.aggregate(
        total=Count("pk"),
        **{f"topic_{t}": Count("pk", filter=Q(topic=t)) for t in Topic.values},
        **{f"channel_{c}": Count("pk", filter=Q(channel=c)) for c in Channel.values},
    )
    period = {"date_from": start.isoformat(), "date_to": end.isoformat(), "district": pk}
    unit = pgettext("unit", "consultations")
    result = [
        Figure(
            "legal.stations",
            _("Legal service stations open"),
            stations.count(),
            pgettext("unit", "stations"),
            list_url("services:legalstation_list", status=StationStatus.ACTIVE, district=pk),
        ),
        Figure(
            "legal.lawyers",
            _("Lawyers of the legal service team"),
            lawyers.count(),
            pgettext("unit", "lawyers"),
            list_url("services:lawyer_list", district=pk),
        ),
        Figure(
            "legal.consultations",
            _("Legal consultations"),
            counts["total"],
            unit,
            list_url("services:legalconsultation_list", **period),
        ),
    ]
    for value, label in Topic.choices:
        result.append(
            Figure(
                f"legal.topic.{value}",
                _("Legal consultations: %(topic)s") % {"topic": label},
                counts[f"topic_{value}"],
                unit,
                list_url("services:legalconsultation_list", topic=value, **period),
            )
        )
    for value, label in Channel.choices:
        result.append(
            Figure(
                f"legal.channel.{value}",
                _("Legal consultations: %(channel)s") % {"channel": label},
                counts[f"channel_{value}"],
                unit,
                list_url("services:legalconsultation_list", channel=value, **period),
            )
        )
    result.append(
        Figure(
            "legal.enterprises",
            _("Enterprises given legal services"),
            Enterprise.objects.filter(served_q(start, end, pk)).count(),
            pgettext("unit", "enterprises"),
            list_url("services:legal_served_enterprises", **period),
        )
    )
    return result
