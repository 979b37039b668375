"""Each import runs in a child process, so a reader that crashes takes only the child with it.

The web process starts ``python -m rollcoach.web.import_child`` for a job (one
child per job; the job-queue issue moves this to workers) and a thread waits on
it. The child holds the job's lease and records how the job ended; when it dies
without saying (a segfault, kill -9) its watcher does: failed with a plain reason
after a crash, interrupted (resumable) when it was killed. At shutdown each child
is asked to stop between files and killed after ``SHUTDOWN_GRACE_S``; its job is
left interrupted with its upload kept, to resume.
"""

import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from rollcoach.history.accounts import Accounts
from rollcoach.history.import_jobs import (
    FAILED,
    HEARTBEAT_EVERY_S,
    INTERRUPTED,
    ImportJobs,
    Snapshot,
)
from rollcoach.history.settings import DATABASE_URL_VARIABLE
from rollcoach.history.store import Store
from rollcoach.history.tables import utc_now
from rollcoach.web.import_progress import SOMETHING_BROKE, crashed_on
from rollcoach.web.settings import WebSettings
from rollcoach.web.upload_folder import UploadFolders, default_upload_dir, space_of

CHILD_MODULE = "rollcoach.web.import_child"
UPLOAD_SPACE_ROW = "upload-space"  # the random value naming this database's upload folder
SHUTDOWN_GRACE_S = 10.0  # how long a stopping child may take to finish the file in hand
RECORD_S = 2.0  # then how long its watcher may take to record how the job ended
KEEP_STOPPED_FOR = timedelta(days=7)  # an interrupted job's upload waits this long to resume
NOT_RESUMED = (
    "This import stopped and was not resumed for a week, so its upload was removed: "
    "import the same files again to add the rest (nothing is counted twice)."
)
NOTHING_TO_RESUME = "Only an interrupted import can be resumed."
UPLOAD_GONE = "This import's upload is no longer kept here: import the same files again."
log = logging.getLogger(__name__)


def _exit_codes(*names: str) -> frozenset[int]:
    """How ``Popen.returncode`` says a signal ended a process (the signals this OS has)."""
    return frozenset(-getattr(signal, name) for name in names if hasattr(signal, name))


CRASHED = _exit_codes("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT")
KILLED = _exit_codes("SIGKILL", "SIGTERM", "SIGINT")


class NotResumable(Exception):
    """Why a job cannot be resumed, in words for the runner."""


@dataclass
class _Child:
    job_id: int
    lease: str
    process: subprocess.Popen[bytes]
    watcher: threading.Thread | None = None


