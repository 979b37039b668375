"""Coaches: an athlete grants read access; the coach reads plans and adherence, nothing else."""

from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import Response
from pydantic import BaseModel, EmailStr

from rollcoach.history.records import StoredSession
from rollcoach.models import PlanResponse, WeekResponse
from rollcoach.web.api.engine import json_of
from rollcoach.web.auth import ViewerDep, coached, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.planning import plan_for, week_for
from rollcoach.web.routing import api_router

router = api_router("coaches")
NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No athlete of yours with this id."}
}


class CoachIn(BaseModel):
    email: EmailStr


class CoachOut(BaseModel):
    id: int
    email: str


class AthleteOut(BaseModel):
    id: int
    email: str


@router.get("/coaches")
def coaches(request: Request, viewer: ViewerDep) -> list[CoachOut]:
    rows = services_of(request).accounts.coaches_of(viewer.athlete_id)
    return [CoachOut(id=user_id, email=email) for user_id, email in rows]


@router.post(
    "/coaches",
    status_code=status.HTTP_201_CREATED,
    responses={404: {"description": "No account with this email."}},
)
def grant(body: CoachIn, request: Request, viewer: ViewerDep) -> list[CoachOut]:
    """Let the account with this email read your plans and sessions."""
    accounts = services_of(request).accounts
    if not accounts.grant_coach(viewer.athlete_id, body.email.strip().lower()):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no other account has this email")
    return coaches(request, viewer)


@router.delete(
    "/coaches/{coach_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "No such coach of yours."}},
)
def revoke(coach_id: RecordId, request: Request, viewer: ViewerDep) -> None:
    if not services_of(request).accounts.revoke_coach(viewer.athlete_id, coach_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such coach")


@router.get("/athletes")
def athletes(request: Request, viewer: ViewerDep) -> list[AthleteOut]:
    """The athletes who granted you access."""
    if viewer.user_id is None:
        return []
    coached = services_of(request).accounts.coached_by(viewer.user_id)
    return [AthleteOut(id=athlete.athlete_id, email=athlete.email) for athlete in coached]


@router.get(
    "/athletes/{athlete_id}/plans/today", responses={200: {"model": PlanResponse}, **NOT_YOURS}
)
def athlete_plan(athlete_id: RecordId, request: Request, viewer: ViewerDep) -> Response:
    athlete = coached(request, viewer, athlete_id).athlete_id
    return json_of(plan_for(services_of(request).store, athlete))


@router.get(
    "/athletes/{athlete_id}/weeks/current", responses={200: {"model": WeekResponse}, **NOT_YOURS}
)
def athlete_week(athlete_id: RecordId, request: Request, viewer: ViewerDep) -> Response:
    athlete = coached(request, viewer, athlete_id).athlete_id
    return json_of(week_for(services_of(request).store, athlete))


@router.get("/athletes/{athlete_id}/sessions", responses=NOT_YOURS)
def athlete_sessions(
    athlete_id: RecordId, request: Request, viewer: ViewerDep
) -> list[StoredSession]:
    """The athlete's guided sessions: done, partial and stopped (adherence)."""
    athlete = coached(request, viewer, athlete_id).athlete_id
    return services_of(request).store.sessions(athlete)
