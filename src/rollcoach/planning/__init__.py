"""The session planner: which areas, tool, side, time and pressure, in order."""

from rollcoach.planning.session import plan_session

__all__ = ["plan_session"]
