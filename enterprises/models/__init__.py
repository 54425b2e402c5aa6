"""Models of the enterprises app: one module per concern."""

from .enterprise import Enterprise

__all__ = ["Enterprise"]
