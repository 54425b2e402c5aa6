"""The services app's models, one module per sub-domain; Django finds them all through this one."""

from .campaigns.models import Campaign, CampaignGoal
from .policies.models import Policy, PolicyEvent, PolicyFile, PolicyOutreach
from .requests.models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest

__all__ = [
    "Attachment",
    "Campaign",
    "CampaignGoal",
    "CategoryDeadline",
    "Policy",
    "PolicyEvent",
    "PolicyFile",
    "PolicyOutreach",
    "RequestEvent",
    "ServiceRequest",
]
