"""Bulk import: files, folders, zips and service exports; one bad item never stops the rest.

Each of these is its own transaction (a failure lands in ``skipped`` with its
reason): a run file (``.fit``/``.gpx``/``.tcx``, also ``.gz``) with all its
activities; each member of a zip of run files (nested zips too); each activity of
a Strava export (zip, or folder with ``activities.csv``; its ``activities/``
uploads are read through the CSV, never as files of their own), a Garmin Connect
export (zip with ``DI_CONNECT/``) or an Apple Health export (zip with
``export.xml``, or the XML itself), hashed from the service's own id so a
re-import, or a newer and longer export, adds only what is new.

The same activity reaching us by two roads (a watch's FIT and its Strava row;
Apple Health workouts synced from Garmin) is caught by :func:`has_near_twin`: one
of the same sport starting within 60 s of a stored one counts as "already".
"""

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, select

from rollcoach.history import tables
from rollcoach.history.errors import ActivityRejected
from rollcoach.history.store import Store
from rollcoach.imports import apple_health, garmin_export, strava
from rollcoach.imports.archives import (
    DEFAULT_ZIP_LIMITS,
    Archive,
    ExportActivity,
    Readable,
    ZipLimits,
)
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import ImportLimits, too_large
from rollcoach.imports.registry import SUPPORTED_SUFFIXES, read_activities
from rollcoach.imports.summary import ActivitySummary

Progress = Callable[[Path], None]
StreamReader = Callable[[Readable], Iterator[ExportActivity]]
TWIN_WINDOW = timedelta(seconds=60)
REFUSED_BY_DATABASE = "the history cannot store these activities (a value is out of range)"
log = logging.getLogger(__name__)


class Tally(Protocol):
    """Counts what an import reads inside each item: zip members, export activities.

    ``found`` as they are discovered, ``done`` as each is finished (its own
    transaction committed), so a caller can show progress inside one big archive.
    """

    def found(self, count: int) -> None: ...

    def done(self) -> None: ...


class _NoTally:
    def found(self, count: int) -> None:
        pass

    def done(self) -> None:
        pass


@dataclass
class ImportReport:
    """The ``rollcoach import --json`` report (spec/interface.md), plus runs per year."""

    imported: int = 0
    already: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    runs: int = 0
    other: int = 0
    runs_by_year: Counter[int] = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "already": self.already,
            "skipped": self.skipped,
            "runs": self.runs,
            "other": self.other,
            "runs_by_year": {str(y): n for y, n in sorted(self.runs_by_year.items())},
        }

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append({"path": path, "reason": reason})

    def count(self, summaries: list[ActivitySummary]) -> None:
        for summary in summaries:
            if summary.is_run:
                self.runs += 1
                self.runs_by_year[summary.local_start.year] += 1
            else:
                self.other += 1


def is_run_file(name: str) -> bool:
    """``.fit``, ``.gpx``, ``.tcx``, each also ``.gz``, in any case."""
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def is_supported(path: Path) -> bool:
    """Run files, zips, and the files of exports we read on their own."""
    name = path.name.lower()
    return (
        is_run_file(name)
        or name.endswith(".zip")
        or apple_health.is_export_xml(name)
        or name.endswith("_summarizedactivities.json")
    )


def collect_files(paths: Iterable[Path]) -> Iterator[Path]:
    """What to import, in a stable order: files named, supported files in folders.

    A folder holding ``activities.csv`` is an unpacked Strava export and is yielded
    as one item (its uploads are not yielded as files of their own).
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    if strava.find_csv(folder) is not None:
        yield folder
        return
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return
    for child in children:
        if child.is_dir() and not child.is_symlink():
            yield from _walk(child)
        elif child.is_file() and is_supported(child):
            yield child


def has_near_twin(engine: Engine, athlete_id: int, summary: ActivitySummary) -> bool:
    """Whether this athlete has an activity of this sport starting within 60 s of it."""
    activity = tables.Activity
    query = (
        select(activity.id)
        .where(
            activity.athlete_id == athlete_id,
            activity.sport == summary.sport,
            activity.start_utc >= summary.start - TWIN_WINDOW,
            activity.start_utc <= summary.start + TWIN_WINDOW,
        )
        .limit(1)
    )
    with engine.connect() as connection:
        return connection.scalar(query) is not None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _guarded(items: Iterator[ExportActivity]) -> Iterator[ExportActivity]:
    """An export reader's bug becomes a reason in the report, not a crash of the batch."""
    try:
        yield from items
    except (ImportRejected, OSError):
        raise
    except Exception as exc:
        raise ImportRejected(f"internal error reading this export ({type(exc).__name__})") from exc


