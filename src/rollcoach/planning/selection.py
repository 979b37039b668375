"""FOCUS-1..6 and AREA-1..5: which areas a session covers, in priority order.

Areas are picked sore first, then the ones asked for, then kinetic-chain and
run-driven additions, then the core set and extras. An area picked twice keeps
its first place and gathers the reasons of the later picks.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import PickKind
from rollcoach.knowledge.schema import ChainLink, RunTrigger
from rollcoach.models.plan_request import PlanRequest, RunDone
from rollcoach.models.plan_response import Exclusion


def lower_name(name: str) -> str:
    """ "Calves" -> "calves" but "IT band" stays: names are shown mid-sentence."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


class Pick(NamedTuple):
    """An area chosen for the session, why, and which dose it aims for.

    Immutable, so the picks every plan shares (the core set and extras, the
    chain and run additions) are built once per knowledge base and reused.
    """

    area: str
    kind: PickKind
    why: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(slots=True)
class Selection:
    picks: list[Pick]
    excluded: list[Exclusion]


def sore_sites(req: PlanRequest, k: Knowledge) -> list[tuple[str, int]]:
    """Sites at or above the soreness line, worst first (ties in input order)."""
    sore = [(site, n.worst) for site, n in req.soreness.items() if n.worst >= k.dose.sore_from]
    return sorted(sore, key=lambda item: -item[1])


@lru_cache(maxsize=64)
def _never_area(area: str, k: Knowledge) -> tuple[Exclusion, tuple[Pick, ...]]:
    """AREA-1..5: the area is listed as excluded; asking for it gives its neighbours.

    The same for every plan, so built once (the exclusion is frozen and shared).
    """
    info = k.never_areas[area]
    exclusion = Exclusion(
        area=area,
        reason=k.messages.exclusions["never"].format(why=info.why),
        rules=[info.rule],
        instead=list(info.instead),
    )
    why = f"Instead of the {lower_name(info.name)}, which is never rolled."
    return exclusion, tuple(Pick(target, "chain", (why,), (info.rule,)) for target in info.instead)


@lru_cache(maxsize=256)
def _sore_pick(k: Knowledge, site: str, level: int) -> Pick:
    """FOCUS-2: a sore area comes first; at most 13 areas x 11 levels, so built once each."""
    kind: PickKind = "very-sore" if level >= k.dose.very_sore_from else "sore"
    return Pick(site, kind, (k.focus.sore_why.format(level=level),), ("FOCUS-2",))


def _asked(
    req: PlanRequest, k: Knowledge, sore: list[tuple[str, int]], excluded: list[Exclusion]
) -> Iterator[Pick]:
    """Sore areas, worst first, then the areas asked for.

    A sore never-area is only listed as excluded: the kinetic-chain links bring
    in the muscles that matter for it (FOCUS-4, FOCUS-5).
    """
    for site, level in sore:
        if site in k.areas:
            yield _sore_pick(k, site, level)
    if not req.focus and not sore:  # the common case: nothing asked for, nothing sore
        return
    for site in dict.fromkeys([*req.focus, *(s for s, _ in sore)]):
        if site in k.never_areas:
            exclusion, instead = _never_area(site, k)
            excluded.append(exclusion)
            if site in req.focus:
                yield from instead
        elif site in k.areas and site in req.focus:
            yield Pick(site, "asked", (k.focus.asked_why,), ())


@lru_cache(maxsize=4)
def _links(k: Knowledge) -> tuple[tuple[ChainLink, tuple[Pick, ...]], ...]:
    """The kinetic-chain links, priority ones first, each with the picks it adds."""
    links = sorted(k.focus.links, key=lambda link: not link.priority)
    return tuple(
        (link, tuple(Pick(area, "chain", (link.why,), (link.rule,)) for area in link.add))
        for link in links
    )


def _chain(req: PlanRequest, k: Knowledge, sore: list[tuple[str, int]]) -> Iterator[Pick]:
    sore_set = {site for site, _ in sore}
    for link, picks in _links(k):
        seated = link.when_sedentary and req.athlete.sedentary
        if seated or sore_set.intersection(link.when_sore):
            yield from picks


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


@lru_cache(maxsize=4)
def _triggers(k: Knowledge) -> tuple[tuple[RunTrigger, tuple[Pick, ...]], ...]:
    """The run triggers, each with the picks it adds."""
    return tuple(
        (trigger, tuple(Pick(area, "run", (trigger.why,), (trigger.rule,)) for area in trigger.add))
        for trigger in k.focus.run_triggers
    )


def _run_driven(req: PlanRequest, k: Knowledge) -> Iterator[Pick]:
    if req.run is None:
        return
    for trigger, picks in _triggers(k):
        if run_matches(trigger, req.run):
            yield from picks


@lru_cache(maxsize=4)
def _everyday(k: Knowledge) -> tuple[Pick, ...]:
    """FOCUS-1: the core set, then the extras; the same for every plan."""
    focus = k.focus
    core = [Pick(a, "core", (focus.core_why,), ("FOCUS-1",)) for a in focus.core]
    extras = [Pick(a, "extra", (focus.extras_why,), ("FOCUS-1",)) for a in focus.extras]
    return (*core, *extras)


def _merged(pick: Pick, again: Pick) -> Pick:
    """An area picked again keeps its place and kind and gathers the new reason and rules.

    Candidates carry one reason each; one already given adds nothing.
    """
    if again.why[0] in pick.why:
        return pick
    new_rules = (r for r in again.rules if r not in pick.rules)  # again.rules has no repeats
    return Pick(pick.area, pick.kind, (*pick.why, *again.why), (*pick.rules, *new_rules))


def select_areas(req: PlanRequest, k: Knowledge) -> Selection:
    """Every area worth rolling today, best first, with why and rule IDs."""
    excluded: list[Exclusion] = []
    picks: dict[str, Pick] = {}
    sore = sore_sites(req, k)
    for candidates in (_asked(req, k, sore, excluded), _chain(req, k, sore), _run_driven(req, k)):
        for candidate in candidates:
            pick = picks.get(candidate.area)
            picks[candidate.area] = candidate if pick is None else _merged(pick, candidate)
    for pick in _everyday(k):  # only adds: its reasons go without saying
        if pick.area not in picks:
            picks[pick.area] = pick
    return Selection(list(picks.values()), excluded)
