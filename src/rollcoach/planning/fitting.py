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
from rollcoach.planning.selection import FILLER, NEED, Pick
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
    leans: list[tuple[str, list[str]]] = field(default_factory=list)  # area, hurt sites it needs


def sides_for(k: Knowledge, area: str, technique: Technique) -> tuple[Side, ...]:
    """Left and right as separate steps where the technique is one-sided (DOSE-8)."""
    return ("left", "right") if technique.one_sided and k.areas[area].bilateral else ("both",)


def technique_for(
    k: Knowledge, area: str, owned: set[str], used: set[tuple[Position, str]], guard: Protection
) -> Technique | None:
    """The preferred owned technique that leans on nothing hurt; one in a place already
    planned wins (DOSE-11)."""
    usable = [t for t in k.techniques[area] if t.tool in owned and not guard.hurts(t.loads, "both")]
    return next((t for t in usable if place_of(t) in used), usable[0] if usable else None)


def place_of(technique: Technique) -> tuple[Position, str]:
    """Where the body is: the position, and whether on the floor, a chair or at a wall."""
    return technique.position, technique.surface


def arrange(k: Knowledge, placed: list[Placed]) -> list[Slot]:
    """DOSE-11: group by position, then floor, chair or wall (first needed first), each
    muscle's sides together."""
    first = list(dict.fromkeys(place_of(p.technique) for p in placed))
    positions = list(dict.fromkeys(position for position, _ in first))
    places = sorted(first, key=lambda place: positions.index(place[0]))
    setup = k.dose.setup
    slots: list[Slot] = []
    for place in places:
        for p in (p for p in placed if place_of(p.technique) == place):
            for index in range(len(p.sides)):
                if index:
                    pause = setup.side
                elif not slots:
                    pause = setup.first
                elif place_of(slots[-1].placed.technique) != place:
                    pause = setup.position
                else:
                    pause = setup.move
                slots.append(Slot(p, index, pause, index + 1 == len(p.sides)))
    return slots


def session_cost(k: Knowledge, placed: list[Placed]) -> int:
    """Seconds on the floor: rolling plus every set-up pause ``arrange`` will put in.

    Counted, not arranged: one first set-up, one per further position, one per
    further muscle in a position, one per second side (the same sum as arranging,
    which tests/planning/test_floor_rules.py checks; this runs for every candidate).
    """
    if not placed:
        return 0
    setup = k.dose.setup
    positions = len({place_of(p.technique) for p in placed})
    sides = sum(len(p.sides) for p in placed)
    pauses = (
        setup.first
        + (positions - 1) * setup.position
        + (len(placed) - positions) * setup.move
        + (sides - len(placed)) * setup.side
    )
    return pauses + sum(sum(p.seconds) for p in placed)


def _short(p: Placed) -> list[int]:
    """The sides of a placed muscle still under their target."""
    return [i for i, dose in enumerate(p.doses) if p.seconds[i] < dose.target]


def _lengthen(k: Knowledge, placed: list[Placed], budget: int) -> None:
    """DOSE-10: the most needed tier first; within a tier, rounds of an even share per
    side, a muscle's sides in step, until the targets or the minutes run out."""
    spare = budget - session_cost(k, placed)
    for tier in sorted({p.pick.tier for p in placed}):
        growing = [p for p in placed if p.pick.tier == tier]
        grown = True
        while grown:
            growing = [p for p in growing if _short(p)]
            sides = sum(len(_short(p)) for p in growing)
            share = max(STEP_GRAIN, spare // sides // STEP_GRAIN * STEP_GRAIN) if sides else 0
            grown = False
            for p in growing:
                short = _short(p)
                affordable = spare // len(short) // STEP_GRAIN * STEP_GRAIN
                add = min(share, affordable, *(p.doses[i].target - p.seconds[i] for i in short))
                if add >= STEP_GRAIN:
                    for i in short:
                        p.seconds[i] += add
                    spare -= add * len(short)
                    grown = True


def _candidate(
    req: PlanRequest,
    k: Knowledge,
    pick: Pick,
    technique: Technique,
    sides: tuple[Side, ...],
    guard: Protection,
) -> Placed:
    """At its least; with anything protected, no firm pressure that loads a leg on top."""
    past = pick.area in guard.gentle
    doses = tuple(
        dose_for(req, k, pick, technique, side, past, bool(guard.guards)) for side in sides
    )
    return Placed(pick, technique, sides, doses, [d.least for d in doses])


def fit_session(
    req: PlanRequest, k: Knowledge, picks: list[Pick], guard: Protection, out: set[str]
) -> Fit:
    """The session's muscles, sides and seconds, within ``req.minutes``."""
    fit = Fit()
    budget = int(req.minutes * 60)
    owned: set[str] = set(req.tools)
    stopped = False  # a needed or core muscle found no room: nothing less needed comes in
    by_tier: dict[int, list[Pick]] = {}
    for pick in picks:
        if pick.area not in out:
            by_tier.setdefault(pick.tier, []).append(pick)
    for tier in sorted(by_tier):
        for pick in by_tier[tier]:
            used = {place_of(p.technique) for p in fit.placed}
            technique = technique_for(k, pick.area, owned, used, guard)
            sides = guard.open_sides(pick.area, ("left", "right", "both"))
            if technique is None:
                ways = [t for t in k.techniques[pick.area] if t.tool in owned]
                if sides and ways:
                    fit.leans.append((pick.area, guard.hurt_sites(ways[0].loads)))
                elif sides:
                    fit.no_tool.append(pick.area)
                continue
            sides = guard.open_sides(pick.area, sides_for(k, pick.area, technique))
            if not sides:
                continue
            candidate = _candidate(req, k, pick, technique, sides, guard)
            allowed = tier <= NEED or not stopped
            if allowed and session_cost(k, [*fit.placed, candidate]) <= budget:
                fit.placed.append(candidate)
            elif tier < FILLER:  # filler left out goes without saying
                fit.left_out.append(pick.area)
                stopped = True
        _lengthen(k, fit.placed, budget)
    return fit