def new_lease() -> str:
    """Who holds a job: this host and process, and a random part for this attempt."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(6)}"


class ImportRunner:
    """Starts, watches and stops this web process's import children."""

    def __init__(self, jobs: ImportJobs, folders: UploadFolders, database_url: str) -> None:
        self.jobs, self.folders, self.database_url = jobs, folders, database_url
        self.child_module = CHILD_MODULE  # tests give children that crash on purpose
        self._children: dict[int, _Child] = {}
        self._lock = threading.Lock()
        self._stopping = False

    def start(self, athlete_id: int, incoming: Path, files: int) -> int:
        """A new job for the upload in ``incoming`` (which becomes the job's folder)."""
        lease = new_lease()
        job_id = self.jobs.start(athlete_id, files, lease)
        self._launch(job_id, lease, self.folders.adopt(incoming, job_id))
        return job_id

    def resume(self, athlete_id: int, job_id: int) -> None:
        """Run an interrupted job again from its kept upload (stored files are skipped)."""
        folder = self.folders.of(job_id)
        if not folder.is_dir():
            raise NotResumable(UPLOAD_GONE)
        lease = new_lease()
        if not self.jobs.resume(athlete_id, job_id, lease):
            raise NotResumable(NOTHING_TO_RESUME)
        self._launch(job_id, lease, folder)

    def pid(self, job_id: int) -> int | None:
        """The process running this job here, if one does."""
        child = self._children.get(job_id)
        return None if child is None else child.process.pid

    def sweep(self) -> None:
        """At start-up: give up on long-stopped jobs, then remove uploads no job needs."""
        self.jobs.give_up(utc_now() - KEEP_STOPPED_FOR, NOT_RESUMED)
        for folder in self.folders.sweep(self.jobs.kept):
            log.info("removed the upload folder %s: no job needs it", folder)

    def stop(self, grace: float = SHUTDOWN_GRACE_S) -> None:
        """Stop every child between files; kill those still running after ``grace`` seconds.

        Returns within ``grace + RECORD_S`` seconds; each job is left interrupted.
        """
        with self._lock:
            self._stopping = True
            children = list(self._children.values())
        for child in children:
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in children:
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                log.warning("import job %s did not stop in time: killed", child.job_id)
                child.process.kill()
        deadline = time.monotonic() + RECORD_S
        for child in children:
            if child.watcher is not None:
                child.watcher.join(timeout=max(deadline - time.monotonic(), 0))

    def _launch(self, job_id: int, lease: str, folder: Path) -> None:
        command = [sys.executable, "-m", self.child_module, str(job_id), lease, str(folder)]
        environment = {**os.environ, DATABASE_URL_VARIABLE: self.database_url}
        with self._lock:
            if self._stopping:  # shutting down: the job waits, interrupted, to be resumed
                self.jobs.finish(job_id, lease, INTERRUPTED, Snapshot(0, 0, {}))
                return
            try:
                # Our own interpreter and module, the job's id, lease and folder: no shell.
                process = subprocess.Popen(  # noqa: S603
                    command, env=environment, stdin=subprocess.DEVNULL
                )
            except OSError:
                log.exception("import job %s: could not start its process", job_id)
                self.jobs.finish(job_id, lease, FAILED, Snapshot(0, 0, {"error": SOMETHING_BROKE}))
                self.folders.discard(job_id)
                return
            child = _Child(job_id, lease, process)
            self._children[job_id] = child
        child.watcher = threading.Thread(
            target=self._watch, args=(child,), name=f"import-job-{job_id}", daemon=True
        )
        child.watcher.start()

    def _watch(self, child: _Child) -> None:
        code = self._wait_beating(child)
        try:
            self._record_end(child, code)
        except Exception:
            log.exception("import job %s: could not record how it ended", child.job_id)
        finally:
            with self._lock:
                self._children.pop(child.job_id, None)

    def _wait_beating(self, child: _Child) -> int:
        """Wait for the child, keeping its job's heartbeat fresh while it lives.

        The child beats too, but a child starting on a busy machine (seen: dozens
        starting at once under bench/load.py) can take longer than the lease before
        its first beat, and its job then looked interrupted while it ran.
        """
        while True:
            try:
                return child.process.wait(timeout=HEARTBEAT_EVERY_S)
            except subprocess.TimeoutExpired:
                try:
                    self.jobs.beat(child.job_id, child.lease)
                except SQLAlchemyError:
                    log.warning("import job %s: no heartbeat this time", child.job_id)

    def _record_end(self, child: _Child, code: int) -> None:
        """The child's own record stands; a child that died without one gets it here."""
        left = self.jobs.running(child.job_id, child.lease)
        if left is not None:
            log.warning("import job %s: its process ended with %s", child.job_id, code)
            status, last = _verdict(code, left.snapshot)
            self.jobs.finish(child.job_id, child.lease, status, last)
        if child.job_id not in self.jobs.kept([child.job_id]):
            self.folders.discard(child.job_id)


def _verdict(code: int, last: Snapshot) -> tuple[str, Snapshot]:
    """Killed: interrupted, to resume. Crashed or broken: failed, said plainly."""
    if code in KILLED:
        return INTERRUPTED, last
    reading = [entry["name"] for entry in last.report.get("files", []) if entry.get("reading")]
    error = crashed_on(reading[0] if reading else None) if code in CRASHED else SOMETHING_BROKE
    return FAILED, replace(last, report={**last.report, "error": error})


def import_runner(settings: WebSettings, store: Store, jobs: ImportJobs) -> ImportRunner:
    """This app's runner, after removing the uploads no job needs any more (start-up)."""
    space = space_of(Accounts(store.engine).secret(UPLOAD_SPACE_ROW))
    folders = UploadFolders((settings.upload_dir or default_upload_dir()) / space)
    runner = ImportRunner(jobs, folders, store.engine.url.render_as_string(hide_password=False))
    runner.sweep()
    return runner
