"""The stable IDs of the public contract (spec/interface.md).

They are the keys the knowledge files attach facts to; the loader checks that
the data covers exactly these IDs, so a typo in either place fails at load.
"""

from collections.abc import Iterable
from difflib import get_close_matches
from typing import Literal, get_args

TargetArea = Literal[
    "calves",
    "shins",
    "feet",
    "hamstrings",
    "quadriceps",
    "vastus-lateralis",
    "adductors",
    "glutes",
    "piriformis",
    "tfl",
    "hip-flexors",
    "upper-back",
    "lats",
]
NeverArea = Literal[
    "it-band", "spine", "lower-back", "neck", "abdomen", "knee", "ankle", "hip-bone"
]
PainSite = Literal[
    "hip",
    "calves",
    "shins",
    "feet",
    "hamstrings",
    "quadriceps",
    "vastus-lateralis",
    "adductors",
    "glutes",
    "piriformis",
    "tfl",
    "hip-flexors",
    "upper-back",
    "lats",
    "it-band",
    "spine",
    "lower-back",
    "neck",
    "abdomen",
    "knee",
    "ankle",
    "hip-bone",
]
Tool = Literal[
    "foam-roller", "massage-ball", "massage-stick", "peanut-ball", "hip-release-ball", "hip-hook"
]
Condition = Literal[
    "blood-thinners", "blood-disorder", "neuropathy", "osteoporosis", "bone-stress-suspected"
]
Symptom = Literal["numbness", "tingling", "sharp-pain", "radiating-pain"]
InjurySign = Literal["redness", "swelling"]
When = Literal["post-run", "pre-run", "separate"]
RunType = Literal["easy", "long", "tempo", "intervals", "hills", "trail", "race"]
Side = Literal["left", "right", "both"]
Pressure = Literal["gentle", "moderate", "firm"]
Level = Literal["beginner", "intermediate", "advanced"]
DayKind = Literal["rest", "light", "run"]
# DOSE-11: how the body lies or stands for a technique or a stretch.
Position = Literal["seated", "face-down", "side-lying", "on-back", "standing", "kneeling"]

TARGET_AREAS: tuple[str, ...] = get_args(TargetArea)
NEVER_AREAS: tuple[str, ...] = get_args(NeverArea)
PAIN_SITES: tuple[str, ...] = get_args(PainSite)
TOOLS: tuple[str, ...] = get_args(Tool)
CONDITIONS: tuple[str, ...] = get_args(Condition)
SYMPTOMS: tuple[str, ...] = get_args(Symptom)
RUN_TYPES: tuple[str, ...] = get_args(RunType)
PRESSURES: tuple[str, ...] = get_args(Pressure)
LEVELS: tuple[str, ...] = get_args(Level)
POSITIONS: tuple[str, ...] = get_args(Position)


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The valid ID a mistyped ``value`` most likely meant, or ``None`` when none is close.

    Spaces and underscores count as hyphens ("foam roller"), a unique prefix wins
    ("quad"), and otherwise difflib's closest match ("calf" -> "calves").
    """
    options = list(choices)
    typed = "-".join(value.strip().lower().replace("_", " ").split())
    if typed in options:
        return typed
    starts = [c for c in options if len(typed) >= 3 and c.startswith(typed)]
    if len(starts) == 1:
        return starts[0]
    close = get_close_matches(typed, options, n=1, cutoff=0.6)
    return close[0] if close else None
