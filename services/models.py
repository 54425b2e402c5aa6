"""The services app's models, one module per sub-domain; Django finds them all through this one."""

from .campaigns.models import Campaign, CampaignGoal
from .events.models import Event, EventAttendance, EventFile, EventSeries
from .jobfairs.models import JobFair, JobPosition, JobRegistration
from .legal.models import Lawyer, LegalConsultation, LegalStation
from .policies.models import Policy, PolicyEvent, PolicyFile, PolicyOutreach
from .requests.models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest
from .visits.models import Visit, VisitPhoto

__all__ = [
    "Attachment",
    "Campaign",
    "CampaignGoal",
    "CategoryDeadline",
    "Event",
    "EventAttendance",
    "EventFile",
    "EventSeries",
    "JobFair",
    "JobPosition",
    "JobRegistration",
    "Lawyer",
    "LegalConsultation",
    "LegalStation",
    "RequestEvent",
    "ServiceRequest",
    "Visit",
    "VisitPhoto",
    "Policy",
    "PolicyEvent",
    "PolicyFile",
    "PolicyOutreach",
]
