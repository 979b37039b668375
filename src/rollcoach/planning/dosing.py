"""DOSE-2..4, DOSE-9, DOSE-10, TIME-3, SAFE-7, SAFE-10, AREA-4: how long and how hard.

A step's least is what DOSE-9 needs to do what it asks: read the set-up, one slow
pass end to end and back (the muscle's length at DOSE-1's speed), find the spot,
hold it. Its target follows need (DOSE-10): the sorer the side, the longer.
"""

import math
from typing import NamedTuple

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import PickKind
from rollcoach.knowledge.schema import Technique
from rollcoach.models.plan_request import PlanRequest
from rollcoach.planning.selection import Pick
from rollcoach.vocabulary import Level, Pressure, Side, When

STEP_GRAIN = 5  # seconds: steps are whole multiples, easy to read on a timer


def up_to_grain(seconds: float) -> int:
    return math.ceil(seconds / STEP_GRAIN) * STEP_GRAIN


class Dose(NamedTuple):
    """A step's least and target seconds (per side), hold and pressure, with why and rules."""

    least: int
    target: int
    hold: int
    pressure: Pressure
    why: str
    rules: tuple[str, ...]


def full_pass_seconds(k: Knowledge, area: str) -> int:
    """DOSE-9: one slow pass end to end and back at DOSE-1's speed."""
    return math.ceil(2 * k.areas[area].length_cm / k.dose.speed_cm_s)


def least_seconds(k: Knowledge, technique: Technique) -> int:
    """DOSE-9: the shortest step that can set up, pass each way, find and hold a spot."""
    dose = k.dose
    needed = (
        dose.lead_in_seconds
        + full_pass_seconds(k, technique.area)
        + dose.hunt_seconds
        + technique.hold_seconds
    )
    return min(max(up_to_grain(needed), technique.seconds.min), technique.seconds.max)


def _pressure(
    k: Knowledge,
    when: When,
    level: Level,
    technique: Technique,
    soreness: int,
    past: bool,
    protecting: bool,
) -> tuple[Pressure, str, tuple[str, ...]]:
    """The gentlest reason wins: pre-run, sensitive area, past injury, very sore, then level.

    Firm pressure rests the other leg on top; while anything is protected, moderate at most.
    """
    words = k.messages.pressure_why
    if when == "pre-run":
        return "gentle", words["pre-run"], ("TIME-3",)
    if technique.sensitive:
        return "gentle", words["sensitive"], ("AREA-4", "TOOL-7")
    if past:
        return "gentle", words["past-injury"], ("SAFE-7",)
    if soreness >= k.dose.gentle_from:
        return "gentle", words["very-sore"], ("SAFE-10",)
    pressure = k.dose.level_pressure[level]
    if pressure == "firm" and protecting:
        return "moderate", words["other-side-protected"], ("DOSE-4", "SAFE-5")
    return pressure, words["level"].format(pressure=pressure.capitalize()), ("DOSE-4",)


def side_kind(req: PlanRequest, k: Knowledge, pick: Pick, side: Side) -> PickKind:
    """A sore muscle's sides are dosed by their own soreness; others by why they came in."""
    if pick.kind not in ("sore", "very-sore"):
        return pick.kind
    level = req.soreness_at(pick.area, side)
    if level >= k.dose.very_sore_from:
        return "very-sore"
    return "sore" if level >= k.dose.sore_from else "core"


def dose_for(
    req: PlanRequest,
    k: Knowledge,
    pick: Pick,
    technique: Technique,
    side: Side,
    past: bool,
    protecting: bool = False,
) -> Dose:
    """The least and target a side of a pick may get, within DOSE-3 (or TIME-3)."""
    soreness = req.soreness_at(pick.area, side)
    level = req.athlete.level
    pressure, why, rules = _pressure(k, req.when, level, technique, soreness, past, protecting)
    if req.when == "pre-run":
        pre = k.dose.pre_run
        return Dose(pre.min_seconds, pre.seconds, 0, pressure, why, rules)
    least = least_seconds(k, technique)
    wanted = k.dose.step_seconds[side_kind(req, k, pick, side)]
    target = min(max(wanted, least), technique.seconds.max)
    return Dose(
        least,
        target,
        technique.hold_seconds,
        pressure,
        why,
        (*rules, "DOSE-2", "DOSE-9"),
    )
