"""An import job's live report: files done of files found, and what each upload gave.

Written to the job row between files as the import goes (up to ten times a second
while files store runs, once a second otherwise), so a job that stops midway still
shows what it stored. A file counts as one until reading it finds more inside (a
zip's members, an export's activities): the total grows as they are found.

The words a runner reads when a job stops are here too, in one place.
"""

import threading
import time
from pathlib import Path
from typing import Any

from rollcoach.history.import_jobs import DONE, FAILED, ImportJobs, Snapshot
from rollcoach.history.importing import ImportReport
from rollcoach.web.upload_folder import shown_name

STORED_EVERY_S = 0.1  # new runs reach the report this soon (after every file: 40 % slower)
PROGRESS_EVERY_S = 1.0  # and the counts at least this often when nothing new was stored

SOMETHING_BROKE = (
    "Something went wrong on our side, so the import stopped. The runs listed here are "
    "stored; import the same files again later to add the rest (nothing is counted twice)."
)


def crashed_on(name: str | None) -> str:
    """When the reader crashed the process it ran in (a damaged file, or a bug of ours)."""
    where = f"reading {name}" if name else "reading your files"
    return (
        f"The import stopped while {where}: that file may be damaged. The runs listed "
        "here are stored; import the other files without it (nothing is counted twice)."
    )


class ImportStopped(Exception):
    """Stop between files: the app is shutting down, or another process took the job over."""


class _Units:
    """Files done of files found."""

    def __init__(self, files: int) -> None:
        self.left, self.finished, self.found_here, self.done_here = files, 0, 0, 0

    def here(self) -> int:
        return max(self.found_here, self.done_here, 1)

    def next_file(self) -> None:
        self.finished += self.here()
        self.left -= 1
        self.found_here = self.done_here = 0

    def counts(self) -> tuple[int, int]:
        if self.left <= 0:
            return self.finished, self.finished
        return self.finished + self.done_here, self.finished + self.here() + self.left - 1


class JobProgress:
    """The importer's ``on_file`` and ``Tally``, turned into the job's report and counts."""

    def __init__(
        self,
        jobs: ImportJobs,
        job: tuple[int, str],
        folder: Path,
        uploads: list[Path],
        stop: threading.Event,
    ) -> None:
        self._jobs, (self._job_id, self._lease), self._stop = jobs, job, stop
        self._prefix, self._uploads = f"{folder}/", uploads
        self.report = ImportReport()
        self.resumed = 0
        self._units = _Units(len(uploads))
        self._files: list[dict[str, Any]] = []
        self._shown_skips: list[dict[str, str]] = []
        self._mark = (0, 0, 0)
        self._written = (-1, 0.0)  # imported, and when, at the last write

    def found(self, count: int) -> None:
        self._units.found_here += count

    def done(self) -> None:
        self._units.done_here += 1
        self._step()

    def on_file(self, path: Path) -> None:
        self._files.append(self._entry(path))
        self._mark = (self.report.imported, self.report.already, len(self.report.skipped))
        self._units.next_file()
        self._step()

    def snapshot(self, status: str | None = None) -> Snapshot:
        """Counts and report now; ``status``: how the job ended, if it did."""
        done, total = self._units.counts()
        report = self.report.as_json()
        report["skipped"] = self._skips()
        report["files"] = self._files + self._reading()
        if self.resumed:
            report["resumed"] = self.resumed
        if status == FAILED:
            report["error"] = SOMETHING_BROKE
        return Snapshot(total if status == DONE else done, total, report)

    def _step(self) -> None:
        """Write when something new was stored (or a while passed); stop if asked to."""
        now = time.monotonic()
        imported, at = self._written
        stored_more = self.report.imported != imported and now - at >= STORED_EVERY_S
        if stored_more or now - at >= PROGRESS_EVERY_S:
            if not self._jobs.advance(self._job_id, self._lease, self.snapshot()):
                raise ImportStopped  # the job is no longer ours
            self._written = (self.report.imported, now)
        if self._stop.is_set() and self._units.left > 0:
            raise ImportStopped

    def _entry(self, path: Path) -> dict[str, Any]:
        imported, already, skipped = self._mark
        return {
            "name": shown_name(path.name),
            "imported": self.report.imported - imported,
            "already": self.report.already - already,
            "skipped": [item["reason"] for item in self.report.skipped[skipped:]],
        }

    def _reading(self) -> list[dict[str, Any]]:
        """The file being read, with what it stored so far."""
        if self._units.left <= 0:
            return []
        current = self._uploads[len(self._uploads) - self._units.left]
        return [{**self._entry(current), "reading": True}]

    def _skips(self) -> list[dict[str, str]]:
        """Skipped paths as the runner named them, not by our folder (turned once each)."""
        for item in self.report.skipped[len(self._shown_skips) :]:
            self._shown_skips.append({**item, "path": self._shown(item["path"])})
        return list(self._shown_skips)

    def _shown(self, label: str) -> str:
        if not label.startswith(self._prefix):
            return label
        head, slash, rest = label[len(self._prefix) :].partition("/")
        return shown_name(head) + slash + rest
