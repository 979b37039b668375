"""Import: upload run files or whole exports; a background job with live progress."""

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response

from rollcoach.web.auth import services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.uploads import form_token_check, resume_import, start_import

router = page_router()
# The upload checks its form's CSRF token as the body streams in (uploads.form_token_check),
# so it is not on the page router, whose check reads the whole form first.
upload_router = APIRouter(include_in_schema=False)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    jobs = services_of(request).jobs.recent(viewer.athlete_id)
    return render(request, "import.html", {"title": "Import", "jobs": jobs})


@upload_router.post("/import")
async def upload(request: Request, viewer: PageViewer) -> Response:
    job = await start_import(request, viewer, form_token_check(request))
    return back_to(f"/import/{job.id}")


@router.get("/import/{job_id}", response_class=HTMLResponse)
def job_page(job_id: RecordId, request: Request, viewer: PageViewer) -> HTMLResponse:
    job = services_of(request).jobs.get(viewer.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such import")
    return render(request, "import_job.html", {"title": "Import", "job": job, "active": "/import"})


@router.post("/import/{job_id}/resume")
def resume(job_id: RecordId, request: Request, viewer: PageViewer) -> Response:
    resume_import(request, viewer, job_id)
    return back_to(f"/import/{job_id}")
