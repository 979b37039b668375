"""TIME-1/2/4 and CARE-1..4: what comes before and after the rolling itself."""

from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import AfterKind, AfterStep, BeforeStep
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


@lru_cache(maxsize=8192)
def _stretch(k: Knowledge, areas: tuple[str, ...], careful: bool) -> AfterStep:
    """Stretch the areas just rolled; frozen, so each distinct one is built once.

    Plans cover thousands of distinct area lists (2,700 in bench/plan.py), so
    this cache is larger than the others; the rest of the after-care is shared.
    (A 1,024-entry cache of whole after-care kept missing: 14 µs a plan, now <1 µs.)
    """
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


@lru_cache(maxsize=8)
def _after_rest(k: Knowledge, when: When) -> tuple[AfterStep, ...]:
    """Everything after the stretch, which depends only on when the session is."""
    after = k.messages.after
    if when == "pre-run":
        item = after["pre-run-hydrate"]
        return (AfterStep(kind="hydrate", text=item.text, rules=item.rules),)
    kinds: list[AfterKind] = ["hydrate", "refuel", "active-recovery", "sleep"]
    if when != "post-run":
        kinds.remove("refuel")
    return tuple(
        AfterStep(kind=kind, text=after[kind].text, rules=after[kind].rules) for kind in kinds
    )


def after_rolling(
    when: When, k: Knowledge, areas: tuple[str, ...], careful: bool
) -> list[AfterStep]:
    """Stretch the same muscles, drink, refuel, move lightly, sleep; before a run, just drink.

    ``areas`` are the areas rolled, in order; ``careful`` when any step was
    gentle or on a sensitive area.
    """
    if when == "pre-run" or not areas:
        return list(_after_rest(k, when))
    return [_stretch(k, areas, careful), *_after_rest(k, when)]
