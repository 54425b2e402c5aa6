"""Models of the services app."""

from .request import Attachment, CategoryDeadline, RequestEvent, ServiceRequest

__all__ = ["Attachment", "CategoryDeadline", "RequestEvent", "ServiceRequest"]
