"""Small builders for requests, so each test states only what it is about."""

from typing import Any

import rollcoach
from rollcoach.models import PlanResponse, WeekResponse
from tests.spec import NEVER_AREAS as SPEC_NEVER_AREAS
from tests.spec import TOOLS

NOW = "2026-11-23T18:30:00+00:00"
TODAY = "2026-11-23"
NEVER_AREAS = set(SPEC_NEVER_AREAS)
ALL_TOOLS = list(TOOLS)


def make_plan(**fields: Any) -> PlanResponse:
    """A plan for ``fields`` at a fixed moment (so tests are deterministic)."""
    return rollcoach.plan({"now": NOW, **fields})


def make_week(**fields: Any) -> WeekResponse:
    return rollcoach.week({"today": TODAY, **fields})


def areas_of(plan: PlanResponse) -> list[str]:
    """Step areas in order, each once."""
    return list(dict.fromkeys(step.area for step in plan.steps))


def excluded(plan: PlanResponse, area: str) -> list[Any]:
    return [e for e in plan.excluded if e.area == area]


def refusal_rules(plan: PlanResponse) -> set[str]:
    assert plan.refusal is not None
    return {rule for reason in plan.refusal.reasons for rule in reason.rules}


def assert_refused(plan: PlanResponse, rule: str) -> None:
    assert plan.status == "refused"
    assert plan.steps == []
    assert plan.total_seconds == 0
    assert rule in refusal_rules(plan)
    assert plan.refusal is not None
    assert plan.refusal.advice
