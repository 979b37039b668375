"""Turn the arranged slots into steps: set-up pause, cues on the step's clock, why, rules.

The cue timeline follows DOSE-9's clock: the set-up cue, then slow passes for
at least one full pass each way, then the hunt for a tender spot, the hold, the
ease, and, on the first of two sides, the switch.
"""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import CuePhase, Step, TimedCue
from rollcoach.planning.dosing import Dose
from rollcoach.planning.fitting import Slot
from rollcoach.vocabulary import When

WHEN_RULES = {"post-run": "TIME-1", "separate": "TIME-2", "pre-run": "TIME-3"}
ALWAYS = ("DOSE-1", "DOSE-3", "DOSE-6", "DOSE-10", "DOSE-11", "SAFE-10")
SWITCH_LEAD = 3  # seconds before the end of a first side: "next, the other side"


def _timeline(k: Knowledge, slot: Slot, dose: Dose, when: When) -> tuple[TimedCue, ...]:
    """When a guided session shows each cue, on the step's own clock (set-up excluded)."""
    technique, seconds = slot.placed.technique, slot.seconds
    lead_in = k.dose.lead_in_seconds
    cues: list[tuple[int, CuePhase, str]] = [
        (0, "set-up", f"{technique.setup} {technique.pressure[dose.pressure]}"),
        (lead_in, "passes", technique.passes),
    ]
    if when == "pre-run":
        cues.append((max(lead_in + 1, seconds // 2), "ease", k.messages.step_cues["pre_run"]))
    else:
        hold_at = seconds - dose.hold
        cues.append((hold_at - k.dose.hunt_seconds, "find-spot", technique.find_spot))
        cues.append((hold_at, "hold", technique.hold))
        cues.append((hold_at + dose.hold // 2, "ease", k.messages.step_cues["ease"]))
    if not slot.last_side and technique.switch:
        cues.append((max(seconds - SWITCH_LEAD, cues[-1][0] + 1), "switch", technique.switch))
    return tuple(TimedCue(at=at, phase=phase, text=text) for at, phase, text in cues)


def rule_order(k: Knowledge, rules: list[str]) -> list[str]:
    """Rule IDs once each, in catalogue order, so output is stable."""
    return sorted(set(rules), key=k.rule_rank.__getitem__)


def _setup_text(slot: Slot) -> str:
    """What to do in the pause before the clock starts: get set, or change sides."""
    technique = slot.placed.technique
    if slot.index and technique.switch:
        return technique.switch
    return technique.setup


def _why(req: PlanRequest, k: Knowledge, slot: Slot) -> tuple[str, ...]:
    """The pick's reasons, with a sore muscle's level quoted for this side (FOCUS-2)."""
    pick, dose = slot.placed.pick, slot.placed.doses[slot.index]
    if pick.kind not in ("sore", "very-sore"):
        return (*pick.why, dose.why)
    level = req.soreness_at(pick.area, slot.side)
    first = (
        k.focus.sore_why.format(level=level)
        if level >= k.dose.sore_from
        else k.focus.other_side_why
    )
    return (first, *pick.why[1:], dose.why)


def build_step(req: PlanRequest, k: Knowledge, slot: Slot, order: int) -> Step:
    """One side of one muscle, ready for the floor."""
    when = req.when
    placed = slot.placed
    pick, technique, dose = placed.pick, placed.technique, placed.doses[slot.index]
    rules = [*pick.rules, *technique.rules, *ALWAYS, *dose.rules, WHEN_RULES[when]]
    timeline = _timeline(k, slot, dose, when)
    return Step(
        order=order,
        area=pick.area,
        side=slot.side,
        tool=technique.tool,
        seconds=slot.seconds,
        pressure=dose.pressure,
        hold_seconds=dose.hold,
        speed_cm_s=k.dose.speed_cm_s,
        cues=tuple(cue.text for cue in timeline),
        why=_why(req, k, slot),
        rules=tuple(rule_order(k, rules)),
        name=k.areas[pick.area].name,
        tool_name=k.tools[technique.tool].name,
        sensitive=technique.sensitive,
        timeline=timeline,
        position=technique.position,
        setup_seconds=slot.setup_seconds,
        setup=_setup_text(slot),
    )


def build_steps(req: PlanRequest, k: Knowledge, slots: list[Slot]) -> list[Step]:
    return [build_step(req, k, slot, order) for order, slot in enumerate(slots, start=1)]
