"""Models of the enterprises app: one module per concern. (Import jobs are the core's
``federation.imports.models.ImportJob``, spec ``enterprises``.)"""

from .enterprise import Enterprise

__all__ = ["Enterprise"]
