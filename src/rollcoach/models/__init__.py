"""Request and response models: the JSON contract of spec/interface.md."""

from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import PlanResponse
from rollcoach.models.week import WeekRequest, WeekResponse

__all__ = ["PlanRequest", "PlanResponse", "WeekRequest", "WeekResponse"]
