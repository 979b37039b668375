"""DOSE-7..11, TOOL-6: fit the most needed muscles into the minutes, then give them time.

Tier by tier (selection.TIER), each muscle comes in at its least (DOSE-9) if the
session, set-up pauses included (DOSE-11), still fits the minutes; then the
muscles in so far are lengthened toward their targets (DOSE-10) before the next
tier may add more. Once a needed muscle finds no room, no core or filler muscle
takes its place.
"""

from dataclasses import dataclass, field

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.planning.dosing import STEP_GRAIN, Dose, dose_for
from rollcoach.planning.selection import FILLER, NEED, TIER, Pick
from rollcoach.safety import Protection
from rollcoach.vocabulary import Position, Side


@dataclass(slots=True)
class Placed:
    """A muscle in the session: its technique, open sides, a dose and seconds per side."""

    pick: Pick
    technique: Technique
    sides: tuple[Side, ...]
    doses: tuple[Dose, ...]
    seconds: list[int]


@dataclass(frozen=True, slots=True)
class Slot:
    """One side of one placed muscle, in floor order, with the set-up before it."""

    placed: Placed
    index: int  # which of the placed muscle's sides
    setup_seconds: int
    last_side: bool

    @property
    def side(self) -> Side:
        return self.placed.sides[self.index]

    @property
    def seconds(self) -> int:
        return self.placed.seconds[self.index]


@dataclass(slots=True)
class Fit:
    """What made it into the session, what time left out, and what no tool reaches."""

    placed: list[Placed] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    no_tool: list[str] = field(default_factory=list)


def sides_for(k: Knowledge, area: str, technique: Technique) -> tuple[Side, ...]:
    """Left and right as separate steps where the technique is one-sided (DOSE-8)."""
    return ("left", "right") if technique.one_sided and k.areas[area].bilateral else ("both",)


def technique_for(
    k: Knowledge, area: str, owned: set[str], used: set[Position]
) -> Technique | None:
    """The preferred owned technique; one in a position already planned wins (DOSE-11)."""
    usable = [t for t in k.techniques[area] if t.tool in owned]
    return next((t for t in usable if t.position in used), usable[0] if usable else None)


def arrange(k: Knowledge, placed: list[Placed]) -> list[Slot]:
    """DOSE-11: group by position (first needed first), each muscle's sides together."""
    positions = list(dict.fromkeys(p.technique.position for p in placed))
    setup = k.dose.setup
    slots: list[Slot] = []
    for position in positions:
        for p in (p for p in placed if p.technique.position == position):
            for index in range(len(p.sides)):
                if index:
                    pause = setup.side
                elif not slots:
                    pause = setup.first
                elif slots[-1].placed.technique.position != position:
                    pause = setup.position
                else:
                    pause = setup.move
                slots.append(Slot(p, index, pause, index + 1 == len(p.sides)))
    return slots


def session_cost(k: Knowledge, placed: list[Placed]) -> int:
    """Seconds on the floor: rolling plus every set-up pause."""
    return sum(s.seconds + s.setup_seconds for s in arrange(k, placed))


def _lengthen(k: Knowledge, placed: list[Placed], budget: int) -> None:
    """DOSE-10: the most needed tier first; within a tier, turn about, both sides in step."""
    spare = budget - session_cost(k, placed)
    for tier in sorted({p.pick.tier for p in placed}):
        growing = [p for p in placed if p.pick.tier == tier]
        while growing and spare >= STEP_GRAIN:
            still = []
            for p in growing:
                for i, dose in enumerate(p.doses):
                    if p.seconds[i] < dose.target and spare >= STEP_GRAIN:
                        p.seconds[i] += STEP_GRAIN
                        spare -= STEP_GRAIN
                if any(p.seconds[i] < d.target for i, d in enumerate(p.doses)):
                    still.append(p)
            if len(still) == len(growing) and spare < STEP_GRAIN:
                break
            growing = still


def _candidate(
    req: PlanRequest,
    k: Knowledge,
    pick: Pick,
    technique: Technique,
    sides: tuple[Side, ...],
    gentle: set[str],
) -> Placed:
    doses = tuple(dose_for(req, k, pick, technique, side, pick.area in gentle) for side in sides)
    return Placed(pick, technique, sides, doses, [d.least for d in doses])


def fit_session(
    req: PlanRequest, k: Knowledge, picks: list[Pick], guard: Protection, out: set[str]
) -> Fit:
    """The session's muscles, sides and seconds, within ``req.minutes``."""
    fit = Fit()
    budget = int(req.minutes * 60)
    owned: set[str] = set(req.tools)
    stopped = False  # a needed or core muscle found no room: nothing less needed comes in
    for tier in sorted(set(TIER.values())):
        for pick in (p for p in picks if p.tier == tier and p.area not in out):
            used = {p.technique.position for p in fit.placed}
            technique = technique_for(k, pick.area, owned, used)
            sides = guard.open_sides(pick.area, ("left", "right", "both"))
            if technique is None:
                if sides:
                    fit.no_tool.append(pick.area)
                continue
            sides = guard.open_sides(pick.area, sides_for(k, pick.area, technique))
            if not sides:
                continue
            candidate = _candidate(req, k, pick, technique, sides, guard.gentle)
            allowed = tier <= NEED or not stopped
            if allowed and session_cost(k, [*fit.placed, candidate]) <= budget:
                fit.placed.append(candidate)
            elif tier < FILLER:  # filler left out goes without saying
                fit.left_out.append(pick.area)
                stopped = True
        _lengthen(k, fit.placed, budget)
    return fit
