"""The services app's ledgers (台账): one definition each, used by the list's export, the report
centre ("诉求台账（按期间）") and the monthly report's appendix (``federation.ledgers``)."""

from django.utils.translation import gettext_lazy as _

from federation import masking
from federation.ledgers import Column, Ledger

from . import lights
from .choices import Light
from .filters import ServiceRequestFilterSet
from .models import ServiceRequest


def _assignee(req, context):
    return (req.assignee.get_full_name() or req.assignee.username) if req.assignee else ""


def _light(req, context):
    light = context["thresholds"].light(req.due)
    return str(Light(light).label) if light else ""


class RequestLedger(Ledger):
    """诉求台账: every field a ledger needs, phones and names masked for roles that may not see them."""

    key = "services.requests"
    title = _("Request ledger")
    permission = "services.view_servicerequest"
    date_field = "received_at"
    ordering = ("-received_at", "-id")
    filterset_class = ServiceRequestFilterSet
    columns = (
        Column(_("Tracking code"), "code"),
        Column(_("Received"), "received_at"),
        Column(_("Enterprise"), "enterprise_name"),
        Column(_("Unified social credit code"), "uscc"),
        Column(_("Contact person"), "contact_person", mask=masking.mask_name),
        Column(_("Phone"), "phone", mask=masking.mask_phone),
        Column(_("District / county"), "district"),
        Column(_("Category"), "get_category_display"),
        Column(_("Source"), "get_source_display"),
        Column(_("Title"), "title"),
        Column(_("Description"), "description"),
        Column(_("Status"), "get_status_display"),
        Column(_("Assignee"), _assignee),
        Column(_("Accept by"), "accept_due"),
        Column(_("Accepted"), "accepted_at"),
        Column(_("Resolve by"), "resolve_due"),
        Column(_("Resolved"), "resolved_at"),
        Column(_("Resolved on time"), "resolved_on_time"),
        Column(_("Transferred to"), "transfer_department"),
        Column(_("Resolution"), "resolution"),
        Column(_("Rating"), "get_rating_display"),
        Column(_("Rating comment"), "rating_comment"),
        Column(_("Light"), _light),
    )

    def get_queryset(self):
        return lights.with_due(ServiceRequest.objects.select_related("district", "assignee"))

    def row_context(self, user):
        return {"thresholds": lights.thresholds()}


REQUEST_LEDGER = RequestLedger()
