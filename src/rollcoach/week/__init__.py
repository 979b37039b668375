"""The week planner: rest, light and run days, roll days, and training load."""

from rollcoach.week.planner import plan_week

__all__ = ["plan_week"]
