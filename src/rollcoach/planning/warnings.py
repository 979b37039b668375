"""Plan-level warnings: each one names its rule IDs (SAFE-4, SAFE-7, SAFE-10, AREA-4, ...)."""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Warning
from rollcoach.planning.dosing import least_seconds
from rollcoach.planning.words import site_fill
from rollcoach.safety import Protection

LONG_SESSION_MINUTES = 30


def warn(k: Knowledge, code: str, **fill: str | int) -> Warning:
    """A plan warning from messages.yaml."""
    entry = k.messages.warnings[code]
    return Warning(code=code, message=entry.message.format(**fill), rules=entry.rules)


def _shortest_step(req: PlanRequest, k: Knowledge) -> int:
    """The least a step can be today, set-up included, for the no-time warning."""
    if req.when == "pre-run":
        return k.dose.pre_run.min_seconds + k.dose.setup.first
    owned = set(req.tools)
    usable = [t for ts in k.techniques.values() for t in ts if t.tool in owned]
    return min((least_seconds(k, t) for t in usable), default=k.dose.min_seconds) + (
        k.dose.setup.first
    )


def _screen_first(req: PlanRequest, k: Knowledge, guard: Protection) -> list[Warning]:
    """SAFE-4: a bone-stress site is sore or painful and the screen is unanswered."""
    out = []
    for site in guard.screen_sites:
        level = max(req.soreness_at(site), req.pain_at(site))
        muscles = " and ".join(site_fill(k, m)["area"] for m in k.bone_stress[site])
        out.append(warn(k, "screen-first", level=level, muscles=muscles, **site_fill(k, site)))
    return out


def plan_warnings(
    req: PlanRequest,
    k: Knowledge,
    areas: tuple[str, ...],
    sensitive: bool,
    guard: Protection,
    left_out: list[str],
) -> list[Warning]:
    """Everything the runner should know before starting, most important first.

    ``areas`` are the muscles rolled, in order; ``sensitive`` when any step is on
    a sensitive area.
    """
    out = [warn(k, "acute-injury", **site_fill(k, site)) for site in guard.acute_hours]
    out += _screen_first(req, k, guard)
    out += [warn(k, "past-injury", **site_fill(k, a)) for a in areas if a in guard.gentle]
    very_sore = [
        f"{site_fill(k, a)['area']} {req.soreness_at(a)}/10"
        for a in areas
        if req.soreness_at(a) >= k.dose.gentle_from
    ]
    if very_sore:
        out.append(warn(k, "very-sore", areas=", ".join(very_sore)))
    if sensitive:
        out.append(warn(k, "sensitive"))
    if req.when == "pre-run":
        out.append(warn(k, "pre-run"))
    if req.athlete.level == "beginner" and areas:
        out.append(warn(k, "beginner"))
    if not areas and left_out:
        shortest = _shortest_step(req, k)
        minutes = f"{req.minutes:g} minute" + ("" if req.minutes == 1 else "s")
        out.append(warn(k, "no-time", minutes=minutes, min_seconds=shortest))
    elif left_out:
        names = ", ".join(site_fill(k, a)["area"] for a in left_out)
        out.append(warn(k, "short-on-time", areas=names))
    if req.minutes > LONG_SESSION_MINUTES:
        out.append(warn(k, "long-session", minutes=f"{req.minutes:g}"))
    return out
