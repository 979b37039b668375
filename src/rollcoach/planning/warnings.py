"""Plan-level warnings: each one names its rule IDs (SAFE-7, SAFE-10, AREA-4, ...)."""

from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Step, Warning
from rollcoach.planning.selection import lower_name

LONG_SESSION_MINUTES = 30


@lru_cache(maxsize=1024)
def _warning(k: Knowledge, code: str, fill: tuple[tuple[str, object], ...]) -> Warning:
    entry = k.messages.warnings[code]
    return Warning(code=code, message=entry.message.format(**dict(fill)), rules=entry.rules)


def warn(k: Knowledge, code: str, **fill: str | int) -> Warning:
    """A plan warning from messages.yaml; warnings are frozen, so equal ones are shared."""
    return _warning(k, code, tuple(sorted(fill.items())))


def plan_warnings(
    req: PlanRequest, k: Knowledge, steps: list[Step], past: set[str], left_out: list[str]
) -> list[Warning]:
    """Everything the runner should know before starting, most important first."""
    areas = dict.fromkeys(step.area for step in steps)
    out = [warn(k, "past-injury", area=lower_name(k.areas[a].name)) for a in areas if a in past]
    out += [
        warn(k, "very-sore", area=lower_name(k.areas[a].name), level=req.soreness_at(a))
        for a in areas
        if req.soreness_at(a) >= k.dose.gentle_from
    ]
    if any(step.sensitive for step in steps):
        out.append(warn(k, "sensitive"))
    if req.when == "pre-run":
        out.append(warn(k, "pre-run"))
    if req.athlete.level == "beginner" and steps:
        out.append(warn(k, "beginner"))
    if not steps and left_out:
        out.append(warn(k, "no-time", minutes=f"{req.minutes:g}", min_seconds=k.dose.min_seconds))
    elif left_out:
        names = ", ".join(lower_name(k.areas[a].name) for a in left_out)
        out.append(warn(k, "short-on-time", areas=names))
    if req.minutes > LONG_SESSION_MINUTES:
        out.append(warn(k, "long-session", minutes=f"{req.minutes:g}"))
    return out
