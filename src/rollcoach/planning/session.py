"""Plan one rolling session: screen, protect, pick, fit, arrange, explain. Pure: no I/O."""

from datetime import datetime

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import PlanResponse, Refusal
from rollcoach.planning.care import after_rolling, before_rolling, stretches_for
from rollcoach.planning.exclusions import all_exclusions
from rollcoach.planning.fitting import arrange, fit_session
from rollcoach.planning.selection import NEED, TIER, select_areas
from rollcoach.planning.steps import build_steps
from rollcoach.planning.warnings import plan_warnings
from rollcoach.safety import protection_for, repeated_pain_sites, screen_refusal


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


def plan_session(req: PlanRequest, k: Knowledge, now: datetime) -> PlanResponse:
    """The whole answer to "what do I roll now?" for one validated request."""
    refusal = screen_refusal(req, k)
    if refusal is not None:
        return _refused(req, k, refusal)
    guard = protection_for(req, k, now)
    repeated = repeated_pain_sites(req, now)
    selection = select_areas(req, k)
    fit = fit_session(req, k, selection.picks, guard, set(repeated))
    steps = build_steps(req, k, arrange(k, fit.placed))
    rolled = [p.pick.area for p in fit.placed]
    # TOOL-7/8: stretched instead when needed, or in the core set of a session that rolls;
    # never before a run (TIME-3).
    needed = {p.area for p in selection.picks if p.tier <= NEED}
    if fit.placed:
        needed |= {p.area for p in selection.picks if p.tier == TIER["core"]}
    stretching = req.when != "pre-run"
    wanted = [a for a in fit.no_tool if stretching and a in needed]
    stretches = stretches_for(req, k, rolled, wanted, guard)
    stretched = {s.area for s in stretches}  # a stretch that leans on a hurt site is dropped
    unreached = [(area, area in stretched) for area in fit.no_tool]
    sensitive = any(p.technique.sensitive for p in fit.placed)
    careful = sensitive or any(s.pressure == "gentle" for s in steps)
    total = sum(s.seconds for s in steps)
    return PlanResponse(
        status="ok",
        when=req.when,
        total_seconds=total,
        steps=steps,
        excluded=all_exclusions(k, selection.excluded, guard, repeated, unreached, fit.leans),
        warnings=plan_warnings(req, k, tuple(rolled), sensitive, guard, fit.left_out),
        before=before_rolling(req, k),
        after=after_rolling(req.when, k, stretches, careful),
        stop_signs=k.messages.stop_signs,
        refusal=None,
        session_seconds=total + sum(s.setup_seconds for s in steps),
        stretches=stretches,
    )
