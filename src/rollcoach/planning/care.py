"""TIME-1/2/4 and CARE-1..4: what comes before and after the rolling itself."""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import AfterKind, AfterStep, BeforeStep, Step


def before_rolling(req: PlanRequest, k: Knowledge, long_minutes: float) -> list[BeforeStep]:
    """A cool-down walk (longer after a long run) or a warm-up for a separate session."""
    before = k.messages.before
    if req.when == "separate":
        item = before["separate"]
    elif req.when == "post-run":
        long_run = req.run is not None and (req.run.minutes or 0) > long_minutes
        item = before["long-run" if long_run else "post-run"]
    else:
        return []
    return [BeforeStep(kind=item.kind, minutes=item.minutes, text=item.text, rules=item.rules)]


def _stretch(k: Knowledge, steps: list[Step], careful: bool) -> AfterStep:
    stretch = k.messages.after["stretch"]
    areas = list(dict.fromkeys(step.area for step in steps))
    lines = [stretch.text]
    rules = list(stretch.rules)
    if careful:
        care = k.messages.after["stretch-care"]
        lines.append(care.text)
        rules += care.rules
    details = [f"{k.areas[a].name}: {k.areas[a].stretch}" for a in areas]
    return AfterStep(
        kind="stretch", areas=areas, text=" ".join(lines), rules=rules, details=details
    )


def after_rolling(req: PlanRequest, k: Knowledge, steps: list[Step]) -> list[AfterStep]:
    """Stretch the same muscles, drink, refuel, move lightly, sleep; before a run, just drink."""
    after = k.messages.after
    if req.when == "pre-run":
        item = after["pre-run-hydrate"]
        return [AfterStep(kind="hydrate", text=item.text, rules=item.rules)]
    careful = any(s.sensitive or s.pressure == "gentle" for s in steps)
    items: list[AfterStep] = [_stretch(k, steps, careful)] if steps else []
    kinds: list[AfterKind] = ["hydrate", "refuel", "active-recovery", "sleep"]
    if req.when != "post-run":
        kinds.remove("refuel")
    for kind in kinds:
        items.append(AfterStep(kind=kind, text=after[kind].text, rules=after[kind].rules))
    return items
