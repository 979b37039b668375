"""Imports over HTTP: upload run files or whole exports; poll the job for progress."""

from typing import Annotated

from fastapi import (
    BackgroundTasks,
    File,
    HTTPException,
    Request,
    UploadFile,
    status,
)

from rollcoach.history.import_jobs import JobState
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.routing import api_router
from rollcoach.web.uploads import start_import

router = api_router("imports")


@router.post("/imports", status_code=status.HTTP_202_ACCEPTED)
def create_import(
    request: Request,
    viewer: ViewerDep,
    files: Annotated[list[UploadFile], File(description="Run files, zips or exports.")],
    background: BackgroundTasks,
) -> JobState:
    """Start importing; ``GET /api/v1/imports/{id}`` tells how far it got and what was skipped."""
    return start_import(request, viewer, files, background)


@router.get("/imports")
def imports(request: Request, viewer: ViewerDep) -> list[JobState]:
    return services_of(request).jobs.recent(viewer.athlete_id)


@router.get("/imports/{job_id}", responses={404: {"description": "No such import of yours."}})
def import_job(job_id: RecordId, request: Request, viewer: ViewerDep) -> JobState:
    job = services_of(request).jobs.get(viewer.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such import")
    return job
