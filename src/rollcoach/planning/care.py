"""TIME-1..4, CARE-1..4, TOOL-7, TOOL-8: what comes before and after the rolling.

After a run or a separate session, the guided stretches (CARE-1) cover the
muscles just rolled and the needed ones no tool reached (TOOL-7, TOOL-8), never
protected tissue. Before a run there is no static stretching and no refuelling
advice: the session ends with a dynamic warm-up (TIME-3).
"""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import AfterKind, AfterStep, BeforeStep, Stretch
from rollcoach.safety import OTHER_SIDE, Protection
from rollcoach.vocabulary import POSITIONS, Side, When


def before_rolling(req: PlanRequest, k: Knowledge) -> list[BeforeStep]:
    """A cool-down walk (longer after a long run) or a warm-up for a separate session."""
    if req.when == "pre-run":
        return []
    long_run = req.run is not None and (req.run.minutes or 0) > k.week.settings.long_minutes
    key = "separate" if req.when == "separate" else ("long-run" if long_run else "post-run")
    item = k.messages.before[key]
    return [BeforeStep(kind=item.kind, minutes=item.minutes, text=item.text, rules=item.rules)]


def _stretch_sides(k: Knowledge, area: str) -> tuple[Side, ...]:
    return ("left", "right") if k.areas[area].bilateral else ("both",)


def _stretch_rules(k: Knowledge, area: str, rolled: bool) -> tuple[str, ...]:
    """CARE-1, plus TOOL-8 (and the area's own rule) when it is stretched instead of rolled."""
    info = k.areas[area]
    instead = [] if rolled else ["TOOL-8", *info.no_tool_rules]
    return tuple(dict.fromkeys(["CARE-1", *instead, *info.stretch_rules]))


def stretches_for(
    req: PlanRequest,
    k: Knowledge,
    rolled: list[str],
    unreached: list[str],
    guard: Protection,
) -> list[Stretch]:
    """CARE-1: each muscle rolled, then each needed one no tool reached, side by side.

    Grouped by position like the rolling (DOSE-11); none for protected sides.
    """
    if req.when == "pre-run":
        return []
    areas = {area: area in rolled for area in (*rolled, *unreached)}
    order = sorted(areas, key=lambda a: POSITIONS.index(k.areas[a].stretch_position))
    seconds = k.dose.stretch_seconds

    def bears(area: str, side: Side) -> bool:
        """The stretch leans on a site that hurts: kneeling on a knee, standing on the other leg."""
        info = k.areas[area]
        other = OTHER_SIDE[side]
        return guard.hurts(info.stretch_loads, side) or guard.hurts(info.stretch_loads_other, other)

    given = [
        Stretch(
            area=area,
            side=side,
            seconds=seconds,
            text=k.areas[area].stretch,
            rules=_stretch_rules(k, area, areas[area]),
            name=k.areas[area].name,
            position=k.areas[area].stretch_position,
        )
        for area in order
        for side in guard.open_sides(area, _stretch_sides(k, area))
        if not bears(area, side)
    ]
    # One movement that stretches two muscles is given once, under the first (stretch_with).
    done = {(s.area, s.side) for s in given}
    return [s for s in given if (k.areas[s.area].stretch_with, s.side) not in done]


def _after_rest(k: Knowledge, when: When) -> list[AfterStep]:
    """Everything after the stretches; before a run, only the dynamic warm-up (TIME-3)."""
    after = k.messages.after
    if when == "pre-run":
        item = after["pre-run-warm-up"]
        return [AfterStep(kind="warm-up", text=item.text, rules=item.rules)]
    kinds: list[AfterKind] = ["hydrate", "refuel", "active-recovery", "sleep"]
    if when != "post-run":
        kinds.remove("refuel")
    return [AfterStep(kind=kind, text=after[kind].text, rules=after[kind].rules) for kind in kinds]


def after_rolling(
    when: When, k: Knowledge, stretches: list[Stretch], careful: bool
) -> list[AfterStep]:
    """The guided stretches in one line, then drink, refuel, move lightly, sleep.

    ``careful`` when any step was gentle or on a sensitive area (CARE-2).
    """
    rest = _after_rest(k, when)
    if not stretches:
        return rest
    item = k.messages.after["stretch"]
    minutes = (sum(s.seconds for s in stretches) + 30) // 60  # halves round up
    lines = [item.text.format(count=len(stretches), minutes=max(minutes, 1))]
    rules = list(item.rules)
    if careful or any(k.areas[s.area].stretch_rules for s in stretches):
        care = k.messages.after["stretch-care"]
        lines.append(care.text)
        rules += care.rules
    areas = tuple(dict.fromkeys(s.area for s in stretches))
    details = tuple(f"{k.areas[a].name}: {k.areas[a].stretch}" for a in areas)
    stretch = AfterStep(
        kind="stretch", areas=areas, text=" ".join(lines), rules=tuple(rules), details=details
    )
    return [stretch, *rest]
