"""Plan one rolling session: screen, pick, fit, explain. Pure: no I/O, no clock."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Exclusion, PlanResponse, Refusal, Step
from rollcoach.planning.care import after_rolling, before_rolling
from rollcoach.planning.fitting import Fit, fit_session
from rollcoach.planning.selection import select_areas
from rollcoach.planning.steps import area_steps
from rollcoach.planning.warnings import plan_warnings
from rollcoach.safety import InjuryStatus, assess_injuries, repeated_pain_sites, screen_refusal
from rollcoach.vocabulary import When


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


# Exclusions are frozen, so each distinct one is built once and shared between
# answers: most plans list the same few TOOL-6 gaps (bench/plan.py: ~10 µs a plan).
@lru_cache(maxsize=1024)
def _acute_exclusion(k: Knowledge, area: str, side: str, hours: int) -> Exclusion:
    text = k.messages.exclusions["acute"]
    return Exclusion(
        area=area, side=side, reason=text.format(hours=hours), rules=["SAFE-5"], hours_left=hours
    )


def _acute_exclusions(k: Knowledge, status: InjuryStatus) -> list[Exclusion]:
    return [
        _acute_exclusion(k, area, side, hours) for (area, side), hours in status.hours_left.items()
    ]


@lru_cache(maxsize=64)
def _repeated_pain_exclusion(k: Knowledge, site: str) -> Exclusion:
    entry = k.messages.warnings["repeated-pain"]
    return Exclusion(area=site, reason=entry.message, rules=entry.rules)


def _repeated_pain_exclusions(k: Knowledge, sites: list[str]) -> list[Exclusion]:
    return [_repeated_pain_exclusion(k, s) for s in sites]


@lru_cache(maxsize=64)
def _tool_exclusion(k: Knowledge, area: str) -> Exclusion:
    """TOOL-6: no owned tool reaches ``area``; names the tools that would."""
    tools = k.tools_reaching(area)
    names = " or ".join(k.tools[t].name.lower() for t in tools)
    reason = k.messages.exclusions["no-tool"].format(tools=names)
    return Exclusion(area=area, reason=reason, rules=["TOOL-6"], tools=tools)


@dataclass(slots=True)
class _Rolled:
    """The steps of a fitted session and the few facts the advice around them needs."""

    steps: list[Step]
    areas: tuple[str, ...]  # in order, once each
    sensitive: bool  # a step on a sensitive area (AREA-4)
    careful: bool  # ... or any gentle step: stretch with care


def _rolled(k: Knowledge, when: When, fit: Fit) -> _Rolled:
    """Steps for every fitted area; the same pass gathers what warnings and after-care need."""
    steps: list[Step] = []
    areas: list[str] = []
    sensitive = gentle = False
    for f in fit.fitted:
        steps += area_steps(
            k, when, f.pick, f.technique.tool, f.dose, f.seconds, f.sides, len(steps) + 1
        )
        areas.append(f.pick.area)
        sensitive = sensitive or f.technique.sensitive
        gentle = gentle or f.dose.pressure == "gentle"
    return _Rolled(steps, tuple(areas), sensitive, sensitive or gentle)


def plan_session(req: PlanRequest, k: Knowledge, now: datetime) -> PlanResponse:
    """The whole answer to "what do I roll now?" for one validated request."""
    refusal = screen_refusal(req, k)
    if refusal is not None:
        return _refused(req, k, refusal)
    status = assess_injuries(req.injuries, now)
    repeated = repeated_pain_sites(req, now)
    selection = select_areas(req, k)
    fit = fit_session(req, k, selection.picks, status, set(repeated))
    rolled = _rolled(k, req.when, fit)
    excluded = [
        *selection.excluded,
        *_acute_exclusions(k, status),
        *_repeated_pain_exclusions(k, repeated),
        *(_tool_exclusion(k, area) for area in fit.no_tool),
    ]
    return PlanResponse(
        status="ok",
        when=req.when,
        total_seconds=sum(f.seconds * len(f.sides) for f in fit.fitted),
        steps=rolled.steps,
        excluded=excluded,
        warnings=plan_warnings(req, k, rolled.areas, rolled.sensitive, status.past, fit.left_out),
        before=before_rolling(req, k, k.week.settings.long_minutes),
        after=after_rolling(req.when, k, rolled.areas, rolled.careful),
        stop_signs=k.messages.stop_signs,
        refusal=None,
    )
