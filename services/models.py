"""The services app's models, one module per sub-domain; Django finds them all through this one."""

from .requests.models import Attachment, CategoryDeadline, RequestEvent, ServiceRequest

__all__ = ["Attachment", "CategoryDeadline", "RequestEvent", "ServiceRequest"]
