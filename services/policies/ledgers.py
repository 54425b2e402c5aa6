"""政策推送名单: a policy's enterprises with their contacts, for the staff who tell them. Through the
core's ledger definition (``federation.ledgers``), so masking and the formula-safe file are the
core's; not registered for the report centre, as it only makes sense for one policy."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from federation import masking
from federation.ledgers import Column, Ledger

from .models import PolicyOutreach


def with_outreach(queryset, policy):
    """Enterprises with the date and channel they were told of ``policy`` (empty: not yet)."""
    told = PolicyOutreach.objects.filter(policy=policy, enterprise=OuterRef("pk"))
    return queryset.annotate(
        informed_on=Subquery(told.values("informed_on")[:1]), informed_channel=Subquery(told.values("channel")[:1])
    )


def _channel(enterprise, context):
    from .choices import Channel

    return str(Channel(enterprise.informed_channel).label) if enterprise.informed_channel else ""


class PolicyTargetLedger(Ledger):
    key = "services.policy_targets"
    title = _("Policy outreach list")
    permission = "services.export_policy_targets"
    district_field = "district"
    ordering = ("name", "id")
    columns = (
        Column(_("Enterprise"), "name"),
        Column(_("Unified social credit code"), "uscc"),
        Column(_("District / county"), "district.name"),
        Column(_("Industry section"), "industry_section.name"),
        Column(_("Key industry cluster"), "get_cluster_display"),
        Column(_("Scale"), "get_scale_display"),
        Column(_("Entity type"), "get_entity_type_display"),
        Column(_("Enterprise address"), "address"),
        Column(_("Contact person"), "contact_person", mask=masking.mask_name),
        Column(_("Contact phone"), "contact_phone", mask=masking.mask_phone),
        Column(_("Informed on"), "informed_on"),
        Column(_("Channel"), _channel),
    )

    def get_queryset(self):
        return Enterprise.objects.select_related("district", "industry_section")


POLICY_TARGET_LEDGER = PolicyTargetLedger()
