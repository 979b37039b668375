"""Planned runs over HTTP (REST-6): the runs the athlete intends, which the week fits."""

import datetime as dt

from fastapi import HTTPException, Request, status
from pydantic import field_validator

from rollcoach.history.planned import PlannedRuns, StoredPlanned
from rollcoach.models.week import WeekPlanned
from rollcoach.web.api.records import Created
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.planning import local_now
from rollcoach.web.routing import api_router

router = api_router("week")


class NewPlanned(WeekPlanned):
    """A planned run is from today on: a run already past is history, not a plan."""

    @field_validator("date")
    @classmethod
    def _not_past(cls, value: dt.date) -> dt.date:
        today = local_now().date()
        if value < today:
            raise ValueError(f"{value.isoformat()} is before today ({today.isoformat()})")
        return value


def planned_runs(request: Request) -> PlannedRuns:
    return PlannedRuns(services_of(request).store.engine)


@router.get("/planned", tags=["week"])
def list_planned(request: Request, viewer: ViewerDep) -> list[StoredPlanned]:
    """The runs you plan, from today on, soonest first."""
    return planned_runs(request).upcoming(viewer.athlete_id, local_now().date())


@router.post("/planned", status_code=status.HTTP_201_CREATED, tags=["week"])
def add_planned(body: NewPlanned, request: Request, viewer: ViewerDep) -> Created:
    """A run you intend; the week (`/api/v1/weeks/current`, the Week page) fits around it."""
    return Created(id=planned_runs(request).add(viewer.athlete_id, body))


@router.delete(
    "/planned/{planned_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["week"],
    responses={404: {"description": "No such planned run of yours."}},
)
def remove_planned(planned_id: RecordId, request: Request, viewer: ViewerDep) -> None:
    if not planned_runs(request).remove(viewer.athlete_id, planned_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such planned run")
