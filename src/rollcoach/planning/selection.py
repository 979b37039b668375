"""FOCUS-1..6, AREA-1..5, DOSE-10: which muscles a session could cover, most needed first.

Muscles come in tiers of need (DOSE-10): sore, then asked for, then brought in by
a rule (the kinetic chain, the run just done), then the core set, then filler.
A muscle picked twice keeps its first place and gathers the later reasons.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import PickKind
from rollcoach.knowledge.schema import RunTrigger
from rollcoach.models.plan_request import PlanRequest, RunDone
from rollcoach.models.plan_response import Exclusion
from rollcoach.planning.words import lower_name

# DOSE-10's order of need; filler (extras) comes last and never instead of need.
TIER: dict[PickKind, int] = {
    "very-sore": 0,
    "sore": 0,
    "asked": 1,
    "chain": 2,
    "run": 2,
    "core": 3,
    "extra": 4,
}
FILLER = TIER["extra"]
NEED = TIER["chain"]  # tiers up to here have soreness, a request or a rule behind them


class Pick(NamedTuple):
    """A muscle chosen for the session, why, and which dose it aims for."""

    area: str
    kind: PickKind
    why: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def tier(self) -> int:
        return TIER[self.kind]


@dataclass(slots=True)
class Selection:
    picks: list[Pick]
    excluded: list[Exclusion]


def sore_sites(req: PlanRequest, k: Knowledge) -> list[tuple[str, int]]:
    """Sites at or above the soreness line (worse side), worst first, ties in input order."""
    sore = [(site, n.worst) for site, n in req.soreness.items() if n.worst >= k.dose.sore_from]
    return sorted(sore, key=lambda item: -item[1])


def never_exclusion(k: Knowledge, area: str) -> Exclusion:
    """AREA-1..5: a never-rolled area is listed with why and what to roll instead."""
    info = k.never_areas[area]
    return Exclusion(
        area=area,
        reason=k.messages.exclusions["never"].format(why=info.why),
        rules=(info.rule,),
        instead=tuple(info.instead),
    )


def _sore(k: Knowledge, sore: list[tuple[str, int]]) -> Iterator[Pick]:
    """FOCUS-2: sore muscles first; pain is never counted here (SAFE-12)."""
    for site, level in sore:
        if site in k.areas:
            kind: PickKind = "very-sore" if level >= k.dose.very_sore_from else "sore"
            yield Pick(site, kind, (k.focus.sore_why.format(level=level),), ("FOCUS-2", "DOSE-10"))


def _asked(req: PlanRequest, k: Knowledge) -> Iterator[Pick]:
    """The muscles asked for; a never-rolled area asked for gives its neighbours."""
    for site in dict.fromkeys(req.focus):
        if site in k.never_areas:
            info = k.never_areas[site]
            why = f"Instead of the {lower_name(info.name)}, which is never rolled."
            yield from (Pick(area, "chain", (why,), (info.rule,)) for area in info.instead)
        elif site in k.areas:
            yield Pick(site, "asked", (k.focus.asked_why,), ("DOSE-10",))


def _chain(
    req: PlanRequest, k: Knowledge, sore: list[tuple[str, int]], priority: bool
) -> Iterator[Pick]:
    """FOCUS-3..5: a sore or painful site, or a seated day, brings in other muscles.

    Priority links come before the run's weighting, the others after it.
    """
    felt = {site for site, _ in sore} | {site for site, n in req.pain.items() if n.worst > 0}
    for link in (link for link in k.focus.links if link.priority == priority):
        if (link.when_sedentary and req.athlete.sedentary) or felt.intersection(link.when_sore):
            yield from (Pick(area, "chain", (link.why,), (link.rule,)) for area in link.add)


def _per_km(value: float | None, run: RunDone) -> float | None:
    return value / run.km if value is not None and run.km else None


def _over(value: float | None, line: float | None) -> bool:
    return value is not None and line is not None and value >= line


def run_matches(trigger: RunTrigger, run: RunDone) -> bool:
    """FOCUS-6: does the run just done have this trigger's feature?"""
    return (
        run.type in trigger.types
        or _over(run.minutes, trigger.min_minutes)
        or _over(run.km, trigger.min_km)
        or _over(run.climb_m, trigger.min_climb_m)
        or _over(_per_km(run.climb_m, run), trigger.min_climb_m_per_km)
        or _over(run.descent_m, trigger.min_descent_m)
        or _over(_per_km(run.descent_m, run), trigger.min_descent_m_per_km)
    )


def _run_driven(req: PlanRequest, k: Knowledge) -> Iterator[Pick]:
    if req.run is None:
        return
    for trigger in k.focus.run_triggers:
        if run_matches(trigger, req.run):
            yield from (Pick(a, "run", (trigger.why,), (trigger.rule,)) for a in trigger.add)


def _everyday(k: Knowledge) -> Iterator[Pick]:
    """FOCUS-1: the core set, then the extras as time allows."""
    focus = k.focus
    yield from (Pick(a, "core", (focus.core_why,), ("FOCUS-1",)) for a in focus.core)
    yield from (Pick(a, "extra", (focus.extras_why,), ("FOCUS-1",)) for a in focus.extras)


def _merged(pick: Pick, again: Pick) -> Pick:
    """A muscle picked again keeps its place and the more needed kind, and adds the reason.

    A muscle a rule brings in that is also in the core set is still rule-brought:
    the core set's own reason then goes without saying.
    """
    if again.tier >= TIER["core"] or again.why[0] in pick.why:
        return pick
    if pick.tier == TIER["sore"] and again.kind == "chain":  # sore itself: the link adds nothing
        return pick
    kind = pick.kind if pick.tier <= again.tier else again.kind
    rules = (*pick.rules, *(r for r in again.rules if r not in pick.rules))
    return Pick(pick.area, kind, (*pick.why, *again.why), rules)


def select_areas(req: PlanRequest, k: Knowledge) -> Selection:
    """Every muscle worth rolling today, most needed first, with why and rule IDs."""
    sore = sore_sites(req, k)
    felt = [site for site, _ in sore] + list(req.focus)
    excluded = [never_exclusion(k, site) for site in dict.fromkeys(felt) if site in k.never_areas]
    picks: dict[str, Pick] = {}
    sources = (
        _sore(k, sore),
        _asked(req, k),
        _chain(req, k, sore, priority=True),
        _run_driven(req, k),
        _chain(req, k, sore, priority=False),
    )
    for candidates in (*sources, _everyday(k)):
        for candidate in candidates:
            pick = picks.get(candidate.area)
            picks[candidate.area] = candidate if pick is None else _merged(pick, candidate)
    ordered = sorted(picks.values(), key=lambda p: p.tier)  # stable: keeps order within a tier
    return Selection(ordered, excluded)
