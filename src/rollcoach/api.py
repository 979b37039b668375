"""The Python API: ``plan`` and ``week`` take a request and return a response model.

These are the only functions the CLI and the web app call into the engine with;
the clock is read here (when a request leaves ``now``/``today`` out) and nowhere
deeper, so the engine itself stays pure.
"""

from datetime import UTC, date, datetime
from typing import Any

from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse
from rollcoach.planning import plan_session
from rollcoach.week import plan_week


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def plan(request: PlanRequest | dict[str, Any]) -> PlanResponse:
    """Answer "what do I roll now?"; raises ``pydantic.ValidationError`` on bad input."""
    req = request if isinstance(request, PlanRequest) else PlanRequest.model_validate(request)
    now = _aware(req.now) if req.now is not None else datetime.now(UTC)
    return plan_session(req, load_knowledge(), now)


def week(request: WeekRequest | dict[str, Any]) -> WeekResponse:
    """Answer "how do my next days look?"; raises ``pydantic.ValidationError`` on bad input."""
    req = request if isinstance(request, WeekRequest) else WeekRequest.model_validate(request)
    today = req.today if req.today is not None else date.today()  # noqa: DTZ011
    return plan_week(req, load_knowledge(), today)
