"""DOSE-2..4, TIME-3, SAFE-7, SAFE-10, AREA-4: how long and how hard each step goes."""

from functools import lru_cache
from typing import NamedTuple

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import PickKind
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.planning.selection import Pick
from rollcoach.vocabulary import Level, Pressure, When

# Seconds of slow passes a step needs before its tender-spot hold can start.
SEARCH_SECONDS = 15


class Dose(NamedTuple):
    """A step's time range (per side), hold and pressure, with why and rule IDs.

    A named tuple: immutable, and hashed in C (it keys the step cache), which a
    frozen dataclass is not.
    """

    target: int
    least: int
    hold: int
    pressure: Pressure
    why: str
    rules: tuple[str, ...]


def _pressure(
    k: Knowledge, when: When, level: Level, technique: Technique, soreness: int, past: bool
) -> tuple[Pressure, str, tuple[str, ...]]:
    """The gentlest reason wins: pre-run, sensitive area, past injury, very sore, then level."""
    words = k.messages.pressure_why
    if when == "pre-run":
        return "gentle", words["pre-run"], ("TIME-3",)
    if technique.sensitive:
        return "gentle", words["sensitive"], ("AREA-4",)
    if past:
        return "gentle", words["past-injury"], ("SAFE-7",)
    if soreness >= k.dose.gentle_from:
        return "gentle", words["very-sore"], ("SAFE-10",)
    pressure = k.dose.level_pressure[level]
    return pressure, words["level"].format(pressure=pressure.capitalize()), ("DOSE-4",)


# Few distinct doses exist; caching them keeps the planner's hot loop cheap.
@lru_cache(maxsize=4096)
def _dose(
    k: Knowledge,
    when: When,
    level: Level,
    kind: PickKind,
    area: str,
    tool: str,
    soreness: int,
    past: bool,
) -> Dose:
    technique = next(t for t in k.techniques[area] if t.tool == tool)
    pressure, why, rules = _pressure(k, when, level, technique, soreness, past)
    if when == "pre-run":
        pre = k.dose.pre_run
        return Dose(pre.seconds, pre.min_seconds, 0, pressure, why, rules)
    limits = technique.seconds
    hold = technique.hold_seconds
    least = max(limits.min, hold + SEARCH_SECONDS)
    target = min(max(k.dose.step_seconds[kind], least), limits.max)
    return Dose(target, least, hold, pressure, why, (*rules, "DOSE-2"))


def dose_for(req: PlanRequest, k: Knowledge, pick: Pick, technique: Technique, past: bool) -> Dose:
    """The dose a pick aims for and the least it may get, within DOSE-3 (or TIME-3)."""
    soreness = req.soreness_at(pick.area)
    return _dose(
        k, req.when, req.athlete.level, pick.kind, pick.area, technique.tool, soreness, past
    )
