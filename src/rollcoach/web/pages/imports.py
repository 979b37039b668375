"""Import: upload run files or whole exports; a background job with live progress."""

from typing import Annotated

from fastapi import BackgroundTasks, File, HTTPException, Request, UploadFile, status
from fastapi.responses import HTMLResponse, Response

from rollcoach.web.auth import services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.uploads import start_import

router = page_router()


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    jobs = services_of(request).jobs.recent(viewer.athlete_id)
    return render(request, "import.html", {"title": "Import", "jobs": jobs})


@router.post("/import")
def upload(
    request: Request,
    viewer: PageViewer,
    files: Annotated[list[UploadFile], File()],
    background: BackgroundTasks,
) -> Response:
    job = start_import(request, viewer, files, background)
    return back_to(f"/import/{job.id}")


@router.get("/import/{job_id}", response_class=HTMLResponse)
def job_page(job_id: RecordId, request: Request, viewer: PageViewer) -> HTMLResponse:
    job = services_of(request).jobs.get(viewer.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such import")
    return render(request, "import_job.html", {"title": "Import", "job": job, "active": "/import"})
