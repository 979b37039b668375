"""Imports from the browser or the API: each upload kept in its job's folder, read by a child.

The job's progress and per-file report live in the database (``ImportJobs``) so
any app process can show them. The upload is written once, straight into its
folder as it arrives (upload_stream.py); a child process reads it
(import_runner.py), and an interrupted job resumes from the same folder.
"""

from typing import Any

from fastapi import HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from rollcoach.history.import_jobs import JobState
from rollcoach.imports.limits import MB
from rollcoach.web.auth import (
    CSRF_COOKIE,
    CSRF_HEADER,
    SESSION_COOKIE,
    Viewer,
    bearer_of,
    services_of,
)
from rollcoach.web.import_runner import NotResumable
from rollcoach.web.services import Services
from rollcoach.web.upload_folder import remove
from rollcoach.web.upload_stream import FieldCheck, receive_files

FORM_OUT_OF_DATE = (
    "the form is out of date or came from another site: reload it and choose the files again"
)

# The request body of POST /api/v1/imports, for the API docs (the route reads the stream itself).
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Run files, zips or exports.",
                        }
                    },
                }
            }
        },
    }
}


async def start_import(request: Request, viewer: Viewer, check: FieldCheck | None) -> JobState:
    """Receive the upload into a folder of its own, start its job, and return the job."""
    services = services_of(request)
    incoming = services.imports.folders.incoming()
    try:
        files = await receive_files(request, incoming, services.settings.max_upload_mb * MB, check)
        job_id = await run_in_threadpool(services.imports.start, viewer.athlete_id, incoming, files)
    except BaseException:
        remove(incoming)
        raise
    return _job(services, viewer, job_id)


def resume_import(request: Request, viewer: Viewer, job_id: int) -> JobState:
    """Run an interrupted job again from its kept upload; 409 with the reason if it cannot."""
    services = services_of(request)
    if services.jobs.get(viewer.athlete_id, job_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such import")
    try:
        services.imports.resume(viewer.athlete_id, job_id)
    except NotResumable as why:
        raise HTTPException(status.HTTP_409_CONFLICT, str(why)) from None
    return _job(services, viewer, job_id)


def _job(services: Services, viewer: Viewer, job_id: int) -> JobState:
    job = services.jobs.get(viewer.athlete_id, job_id)
    assert job is not None
    return job


def form_token_check(request: Request) -> FieldCheck | None:
    """The import page's CSRF check: the header if sent, else the form's field before the files.

    The page's routes check forms by reading them whole (``auth.check_csrf``),
    which would spool the upload to disk first; this checks the token as it streams by.
    """
    signer, cookie = services_of(request).signer, request.cookies.get(CSRF_COOKIE)

    def check(submitted: str | None) -> None:
        if not signer.csrf_ok(cookie, submitted):
            raise HTTPException(status.HTTP_403_FORBIDDEN, FORM_OUT_OF_DATE)

    header = request.headers.get(CSRF_HEADER)
    if header is None:
        return check
    check(header)
    return None


def csrf_header_for_uploads(request: Request) -> None:
    """A browser uploading to the API sends its CSRF token as a header, never in the body.

    Checked before the API's own check (``auth.check_csrf_unless_token``), which
    would otherwise read a form body whole to find the token.
    """
    cookie_only = request.cookies.get(SESSION_COOKIE) and not bearer_of(
        request.headers.get("authorization", "")
    )
    if cookie_only and request.headers.get(CSRF_HEADER) is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "send the X-CSRF-Token header with uploads")
