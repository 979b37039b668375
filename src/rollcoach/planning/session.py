"""Plan one rolling session: screen, pick, fit, explain. Pure: no I/O, no clock."""

from datetime import datetime
from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Exclusion, PlanResponse, Refusal, Step
from rollcoach.planning.care import after_rolling, before_rolling
from rollcoach.planning.fitting import fit_session
from rollcoach.planning.selection import select_areas
from rollcoach.planning.steps import area_steps
from rollcoach.planning.warnings import plan_warnings
from rollcoach.safety import InjuryStatus, assess_injuries, repeated_pain_sites, screen_refusal


def _refused(req: PlanRequest, k: Knowledge, refusal: Refusal) -> PlanResponse:
    return PlanResponse(
        status="refused",
        when=req.when,
        total_seconds=0,
        steps=[],
        excluded=[],
        warnings=[],
        before=[],
        after=[],
        stop_signs=k.messages.stop_signs,
        refusal=refusal,
    )


def _acute_exclusions(k: Knowledge, status: InjuryStatus) -> list[Exclusion]:
    text = k.messages.exclusions["acute"]
    return [
        Exclusion(
            area=area,
            side=side,
            reason=text.format(hours=hours),
            rules=["SAFE-5"],
            hours_left=hours,
        )
        for (area, side), hours in status.hours_left.items()
    ]


def _repeated_pain_exclusions(k: Knowledge, sites: list[str]) -> list[Exclusion]:
    entry = k.messages.warnings["repeated-pain"]
    return [Exclusion(area=s, reason=entry.message, rules=entry.rules) for s in sites]


@lru_cache(maxsize=64)
def _tool_gap(k: Knowledge, area: str) -> tuple[str, tuple[str, ...]]:
    """TOOL-6's reason for ``area`` and the tools that would reach it."""
    tools = tuple(k.tools_reaching(area))
    names = " or ".join(k.tools[t].name.lower() for t in tools)
    return k.messages.exclusions["no-tool"].format(tools=names), tools


def _tool_exclusion(k: Knowledge, area: str) -> Exclusion:
    reason, tools = _tool_gap(k, area)
    return Exclusion(area=area, reason=reason, rules=["TOOL-6"], tools=list(tools))


def plan_session(req: PlanRequest, k: Knowledge, now: datetime) -> PlanResponse:
    """The whole answer to "what do I roll now?" for one validated request."""
    refusal = screen_refusal(req, k)
    if refusal is not None:
        return _refused(req, k, refusal)
    status = assess_injuries(req.injuries, now)
    repeated = repeated_pain_sites(req, now)
    selection = select_areas(req, k)
    fit = fit_session(req, k, selection.picks, status, set(repeated))
    steps: list[Step] = []
    for f in fit.fitted:
        steps += area_steps(
            k, req.when, f.pick, f.technique, f.dose, f.seconds, f.sides, len(steps) + 1
        )
    excluded = [
        *selection.excluded,
        *_acute_exclusions(k, status),
        *_repeated_pain_exclusions(k, repeated),
        *(_tool_exclusion(k, area) for area in fit.no_tool),
    ]
    return PlanResponse(
        status="ok",
        when=req.when,
        total_seconds=sum(step.seconds for step in steps),
        steps=steps,
        excluded=excluded,
        warnings=plan_warnings(req, k, steps, status.past, fit.left_out),
        before=before_rolling(req, k, k.week.settings.long_minutes),
        after=after_rolling(req, k, steps),
        stop_signs=k.messages.stop_signs,
        refusal=None,
    )
