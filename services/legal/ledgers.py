"""法律服务台账: the consultations ledger's one definition (the list's export, the report centre, the
monthly appendix). A consultation's district is its station's."""

from django.utils.translation import gettext_lazy as _

from federation.ledgers import Column, Ledger

from .filters import LegalConsultationFilterSet
from .models import LegalConsultation


def _findings(consultation, context):
    return "\n".join(consultation.finding_list())


def _request(consultation, context):
    return consultation.request.code if consultation.request_id else ""


class LegalLedger(Ledger):
    key = "services.legal"
    title = _("Legal service ledger")
    permission = "services.view_legalconsultation"
    date_field = "date"
    district_field = "station__district"
    ordering = ("-date", "-id")
    filterset_class = LegalConsultationFilterSet
    columns = (
        Column(_("consultation date"), "date"),
        Column(_("enterprise name"), "enterprise_name"),
        Column(_("Unified social credit code"), "enterprise.uscc"),
        Column(_("consultation kind"), "get_kind_display"),
        Column(_("legal topic"), "get_topic_display"),
        Column(_("consultation channel"), "get_channel_display"),
        Column(_("station"), "station.name"),
        Column(_("District / county"), "station.district"),
        Column(_("lawyer"), "lawyer.name"),
        Column(_("law firm"), "lawyer.law_firm"),
        Column(_("question"), "question"),
        Column(_("findings"), _findings),
        Column(_("advice given"), "advice"),
        Column(_("outcome"), "outcome"),
        Column(_("follow up by"), "follow_up_on"),
        Column(_("followed up on"), "followed_up_on"),
        Column(_("Request"), _request),
    )

    def get_queryset(self):
        return LegalConsultation.objects.select_related("enterprise", "station__district", "lawyer", "request")


LEGAL_LEDGER = LegalLedger()
