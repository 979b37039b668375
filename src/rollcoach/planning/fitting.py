"""DOSE-7 and DOSE-8: fit the picked areas, side by side, into the minutes given."""

from dataclasses import dataclass

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.planning.dosing import Dose
from rollcoach.planning.selection import Pick
from rollcoach.vocabulary import Side

STEP_GRAIN = 5  # seconds: steps are whole multiples, easy to read on a timer


@dataclass(frozen=True)
class Ready:
    """A pick with its tool, sides and dose, waiting for time."""

    pick: Pick
    technique: Technique
    sides: tuple[Side, ...]
    dose: Dose


@dataclass(frozen=True)
class Fitted:
    ready: Ready
    seconds: int


def sides_for(k: Knowledge, area: str, technique: Technique) -> tuple[Side, ...]:
    """Left and right as separate steps where the technique is one-sided (DOSE-8)."""
    return ("left", "right") if technique.one_sided and k.areas[area].bilateral else ("both",)


def fit_budget(ready: list[Ready], budget: int) -> tuple[list[Fitted], list[str]]:
    """Greedy in priority order: the full dose if it fits, else as much as fits above the least.

    Returns the fitted areas and the areas left out for lack of time.
    """
    fitted: list[Fitted] = []
    left_out: list[str] = []
    remaining = budget
    for item in ready:
        per_side = min(item.dose.target, remaining // len(item.sides) // STEP_GRAIN * STEP_GRAIN)
        if per_side < item.dose.least:
            left_out.append(item.pick.area)
            continue
        fitted.append(Fitted(item, per_side))
        remaining -= per_side * len(item.sides)
    return fitted, left_out
