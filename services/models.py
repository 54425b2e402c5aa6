"""The services app's models, one module per sub-domain; Django finds them all through this one."""

from .campaigns.models import Campaign, CampaignGoal
from .requests.models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest
from .visits.models import Visit, VisitPhoto

__all__ = [
    "Attachment",
    "Campaign",
    "CampaignGoal",
    "CategoryDeadline",
    "RequestEvent",
    "ServiceRequest",
    "Visit",
    "VisitPhoto",
]
