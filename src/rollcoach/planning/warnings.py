"""Plan-level warnings: each one names its rule IDs (SAFE-7, SAFE-10, AREA-4, ...)."""

from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Warning
from rollcoach.planning.selection import lower_name

LONG_SESSION_MINUTES = 30


# "short-on-time" names the areas left out, so there are a few thousand distinct
# warnings (1,400 in bench/plan.py); a smaller cache would keep missing.
@lru_cache(maxsize=4096)
def _warning(k: Knowledge, code: str, fill: tuple[tuple[str, object], ...]) -> Warning:
    entry = k.messages.warnings[code]
    return Warning(code=code, message=entry.message.format(**dict(fill)), rules=entry.rules)


def warn(k: Knowledge, code: str, **fill: str | int) -> Warning:
    """A plan warning from messages.yaml; warnings are frozen, so equal ones are shared."""
    return _warning(k, code, tuple(sorted(fill.items())))


@lru_cache(maxsize=64)
def _area_word(k: Knowledge, area: str) -> str:
    """The area's name as it reads mid-sentence."""
    return lower_name(k.areas[area].name)


def plan_warnings(
    req: PlanRequest,
    k: Knowledge,
    areas: tuple[str, ...],
    sensitive: bool,
    past: set[str],
    left_out: list[str],
) -> list[Warning]:
    """Everything the runner should know before starting, most important first.

    ``areas`` are the areas rolled, in order; ``sensitive`` when any step is on
    a sensitive area.
    """
    out = [warn(k, "past-injury", area=_area_word(k, a)) for a in areas if a in past]
    # Only the few sites reported are looked at, not every area rolled.
    very_sore = {site for site, n in req.soreness.items() if n.worst >= k.dose.gentle_from}
    out += [
        warn(k, "very-sore", area=_area_word(k, a), level=req.soreness_at(a))
        for a in areas
        if a in very_sore
    ]
    if sensitive:
        out.append(warn(k, "sensitive"))
    if req.when == "pre-run":
        out.append(warn(k, "pre-run"))
    if req.athlete.level == "beginner" and areas:
        out.append(warn(k, "beginner"))
    if not areas and left_out:
        out.append(warn(k, "no-time", minutes=f"{req.minutes:g}", min_seconds=k.dose.min_seconds))
    elif left_out:
        names = ", ".join(_area_word(k, a) for a in left_out)
        out.append(warn(k, "short-on-time", areas=names))
    if req.minutes > LONG_SESSION_MINUTES:
        out.append(warn(k, "long-session", minutes=f"{req.minutes:g}"))
    return out
