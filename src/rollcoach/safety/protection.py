"""SAFE-4, SAFE-5, SAFE-7, SAFE-12: which sides of which muscles are off limits today.

An injured or painful site protects more than its own name: the tissue it shares
and the muscles that cross it (knowledge/data/areas.yaml, derived into
``Knowledge.protects``). Protected tissue is never rolled and never stretched.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.safety.injuries import ACUTE, as_moment
from rollcoach.vocabulary import Side

SIDES: tuple[Side, Side] = ("left", "right")
OTHER_SIDE: dict[Side, Side] = {"left": "right", "right": "left", "both": "both"}


@dataclass(frozen=True, slots=True)
class Guard:
    """Why one side of a muscle is protected: the rule, the site behind it, hours to go."""

    rule: str  # SAFE-5 (acute injury), SAFE-12 (pain now) or SAFE-4 (screen first)
    site: str  # the injured, painful or bone-stress site that protects it
    hours_left: int | None = None


@dataclass(slots=True)
class Protection:
    """Every protected (muscle, side), the never-rolled sites injured, and what goes gently."""

    guards: dict[tuple[str, Side], Guard] = field(default_factory=dict)
    gentle: set[str] = field(default_factory=set)  # SAFE-7: past injuries and their neighbours
    screen_sites: list[str] = field(default_factory=list)  # SAFE-4: sites awaiting the screen
    hurt: set[tuple[str, Side]] = field(default_factory=set)  # sites injured or painful now
    acute_hours: dict[str, int] = field(default_factory=dict)  # injured under 72 h: hours left

    def guard(self, area: str, side: Side) -> Guard | None:
        """The guard on ``side`` ("both" is guarded if either side is)."""
        if side == "both":
            return self.guards.get((area, "left")) or self.guards.get((area, "right"))
        return self.guards.get((area, side))

    def hurt_sites(self, sites: Sequence[str]) -> list[str]:
        """Which of ``sites`` hurt now, on either side."""
        return [site for site in sites if self.hurts([site], "both")]

    def hurts(self, sites: Sequence[str], side: Side) -> bool:
        """Is any of ``sites`` injured or painful on ``side`` ("both": either)?"""
        if not self.hurt or not sites:  # most plans: nothing hurts
            return False
        sides = SIDES if side == "both" else (side,)
        return any((site, one) in self.hurt for site in sites for one in sides)

    def open_sides(self, area: str, sides: tuple[Side, ...]) -> tuple[Side, ...]:
        """The sides of ``area`` that may be rolled or stretched today."""
        if not self.guards:
            return sides
        return tuple(side for side in sides if self.guard(area, side) is None)

    def add(self, area: str, side: Side, guard: Guard) -> None:
        """Keep the first guard of a side, but the longest wait of the same rule."""
        held = self.guards.get((area, side))
        if held is None:
            self.guards[(area, side)] = guard
        elif held.rule == guard.rule and (guard.hours_left or 0) > (held.hours_left or 0):
            self.guards[(area, side)] = Guard(held.rule, held.site, guard.hours_left)


def _sides(side: Side) -> tuple[Side, ...]:
    return SIDES if side == "both" else (side,)


def _protect(p: Protection, k: Knowledge, site: str, side: Side, guard: Guard) -> None:
    for one in _sides(side):
        p.hurt.add((site, one))
        for area in k.protects[site]:
            p.add(area, one, guard)


def _injuries(p: Protection, req: PlanRequest, k: Knowledge, now: datetime) -> None:
    """SAFE-5 for injuries under 72 h old; SAFE-7 (gently) for older ones."""
    utc_now = now.astimezone(UTC)
    for injury in req.injuries:
        left = as_moment(injury.date, now) + ACUTE - utc_now
        if left <= timedelta(0):
            p.gentle.update(k.protects[injury.area])
            continue
        hours = math.ceil(left.total_seconds() / 3600)
        _protect(p, k, injury.area, injury.side, Guard("SAFE-5", injury.area, hours))
        p.acute_hours[injury.area] = max(hours, p.acute_hours.get(injury.area, 0))


def _pain(p: Protection, req: PlanRequest, k: Knowledge) -> None:
    """SAFE-12: a site that hurts now is protected today like an acute injury."""
    for site, levels in req.pain.items():
        for side in SIDES:
            if levels.on(side) > 0:
                _protect(p, k, site, side, Guard("SAFE-12", site))


def _bone_stress(p: Protection, req: PlanRequest, k: Knowledge) -> None:
    """SAFE-4: soreness or pain at a bone-stress site, screen unanswered: ask first."""
    if req.athlete.screen.answered:
        return
    line = k.safety.bone_stress_from
    for site, muscles in k.bone_stress.items():
        if max(req.soreness_at(site), req.pain_at(site)) >= line:
            p.screen_sites.append(site)
            for area in muscles:
                for side in SIDES:
                    p.add(area, side, Guard("SAFE-4", site))


def protection_for(req: PlanRequest, k: Knowledge, now: datetime) -> Protection:
    """Everything the safety rules keep off the roller and out of the stretches today."""
    p = Protection()
    if req.injuries:
        _injuries(p, req, k, now)
    if req.pain:
        _pain(p, req, k)
    _bone_stress(p, req, k)
    return p
