"""FOCUS-1..6 and AREA-1..5: which areas a session covers, in priority order.

Areas are picked sore first, then the ones asked for, then kinetic-chain and
run-driven additions, then the core set and extras. An area picked twice keeps
its first place and gathers the reasons of the later picks.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import PickKind
from rollcoach.knowledge.schema import RunTrigger
from rollcoach.models.plan_request import PlanRequest, RunDone
from rollcoach.models.plan_response import Exclusion


def lower_name(name: str) -> str:
    """ "Calves" -> "calves" but "IT band" stays: names are shown mid-sentence."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


@dataclass(slots=True)
class Pick:
    """An area chosen for the session, why, and which dose it aims for."""

    area: str
    kind: PickKind
    why: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Selection:
    picks: list[Pick]
    excluded: list[Exclusion]


Candidate = tuple[str, PickKind, str, list[str]]  # area, kind, why, rules


def sore_sites(req: PlanRequest, k: Knowledge) -> list[tuple[str, int]]:
    """Sites at or above the soreness line, worst first (ties in input order)."""
    sore = [(site, n) for site, n in req.soreness.items() if n >= k.dose.sore_from]
    return sorted(sore, key=lambda item: -item[1])


def _never_area(area: str, k: Knowledge) -> tuple[Exclusion, list[Candidate]]:
    """AREA-1..5: the area is listed as excluded; asking for it gives its neighbours."""
    info = k.never_areas[area]
    exclusion = Exclusion(
        area=area,
        reason=k.messages.exclusions["never"].format(why=info.why),
        rules=[info.rule],
        instead=list(info.instead),
    )
    why = f"Instead of the {lower_name(info.name)}, which is never rolled."
    return exclusion, [(target, "chain", why, [info.rule]) for target in info.instead]


def _asked(req: PlanRequest, k: Knowledge, excluded: list[Exclusion]) -> Iterator[Candidate]:
    """Sore areas, worst first, then the areas asked for.

    A sore never-area is only listed as excluded: the kinetic-chain links bring
    in the muscles that matter for it (FOCUS-4, FOCUS-5).
    """
    sore = sore_sites(req, k)
    for site, level in sore:
        if site in k.areas:
            kind: PickKind = "very-sore" if level >= k.dose.very_sore_from else "sore"
            yield site, kind, k.focus.sore_why.format(level=level), ["FOCUS-2"]
    for site in dict.fromkeys([*req.focus, *(s for s, _ in sore)]):
        if site in k.never_areas:
            exclusion, instead = _never_area(site, k)
            excluded.append(exclusion)
            if site in req.focus:
                yield from instead
        elif site in k.areas and site in req.focus:
            yield site, "asked", k.focus.asked_why, []


def _chain(req: PlanRequest, k: Knowledge) -> Iterator[Candidate]:
    sore = {site for site, _ in sore_sites(req, k)}
    links = sorted(k.focus.links, key=lambda link: not link.priority)
    for link in links:
        seated = link.when_sedentary and req.athlete.sedentary
        if seated or sore.intersection(link.when_sore):
            yield from ((area, "chain", link.why, [link.rule]) for area in link.add)


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


def _run_driven(req: PlanRequest, k: Knowledge) -> Iterator[Candidate]:
    if req.run is None:
        return
    for trigger in k.focus.run_triggers:
        if run_matches(trigger, req.run):
            yield from ((area, "run", trigger.why, [trigger.rule]) for area in trigger.add)


@lru_cache(maxsize=4)
def _everyday(k: Knowledge) -> tuple[Candidate, ...]:
    """FOCUS-1: the core set, then the extras; the same for every plan."""
    focus = k.focus
    core: list[Candidate] = [(a, "core", focus.core_why, ["FOCUS-1"]) for a in focus.core]
    extras: list[Candidate] = [(a, "extra", focus.extras_why, ["FOCUS-1"]) for a in focus.extras]
    return (*core, *extras)


def select_areas(req: PlanRequest, k: Knowledge) -> Selection:
    """Every area worth rolling today, best first, with why and rule IDs."""
    excluded: list[Exclusion] = []
    picks: dict[str, Pick] = {}
    for candidates in (_asked(req, k, excluded), _chain(req, k), _run_driven(req, k)):
        for area, kind, why, rules in candidates:
            pick = picks.get(area)
            if pick is None:
                picks[area] = Pick(area, kind, [why], list(rules))
            elif why not in pick.why:
                pick.why.append(why)
                pick.rules.extend(r for r in rules if r not in pick.rules)
    for area, kind, why, rules in _everyday(k):  # only adds: its reasons go without saying
        if area not in picks:
            picks[area] = Pick(area, kind, [why], list(rules))
    return Selection(list(picks.values()), excluded)
