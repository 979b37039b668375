"""SAFE-11: a site painful again and again, or that stopped a session, stays out."""

from datetime import UTC, datetime, timedelta

from rollcoach.models.plan_request import PlanRequest
from rollcoach.safety.injuries import as_moment

WINDOW = timedelta(days=14)
REPEATS = 3


def _clear_after(req: PlanRequest, now: datetime) -> dict[str, datetime]:
    """The latest check-in that reported each site free of pain."""
    clear: dict[str, datetime] = {}
    for checkin in req.checkins:
        moment = as_moment(checkin.date, now)
        for site, level in checkin.pain.items():
            if level == 0 and moment > clear.get(site, datetime.min.replace(tzinfo=UTC)):
                clear[site] = moment
    return clear


def repeated_pain_sites(req: PlanRequest, now: datetime) -> list[str]:
    """Sites with pain on 3+ check-ins in 14 days, or a sharp-pain stop, not cleared since."""
    if not req.checkins and not req.sharp_pain_stops:  # the common case: no history sent
        return []
    clear = _clear_after(req, now)
    local_now, now = now, now.astimezone(UTC)
    floor = datetime.min.replace(tzinfo=UTC)
    counts: dict[str, int] = {}
    flagged: dict[str, None] = {}
    for checkin in req.checkins:
        moment = as_moment(checkin.date, local_now)
        for site, level in checkin.pain.items():
            if level > 0 and now - WINDOW <= moment and moment > clear.get(site, floor):
                counts[site] = counts.get(site, 0) + 1
                if counts[site] >= REPEATS:
                    flagged[site] = None
    for stop in req.sharp_pain_stops:
        if as_moment(stop.date, local_now) > clear.get(stop.area, floor):
            flagged[stop.area] = None
    return list(flagged)
