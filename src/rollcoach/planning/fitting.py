"""DOSE-7, DOSE-8, TOOL-6: fit the picked areas, side by side, into the minutes given."""

from dataclasses import dataclass, field
from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.planning.dosing import Dose, dose_for
from rollcoach.planning.selection import Pick
from rollcoach.safety import InjuryStatus
from rollcoach.vocabulary import Side

STEP_GRAIN = 5  # seconds: steps are whole multiples, easy to read on a timer


@dataclass(frozen=True, slots=True)
class Fitted:
    """A pick with its tool, open sides, dose and the seconds per side it got."""

    pick: Pick
    technique: Technique
    sides: tuple[Side, ...]
    dose: Dose
    seconds: int


def sides_for(k: Knowledge, area: str, technique: Technique) -> tuple[Side, ...]:
    """Left and right as separate steps where the technique is one-sided (DOSE-8)."""
    return ("left", "right") if technique.one_sided and k.areas[area].bilateral else ("both",)


@lru_cache(maxsize=4096)
def technique_for(k: Knowledge, area: str, owned: frozenset[str]) -> Technique | None:
    """The preferred technique for ``area`` among the tools owned (TOOL-1..6)."""
    return next((t for t in k.techniques[area] if t.tool in owned), None)


@dataclass(slots=True)
class Fit:
    """What made it into the session, what time left out, and what no tool reaches."""

    fitted: list[Fitted] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    no_tool: list[str] = field(default_factory=list)


def fit_session(
    req: PlanRequest, k: Knowledge, picks: list[Pick], status: InjuryStatus, out: set[str]
) -> Fit:
    """Greedy in priority order: the full dose if it fits, else as much as fits above the least.

    Areas ruled out (``out``, or no open side) are skipped; areas no owned tool
    reaches are noted for TOOL-6; the rest that find no time are left out.
    """
    fit = Fit()
    owned = frozenset(req.tools)
    remaining = int(req.minutes * 60)
    shortest = k.dose.pre_run.min_seconds if req.when == "pre-run" else k.dose.min_seconds
    for pick in picks:
        if pick.area in out:
            continue
        technique = technique_for(k, pick.area, owned)
        if technique is None:
            fit.no_tool.append(pick.area)
            continue
        sides = status.sides_open(pick.area, sides_for(k, pick.area, technique))
        if not sides:
            continue
        if remaining < shortest * len(sides):  # nothing can fit: skip the dose work
            fit.left_out.append(pick.area)
            continue
        dose = dose_for(req, k, pick, technique, pick.area in status.past)
        per_side = min(dose.target, remaining // len(sides) // STEP_GRAIN * STEP_GRAIN)
        if per_side < dose.least:
            fit.left_out.append(pick.area)
            continue
        fit.fitted.append(Fitted(pick, technique, sides, dose, per_side))
        remaining -= per_side * len(sides)
    return fit
