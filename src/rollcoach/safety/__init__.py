"""The safety screen: who must not roll, and which muscles are protected today."""

from rollcoach.safety.protection import OTHER_SIDE, Guard, Protection, protection_for
from rollcoach.safety.refusals import screen_refusal
from rollcoach.safety.repeated_pain import repeated_pain_sites

__all__ = [
    "OTHER_SIDE",
    "Guard",
    "Protection",
    "protection_for",
    "repeated_pain_sites",
    "screen_refusal",
]
