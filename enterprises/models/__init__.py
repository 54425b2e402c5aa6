"""Models of the enterprises app: one module per concern."""

from .enterprise import Enterprise
from .imports import EnterpriseImport

__all__ = ["Enterprise", "EnterpriseImport"]
