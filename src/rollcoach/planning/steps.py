"""Turn a fitted area into steps: sides, cues timed for a guided session, why, rules."""

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import CuePhase, Step, TimedCue
from rollcoach.planning.dosing import Dose
from rollcoach.planning.selection import Pick
from rollcoach.vocabulary import Pressure, Side

WHEN_RULES = {"post-run": "TIME-1", "separate": "TIME-2", "pre-run": "TIME-3"}
ALWAYS = ("DOSE-1", "DOSE-3", "DOSE-6", "SAFE-10")
SWITCH_LEAD = 5


def _timeline(
    technique: Technique,
    seconds: int,
    hold: int,
    pressure: Pressure,
    switching: bool,
    k: Knowledge,
) -> list[TimedCue]:
    """When a guided session shows each cue: set-up, passes, spot, hold, ease, switch."""
    offsets = k.dose.cue_offsets
    passes_at = max(3, round(seconds * offsets.passes))
    setup = f"{technique.setup} {technique.pressure[pressure]}"
    cues: list[tuple[int, CuePhase, str]] = [
        (0, "set-up", setup),
        (passes_at, "passes", technique.passes),
    ]
    if hold:
        hold_at = seconds - hold
        cues.append((max(passes_at + 1, hold_at - 8), "find-spot", technique.find_spot))
        cues.append((hold_at, "hold", technique.hold))
        cues.append((hold_at + hold // 2, "ease", k.messages.step_cues["ease"]))
    else:
        cues.append((round(seconds * offsets.find_spot), "ease", k.messages.step_cues["pre_run"]))
    if switching and technique.switch:
        cues.append((max(seconds - SWITCH_LEAD, cues[-1][0] + 1), "switch", technique.switch))
    return [TimedCue(at=at, phase=phase, text=text) for at, phase, text in cues]


def rule_order(k: Knowledge, rules: list[str]) -> list[str]:
    """Rule IDs once each, in catalogue order, so output is stable."""
    rank = {rule_id: i for i, rule_id in enumerate(k.rules)}
    return sorted(dict.fromkeys(rules), key=lambda r: rank.get(r, len(rank)))


def area_steps(
    req: PlanRequest,
    k: Knowledge,
    pick: Pick,
    technique: Technique,
    dose: Dose,
    seconds: int,
    sides: tuple[Side, ...],
) -> list[Step]:
    """One step per side; the first of two sides ends with a cue to switch."""
    rules = rule_order(
        k, [*pick.rules, *technique.rules, *ALWAYS, *dose.rules, WHEN_RULES[req.when]]
    )
    why = [*pick.why, dose.why]
    steps = []
    for index, side in enumerate(sides):
        timeline = _timeline(
            technique, seconds, dose.hold, dose.pressure, index + 1 < len(sides), k
        )
        steps.append(
            Step(
                order=0,
                area=pick.area,
                side=side,
                tool=technique.tool,
                seconds=seconds,
                pressure=dose.pressure,
                hold_seconds=dose.hold,
                speed_cm_s=k.dose.speed_cm_s,
                cues=[cue.text for cue in timeline],
                why=why,
                rules=rules,
                name=k.areas[pick.area].name,
                tool_name=k.tools[technique.tool].name,
                sensitive=technique.sensitive,
                timeline=timeline,
            )
        )
    return steps
