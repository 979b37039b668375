"""rollcoach: a recovery coach for runners that plans safe foam-rolling sessions."""

from rollcoach.api import plan, week
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse

__all__ = ["PlanRequest", "PlanResponse", "WeekRequest", "WeekResponse", "plan", "week"]
__version__ = "0.1.0"
