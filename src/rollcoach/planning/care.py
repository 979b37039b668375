"""TIME-1/2/4 and CARE-1..4: what comes before and after the rolling itself."""

from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import AfterKind, AfterStep, BeforeStep, Step
from rollcoach.vocabulary import When


@lru_cache(maxsize=16)
def _before(k: Knowledge, when: When, long_run: bool) -> tuple[BeforeStep, ...]:
    if when == "pre-run":
        return ()
    key = "separate" if when == "separate" else ("long-run" if long_run else "post-run")
    item = k.messages.before[key]
    return (BeforeStep(kind=item.kind, minutes=item.minutes, text=item.text, rules=item.rules),)


def before_rolling(req: PlanRequest, k: Knowledge, long_minutes: float) -> list[BeforeStep]:
    """A cool-down walk (longer after a long run) or a warm-up for a separate session."""
    long_run = req.run is not None and (req.run.minutes or 0) > long_minutes
    return list(_before(k, req.when, long_run))


def _stretch(k: Knowledge, areas: tuple[str, ...], careful: bool) -> AfterStep:
    stretch = k.messages.after["stretch"]
    lines = [stretch.text]
    rules = list(stretch.rules)
    if careful:
        care = k.messages.after["stretch-care"]
        lines.append(care.text)
        rules += care.rules
    details = tuple(f"{k.areas[a].name}: {k.areas[a].stretch}" for a in areas)
    return AfterStep(
        kind="stretch", areas=areas, text=" ".join(lines), rules=tuple(rules), details=details
    )


# The after-care of a session depends only on these few facts; each answer is
# built once and shared (the items are frozen).
@lru_cache(maxsize=1024)
def _after(
    k: Knowledge, when: When, areas: tuple[str, ...], careful: bool
) -> tuple[AfterStep, ...]:
    after = k.messages.after
    if when == "pre-run":
        item = after["pre-run-hydrate"]
        return (AfterStep(kind="hydrate", text=item.text, rules=item.rules),)
    items: list[AfterStep] = [_stretch(k, areas, careful)] if areas else []
    kinds: list[AfterKind] = ["hydrate", "refuel", "active-recovery", "sleep"]
    if when != "post-run":
        kinds.remove("refuel")
    items += [
        AfterStep(kind=kind, text=after[kind].text, rules=after[kind].rules) for kind in kinds
    ]
    return tuple(items)


def after_rolling(req: PlanRequest, k: Knowledge, steps: list[Step]) -> list[AfterStep]:
    """Stretch the same muscles, drink, refuel, move lightly, sleep; before a run, just drink."""
    areas = tuple(dict.fromkeys(step.area for step in steps))
    careful = any(s.sensitive or s.pressure == "gentle" for s in steps)
    return list(_after(k, req.when, areas, careful))
