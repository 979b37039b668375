"""Plan one rolling session: screen, pick, fit, explain. Pure: no I/O, no clock."""

from datetime import datetime

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Exclusion, PlanResponse, Refusal, Step
from rollcoach.planning.care import after_rolling, before_rolling
from rollcoach.planning.dosing import dose_for
from rollcoach.planning.fitting import Ready, fit_budget, sides_for
from rollcoach.planning.selection import Pick, select_areas
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


def _tool_exclusion(k: Knowledge, area: str) -> Exclusion:
    tools = k.tools_reaching(area)
    names = " or ".join(k.tools[t].name.lower() for t in tools)
    reason = k.messages.exclusions["no-tool"].format(tools=names)
    return Exclusion(area=area, reason=reason, rules=["TOOL-6"], tools=tools)


def _prepare(
    req: PlanRequest, k: Knowledge, picks: list[Pick], status: InjuryStatus, out: set[str]
) -> tuple[list[Ready], list[Exclusion]]:
    """Give each pick an owned tool, its open sides and a dose; note what no tool reaches."""
    owned = set(req.tools)
    ready, excluded = [], []
    for pick in picks:
        if pick.area in out:
            continue
        technique = next((t for t in k.techniques[pick.area] if t.tool in owned), None)
        if technique is None:
            excluded.append(_tool_exclusion(k, pick.area))
            continue
        sides = status.sides_open(pick.area, sides_for(k, pick.area, technique))
        if sides:
            dose = dose_for(req, k, pick, technique, pick.area in status.past)
            ready.append(Ready(pick, technique, sides, dose))
    return ready, excluded


def plan_session(req: PlanRequest, k: Knowledge, now: datetime) -> PlanResponse:
    """The whole answer to "what do I roll now?" for one validated request."""
    refusal = screen_refusal(req, k)
    if refusal is not None:
        return _refused(req, k, refusal)
    status = assess_injuries(req.injuries, now)
    repeated = repeated_pain_sites(req, now)
    selection = select_areas(req, k)
    ready, tool_gaps = _prepare(req, k, selection.picks, status, set(repeated))
    fitted, left_out = fit_budget(ready, int(req.minutes * 60))
    steps: list[Step] = []
    for item in fitted:
        r = item.ready
        steps += area_steps(
            k, req.when, r.pick, r.technique, r.dose, item.seconds, r.sides, len(steps) + 1
        )
    excluded = [
        *selection.excluded,
        *_acute_exclusions(k, status),
        *_repeated_pain_exclusions(k, repeated),
        *tool_gaps,
    ]
    return PlanResponse(
        status="ok",
        when=req.when,
        total_seconds=sum(step.seconds for step in steps),
        steps=steps,
        excluded=excluded,
        warnings=plan_warnings(req, k, steps, status.past, left_out),
        before=before_rolling(req, k, k.week.settings.long_minutes),
        after=after_rolling(req, k, steps),
        stop_signs=k.messages.stop_signs,
        refusal=None,
    )
