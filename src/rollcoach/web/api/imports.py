"""Imports over HTTP: upload run files or whole exports; poll the job; resume an interrupted one."""

from typing import Any

from fastapi import Depends, HTTPException, Request, status

from rollcoach.history.import_jobs import JobState
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.routing import api_router
from rollcoach.web.uploads import UPLOAD_BODY, csrf_header_for_uploads, resume_import, start_import

router = api_router("imports")
NOT_YOURS: dict[int | str, dict[str, Any]] = {404: {"description": "No such import of yours."}}


@router.post(
    "/imports",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(csrf_header_for_uploads)],
    openapi_extra=UPLOAD_BODY,
    responses={
        400: {"description": "Not a multipart form, or cut off."},
        413: {"description": "Past the upload limit."},
        415: {"description": "Not multipart/form-data."},
    },
)
async def create_import(request: Request, viewer: ViewerDep) -> JobState:
    """Start importing ``files``; ``GET /api/v1/imports/{id}`` tells how far it got.

    The files are written to disk as they arrive and read in a process of their own.
    """
    return await start_import(request, viewer, check=None)


@router.get("/imports")
def imports(request: Request, viewer: ViewerDep) -> list[JobState]:
    return services_of(request).jobs.recent(viewer.athlete_id)


@router.get("/imports/{job_id}", responses=NOT_YOURS)
def import_job(job_id: RecordId, request: Request, viewer: ViewerDep) -> JobState:
    job = services_of(request).jobs.get(viewer.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such import")
    return job


@router.post(
    "/imports/{job_id}/resume",
    status_code=status.HTTP_202_ACCEPTED,
    responses={**NOT_YOURS, 409: {"description": "Not interrupted, or its upload is gone."}},
)
def resume_job(job_id: RecordId, request: Request, viewer: ViewerDep) -> JobState:
    """Resume an interrupted import from its kept upload (no need to upload again).

    Files already stored are recognised and skipped, so nothing is counted twice.
    """
    return resume_import(request, viewer, job_id)