class _Importer:
    def __init__(
        self,
        store: Store,
        athlete_id: int,
        limits: ImportLimits,
        zip_limits: ZipLimits,
        report: ImportReport,
        tally: Tally,
    ) -> None:
        self.store, self.athlete_id, self.report = store, athlete_id, report
        self.limits, self.zip_limits, self.tally = limits, zip_limits, tally

    @contextmanager
    def reporting(self, label: str) -> Iterator[None]:
        """Whatever goes wrong inside lands in ``skipped`` under ``label``."""
        try:
            yield
        except ImportRejected as exc:
            self.report.skip(label, exc.reason)
        except OSError as exc:
            self.report.skip(label, f"cannot read: {exc.strerror or type(exc).__name__}")

    def path(self, path: Path) -> None:
        name, label = path.name.lower(), str(path)
        with self.reporting(label):
            if path.is_dir() or name == strava.CSV_NAME:
                folder = path if path.is_dir() else path.parent
                items = strava.folder_activities(folder, self.limits)
                self.export(str(folder / strava.CSV_NAME), items, root=str(folder))
            elif name.endswith(".zip"):
                with Archive(path, self.limits, self.zip_limits) as archive:
                    self.archive(label, archive)
            elif apple_health.is_export_xml(name) or name.endswith("_summarizedactivities.json"):
                size = path.stat().st_size  # streamed: bounded by the expanded-size limit
                if size > self.limits.max_expanded_bytes:
                    raise too_large(size, self.limits.max_expanded_bytes)
                reader = (
                    apple_health.read_workouts if "xml" in name else garmin_export.read_summaries
                )
                with path.open("rb") as stream:
                    self.export(label, reader(stream))
            else:
                size = path.stat().st_size
                if size > self.limits.max_file_bytes:
                    raise too_large(size, self.limits.max_file_bytes)
                self.member(label, path.read_bytes())

    def member(self, label: str, data: bytes) -> None:
        """One run file's bytes (on disk or in a zip) as one transaction."""
        digest = _digest(data)
        known = self.store.file_activity_count(self.athlete_id, digest)
        if known:
            self.report.already += known
            return
        with self.reporting(label):
            self.add(label, read_activities(label, data, self.limits), digest)

    def add(self, label: str, summaries: list[ActivitySummary], digest: str) -> None:
        fresh = [s for s in summaries if not has_near_twin(self.store.engine, self.athlete_id, s)]
        self.report.already += len(summaries) - len(fresh)
        if not fresh:
            return
        try:
            result = self.store.add_activities(
                self.athlete_id, fresh, content_hash=digest, source_path=label
            )
        except ActivityRejected as exc:
            log.warning("%s: %s", label, exc)  # the database's words are for the admin
            self.report.skip(label, REFUSED_BY_DATABASE)
            return
        self.report.imported += result.added
        self.report.already += result.already
        if result.added:
            self.report.count(fresh)

    def export(self, origin: str, items: Iterator[ExportActivity], root: str = "") -> None:
        """Every activity of an export, each as its own transaction.

        An activity is stored as coming from ``root/source`` (its upload), else
        from ``origin`` (the CSV, JSON or XML that described it).
        """
        with self.reporting(origin):
            for item in _guarded(items):
                self.tally.found(1)
                self.activity(origin, item, root)
                self.tally.done()

    def activity(self, origin: str, item: ExportActivity, root: str) -> None:
        if item.summary is None:
            self.report.skip(f"{origin} ({item.label})", item.reason or "unreadable")
            return
        digest = _digest(item.key.encode())
        known = self.store.file_activity_count(self.athlete_id, digest)
        if known:
            self.report.already += known
        else:
            source = f"{root}/{item.source}" if item.source else origin
            self.add(source, [item.summary], digest)

    def archive(self, label: str, archive: Archive) -> None:
        names = archive.names
        csvs = sorted((n for n in names if strava.is_csv(n)), key=len)
        summaries = [n for n in names if garmin_export.is_summaries(n)]
        xmls = sorted((n for n in names if apple_health.is_export_xml(n)), key=len)
        if not (csvs or summaries or xmls):  # a zip of run files (or of zips of them)
            self.tally.found(len(archive.refused) + sum(map(is_run_file, names)))
            for member in archive.members(is_run_file):
                if member.reason is not None:
                    self.report.skip(f"{label}/{member.name}", member.reason)
                else:
                    self.member(f"{label}/{member.name}", member.data)
                self.tally.done()
            return
        for name, reason in archive.refused:
            self.report.skip(f"{label}/{name}", reason)
        if csvs:
            root = f"{label}/{csvs[0]}".rsplit("/", 1)[0]
            items = strava.archive_activities(archive, csvs[0], self.limits)
            self.export(f"{label}/{csvs[0]}", items, root=root)
        for name in summaries:
            self.streamed(label, archive, name, garmin_export.read_summaries)
        if xmls:
            self.streamed(label, archive, xmls[0], apple_health.read_workouts)

    def streamed(self, label: str, archive: Archive, name: str, reader: StreamReader) -> None:
        """A big export document, read as a stream straight out of the zip."""
        with (
            self.reporting(f"{label}/{name}"),
            archive.open(name, self.limits.max_expanded_bytes) as stream,
        ):
            self.export(f"{label}/{name}", reader(stream))


def import_file(
    store: Store, athlete_id: int, path: Path, limits: ImportLimits, report: ImportReport
) -> None:
    """Read, hash and store one run file; any problem lands in ``report.skipped``."""
    _Importer(store, athlete_id, limits, DEFAULT_ZIP_LIMITS, report, _NoTally()).path(path)


def import_paths(
    store: Store,
    athlete_id: int,
    files: list[Path],
    limits: ImportLimits,
    on_file: Progress | None = None,
    zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    report: ImportReport | None = None,
    tally: Tally | None = None,
) -> ImportReport:
    """Import files, folders, zips and exports in turn; one bad item never stops the rest.

    ``report`` (default: a new one) is filled as it goes, so ``on_file`` and
    ``tally`` can read it.
    """
    report = report if report is not None else ImportReport()
    importer = _Importer(store, athlete_id, limits, zip_limits, report, tally or _NoTally())
    for path in collect_files(files):
        importer.path(path)
        if on_file is not None:
            on_file(path)
    return report
