"""Planned runs over HTTP (REST-6): the runs the athlete intends, which the week fits."""

from fastapi import HTTPException, Request, status

from rollcoach.history.planned import NewPlanned, PlannedRuns, StoredPlanned
from rollcoach.web.api.records import Created
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.planning import local_now
from rollcoach.web.routing import api_router

router = api_router("week")


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
