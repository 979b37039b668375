"""SAFE-5 and SAFE-7: acute injuries stay out for 72 h, older ones go gently."""

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from rollcoach.models.plan_request import Injury
from rollcoach.vocabulary import Side

ACUTE = timedelta(hours=72)
BOTH_SIDES = frozenset({"left", "right"})


@dataclass
class InjuryStatus:
    """Which sides of which areas are out (acute) and which go gently (past)."""

    blocked: dict[str, set[str]] = field(default_factory=dict)
    hours_left: dict[tuple[str, str], int] = field(default_factory=dict)
    past: set[str] = field(default_factory=set)

    def sides_open(self, area: str, sides: tuple[Side, ...]) -> tuple[Side, ...]:
        """The requested sides that no acute injury rules out ("both" needs both)."""
        out = self.blocked.get(area)
        if not out:
            return sides
        return tuple(s for s in sides if s not in out and s != "both")


def as_moment(value: date | datetime, now: datetime) -> datetime:
    """A bare date counts from the end of that day (the cautious reading), in ``now``'s zone.

    The result is in UTC: same-zone arithmetic in Python is wall-clock, which
    would be an hour off across a daylight-saving change.
    """
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        moment = datetime.combine(value + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return moment.astimezone(UTC)


def _sides(side: str) -> frozenset[str]:
    return BOTH_SIDES if side == "both" else frozenset({side})


def assess_injuries(injuries: list[Injury], now: datetime) -> InjuryStatus:
    """Sort each injury into acute (blocked, with hours left) or past (gentle only)."""
    status = InjuryStatus()
    if not injuries:  # the common case: skip the time-zone work
        return status
    local_now, now = now, now.astimezone(UTC)
    for injury in injuries:
        left = as_moment(injury.date, local_now) + ACUTE - now
        if left <= timedelta(0):
            status.past.add(injury.area)
            continue
        hours = math.ceil(left.total_seconds() / 3600)
        status.blocked.setdefault(injury.area, set()).update(_sides(injury.side))
        key = (injury.area, injury.side)
        status.hours_left[key] = max(hours, status.hours_left.get(key, 0))
    return status
