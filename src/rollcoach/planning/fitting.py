"""DOSE-7, DOSE-8, TOOL-6: fit the picked areas, side by side, into the minutes given."""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.planning.dosing import Dose, dose_for
from rollcoach.planning.selection import Pick
from rollcoach.safety import InjuryStatus
from rollcoach.vocabulary import Side

STEP_GRAIN = 5  # seconds: steps are whole multiples, easy to read on a timer


class Fitted(NamedTuple):
    """A pick with its tool, open sides, dose and the seconds per side it got.

    A named tuple: immutable, and cheaper to build than a frozen dataclass.
    """

    pick: Pick
    technique: Technique
    sides: tuple[Side, ...]
    dose: Dose
    seconds: int


def sides_for(k: Knowledge, area: str, technique: Technique) -> tuple[Side, ...]:
    """Left and right as separate steps where the technique is one-sided (DOSE-8)."""
    return ("left", "right") if technique.one_sided and k.areas[area].bilateral else ("both",)


def technique_for(k: Knowledge, area: str, owned: frozenset[str]) -> Technique | None:
    """The preferred technique for ``area`` among the tools owned (TOOL-1..6)."""
    return next((t for t in k.techniques[area] if t.tool in owned), None)


Reach = tuple[Technique, tuple[Side, ...]] | None  # technique and sides, or no tool


@lru_cache(maxsize=256)
def _reach(k: Knowledge, owned: frozenset[str]) -> dict[str, Reach]:
    """For every area, how the tools owned reach it; one look-up per pick after this.

    Shared between plans with the same tools: do not change the dict.
    (bench/plan.py: fit_session ~2.5 µs faster than a cached call per pick.)
    """
    table: dict[str, Reach] = {}
    for area in k.techniques:
        technique = technique_for(k, area, owned)
        table[area] = None if technique is None else (technique, sides_for(k, area, technique))
    return table


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
    reach = _reach(k, frozenset(req.tools))
    remaining = int(req.minutes * 60)
    shortest = k.dose.pre_run.min_seconds if req.when == "pre-run" else k.dose.min_seconds
    for pick in picks:
        area = pick.area
        if area in out:
            continue
        reached = reach[area]
        if reached is None:
            fit.no_tool.append(area)
            continue
        technique, sides = reached
        if status.blocked:  # most plans have no acute injury
            sides = status.sides_open(area, sides)
            if not sides:
                continue
        if remaining < shortest * len(sides):  # nothing can fit: skip the dose work
            fit.left_out.append(area)
            continue
        dose = dose_for(req, k, pick, technique, area in status.past)
        per_side = min(dose.target, remaining // len(sides) // STEP_GRAIN * STEP_GRAIN)
        if per_side < dose.least:
            fit.left_out.append(area)
            continue
        fit.fitted.append(Fitted(pick, technique, sides, dose, per_side))
        remaining -= per_side * len(sides)
    return fit
