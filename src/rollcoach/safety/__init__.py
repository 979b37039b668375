"""The safety screen: who must not roll, and which areas are out today."""

from rollcoach.safety.injuries import InjuryStatus, assess_injuries
from rollcoach.safety.refusals import screen_refusal
from rollcoach.safety.repeated_pain import repeated_pain_sites

__all__ = ["InjuryStatus", "assess_injuries", "repeated_pain_sites", "screen_refusal"]
