"""Models of the chambers app (the chamber-of-commerce registry, 一会一档)."""

from .application import JoinApplication
from .chamber import Chamber, ChamberEvent, Membership, validate_social_uscc
from .coverage import KeyArea
from .quality import AnnualInspection, CandidateRules, DormancyCheck, FourGoodRating

__all__ = [
    "AnnualInspection",
    "CandidateRules",
    "Chamber",
    "ChamberEvent",
    "DormancyCheck",
    "FourGoodRating",
    "JoinApplication",
    "KeyArea",
    "Membership",
    "validate_social_uscc",
]
