"""Where uploads wait for their import: a private folder per job, removed when the job ends.

``<upload_dir>/<space>/job-<id>/0000-monday.gpx``: ``space`` belongs to one database
(several may share an upload folder, and each sweeps only its own). A request
writes into an ``incoming-*`` folder, renamed to its job's once the job exists, so
the bytes land on disk once. A job's folder stays while the job runs or is
interrupted (it can resume from it) and goes when the job is done or failed; at
start-up the folders of ended or unknown jobs, and uploads abandoned mid-way, go too.
"""

import hashlib
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path, PurePath

from platformdirs import user_data_dir

INCOMING = "incoming-"
INCOMING_STALE = timedelta(hours=6)  # an upload still arriving after this long was abandoned
MAX_NAME_BYTES = 160  # well under the 255 bytes a file name may have
_JOB_FOLDER = re.compile(r"job-(\d+)")
_ORDER = re.compile(r"\d{4}-")

Kept = Callable[[Iterable[int]], set[int]]


def default_upload_dir() -> Path:
    """Beside the default database, so an upload kept to resume survives a reboot."""
    return Path(user_data_dir("rollcoach", appauthor=False)) / "uploads"


def space_of(database_secret: str) -> str:
    """This database's own folder name, from a random value only it keeps."""
    return hashlib.sha256(database_secret.encode()).hexdigest()[:16]


def saved_name(index: int, filename: str) -> str:
    """``0003-monday.gpx``: the upload's own name without folders, not too long, in order."""
    name = PurePath(filename.replace("\\", "/").replace("\x00", "")).name or "upload"
    if len(name.encode()) > MAX_NAME_BYTES:
        suffix = "".join(PurePath(name).suffixes)[-20:]
        room = MAX_NAME_BYTES - len(suffix.encode())
        name = name.encode()[:room].decode(errors="ignore") + suffix
    return f"{index:04d}-{name}"


def shown_name(saved: str) -> str:
    """The name the runner gave the file (``saved_name`` without its order)."""
    return saved[5:] if _ORDER.match(saved) else saved


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class UploadFolders:
    """The upload folders of one database."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def incoming(self) -> Path:
        """A new private folder for an upload still arriving."""
        return Path(tempfile.mkdtemp(prefix=INCOMING, dir=self.root))

    def of(self, job_id: int) -> Path:
        return self.root / f"job-{job_id}"

    def adopt(self, incoming: Path, job_id: int) -> Path:
        """The arrived upload becomes its job's (a rename: nothing is copied)."""
        return incoming.rename(self.of(job_id))

    def discard(self, job_id: int) -> None:
        remove(self.of(job_id))

    def sweep(self, kept: Kept) -> list[Path]:
        """Remove what no job needs: folders of ended or unknown jobs, abandoned uploads."""
        jobs: dict[int, Path] = {}
        stale: list[Path] = []
        for folder in self.root.iterdir():
            if match := _JOB_FOLDER.fullmatch(folder.name):
                jobs[int(match[1])] = folder
            elif folder.name.startswith(INCOMING) and _idle_for(folder) > INCOMING_STALE:
                stale.append(folder)
        live = kept(jobs) if jobs else set()
        gone = stale + [folder for job_id, folder in jobs.items() if job_id not in live]
        for folder in gone:
            remove(folder)
        return gone


def upload_files(folder: Path) -> list[Path]:
    """A job's uploaded files, in the order they came."""
    return sorted(path for path in folder.iterdir() if path.is_file())


def _idle_for(folder: Path) -> timedelta:
    """Since anything in the folder last changed (another process may still be writing)."""
    try:
        times = [folder.stat().st_mtime, *(path.stat().st_mtime for path in folder.iterdir())]
    except OSError:
        return timedelta(0)
    return timedelta(seconds=time.time() - max(times))
