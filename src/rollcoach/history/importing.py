"""Bulk import: every file its own transaction, bad files reported, re-imports free.

A file whose bytes were imported before is not even parsed again (its SHA-256 is
in the store), so importing the same export twice adds nothing and costs little.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollcoach.history.errors import ActivityRejected
from rollcoach.history.store import Store
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import ImportLimits, too_large
from rollcoach.imports.registry import SUPPORTED_SUFFIXES, read_activities

Progress = Callable[[Path], None]


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


def is_supported(path: Path) -> bool:
    """``.fit``, ``.gpx``, ``.tcx``, each also ``.gz``, in any case."""
    name = path.name.lower()
    return any(name.endswith(suffix) for suffix in SUPPORTED_SUFFIXES)


def collect_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and supported files inside folders (recursively, in a stable order)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_supported(p))
        else:
            yield path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_file(
    store: Store, athlete_id: int, path: Path, limits: ImportLimits, report: ImportReport
) -> None:
    """Read, hash and store one file; any problem lands in ``report.skipped``."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise too_large(size, limits.max_file_bytes)
        data = path.read_bytes()
        digest = _digest(data)
        known = store.file_activity_count(athlete_id, digest)
        if known:
            report.already += known
            return
        summaries = read_activities(path.name, data, limits)
        result = store.add_activities(
            athlete_id, summaries, content_hash=digest, source_path=str(path)
        )
    except (ImportRejected, ActivityRejected) as exc:
        report.skipped.append({"path": str(path), "reason": str(exc)})
        return
    except OSError as exc:
        report.skipped.append({"path": str(path), "reason": f"cannot read: {exc.strerror}"})
        return
    report.imported += result.added
    report.already += result.already
    if result.added:
        for summary in summaries:
            if summary.is_run:
                report.runs += 1
                report.runs_by_year[summary.local_start.year] += 1
            else:
                report.other += 1


def import_paths(
    store: Store,
    athlete_id: int,
    files: list[Path],
    limits: ImportLimits,
    on_file: Progress | None = None,
) -> ImportReport:
    """Import every file in turn; one bad file never stops the rest."""
    report = ImportReport()
    for path in files:
        import_file(store, athlete_id, path, limits, report)
        if on_file is not None:
            on_file(path)
    return report
