"""One import job in a process of its own (``python -m rollcoach.web.import_child JOB LEASE DIR``).

Started by the web process (import_runner.py) so that a reader crashing on a
hostile file ends this process, not the server. It holds the job's lease: a thread
keeps the heartbeat fresh, the report reaches the job row as the files go, and
SIGTERM or SIGINT (shutdown) stops it between files, the job left interrupted to
resume. The database URL comes in ``ROLLCOACH_DATABASE_URL`` (not on the command
line, where other users could read a password). Details of a failure go to the
log (the server's, as this process shares its stderr); the runner reads plain words.
"""

import faulthandler
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from rollcoach.history.db import create_history_engine
from rollcoach.history.import_jobs import (
    DONE,
    ENDED,
    FAILED,
    HEARTBEAT_EVERY_S,
    INTERRUPTED,
    ImportJobs,
    RunningJob,
)
from rollcoach.history.importing import import_paths
from rollcoach.history.settings import database_url
from rollcoach.history.store import Store
from rollcoach.imports.limits import ImportLimits
from rollcoach.web.import_progress import ImportStopped, JobProgress
from rollcoach.web.upload_folder import remove, upload_files

log = logging.getLogger("rollcoach.import")


def run_job(
    store: Store, held: tuple[int, str], job: RunningJob, folder: Path, stop: threading.Event
) -> None:
    """Import the job's upload and record how it ended: done, failed, or interrupted."""
    jobs = ImportJobs(store.engine)
    uploads = upload_files(folder)
    progress = JobProgress(jobs, held, folder, uploads, stop)
    progress.resumed = int(job.snapshot.report.get("resumed", 0))
    try:
        import_paths(
            store,
            job.athlete_id,
            uploads,
            ImportLimits(),
            progress.on_file,
            report=progress.report,
            tally=progress,
        )
        status = DONE
    except ImportStopped:
        status = INTERRUPTED
    except Exception:
        log.exception("import job %s stopped on an error", held[0])
        status = FAILED
    if jobs.finish(*held, status, progress.snapshot(status)) and status in ENDED:
        remove(folder)  # here too, not only in the web process: that one may be gone


@contextmanager
def heartbeat(jobs: ImportJobs, held: tuple[int, str], stop: threading.Event) -> Iterator[None]:
    """Say every few seconds that this process is alive; stop if the lease was lost."""
    ended = threading.Event()

    def beat() -> None:
        while not ended.wait(HEARTBEAT_EVERY_S):
            try:
                if not jobs.beat(*held):
                    stop.set()  # taken over, or ended elsewhere
                    return
            except SQLAlchemyError:
                log.warning("import job %s: no heartbeat this time", held[0], exc_info=True)

    thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        ended.set()
        thread.join()


def stop_on_signals(stop: threading.Event) -> None:
    """Shutdown asks the child to stop: finish the file in hand, then end the job resumable."""
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda _number, _frame: stop.set())


def main(argv: list[str]) -> int:
    job_id, lease, folder = int(argv[0]), argv[1], Path(argv[2])
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    faulthandler.enable()  # a crash leaves its stack in the server's log
    stop = threading.Event()
    stop_on_signals(stop)
    store = Store(create_history_engine(database_url()))
    try:
        jobs = ImportJobs(store.engine)
        job = jobs.running(job_id, lease)
        if job is None:
            return 0  # ended or taken over before this process got going
        with heartbeat(jobs, (job_id, lease), stop):
            run_job(store, (job_id, lease), job, folder, stop)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
