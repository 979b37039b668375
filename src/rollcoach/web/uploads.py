"""Imports from the browser or the API: uploads saved to a private folder, read in the background.

The job's progress and per-file report live in the database (``ImportJobs``) so
any app process can show them; the process that took the upload does the work.
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from fastapi import BackgroundTasks, HTTPException, Request, UploadFile, status

from rollcoach.history.import_jobs import ImportJobs, JobState
from rollcoach.history.importing import ImportReport, import_paths
from rollcoach.history.store import Store
from rollcoach.imports.limits import MB, ImportLimits
from rollcoach.web.auth import Viewer, services_of

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SavedUpload:
    path: Path
    name: str


def save_uploads(files: list[UploadFile], folder: Path, max_mb: int) -> list[SavedUpload]:
    """Copy each upload to ``folder`` under a safe name; 413 past the size limit."""
    saved, total = [], 0
    for index, upload in enumerate(files):
        name = PurePath((upload.filename or "upload").replace("\\", "/")).name or "upload"
        target = folder / f"{index:04d}-{name}"
        with target.open("wb") as out:
            while chunk := upload.file.read(CHUNK):
                total += len(chunk)
                if total > max_mb * MB:
                    raise HTTPException(
                        status.HTTP_413_CONTENT_TOO_LARGE, f"uploads are limited to {max_mb} MB"
                    )
                out.write(chunk)
        saved.append(SavedUpload(target, name))
    return saved


def new_upload_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="rollcoach-upload-"))


class _Progress:
    """Turns the importer's per-file callback into the job's per-file report."""

    def __init__(self, jobs: ImportJobs, job_id: int, names: dict[str, str]) -> None:
        self.jobs, self.job_id, self.names = jobs, job_id, names
        self.report = ImportReport()
        self.files: list[dict[str, Any]] = []
        self.seen = (0, 0, 0)

    def on_file(self, path: Path) -> None:
        imported, already, skipped = (
            self.report.imported,
            self.report.already,
            len(self.report.skipped),
        )
        name = self.names.get(str(path), path.name)
        reasons = [item["reason"] for item in self.report.skipped[self.seen[2] :]]
        self.files.append(
            {
                "name": name,
                "imported": imported - self.seen[0],
                "already": already - self.seen[1],
                "skipped": reasons,
            }
        )
        self.seen = (imported, already, skipped)
        self.jobs.advance(self.job_id, len(self.files), self.as_json())

    def as_json(self) -> dict[str, Any]:
        data = self.report.as_json()
        data["files"] = self.files
        return data


def run_import(
    store: Store, jobs: ImportJobs, job_id: int, athlete_id: int, uploads: list[SavedUpload]
) -> None:
    """Import the saved uploads into the athlete's history, then remove them."""
    names = {str(upload.path): upload.name for upload in uploads}
    progress = _Progress(jobs, job_id, names)
    try:
        import_paths(
            store,
            athlete_id,
            [u.path for u in uploads],
            ImportLimits(),
            progress.on_file,
            report=progress.report,
        )
        jobs.finish(job_id, _public(progress.as_json(), uploads))
    except Exception as error:
        jobs.finish(job_id, {"error": f"the import stopped: {error}"}, status="failed")
    finally:
        if uploads:
            shutil.rmtree(uploads[0].path.parent, ignore_errors=True)


def _public(report: dict[str, Any], uploads: list[SavedUpload]) -> dict[str, Any]:
    """Skipped paths named as the runner knows them, not by our temporary folder."""
    for item in report["skipped"]:
        for upload in uploads:
            item["path"] = item["path"].replace(str(upload.path), upload.name)
    return report


def start_import(
    request: Request, viewer: Viewer, files: list[UploadFile], background: BackgroundTasks
) -> JobState:
    """Save the uploads, queue the import after the response, and return the new job."""
    services = services_of(request)
    folder = new_upload_folder()
    try:
        uploads = save_uploads(files, folder, services.settings.max_upload_mb)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job_id = services.jobs.start(viewer.athlete_id, len(uploads))
    background.add_task(
        run_import, services.store, services.jobs, job_id, viewer.athlete_id, uploads
    )
    job = services.jobs.get(viewer.athlete_id, job_id)
    assert job is not None
    return job
