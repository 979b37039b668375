"""Bulk import of zips and exports, on SQLite and PostgreSQL: idempotent, deduplicated, robust."""

import gzip
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rollcoach.history.importing import ImportReport, collect_files, has_near_twin, import_paths
from rollcoach.history.store import Store
from rollcoach.imports import garmin_export
from rollcoach.imports.limits import MB, ImportLimits
from rollcoach.imports.registry import read_activities
from tests.imports.fitwriter import Session, activity_fit
from tests.imports.test_apple_health import OLD_WALK, RUN, apple_zip, export_xml
from tests.imports.test_archives import make_zip
from tests.imports.test_garmin_export import (
    ENTRIES,
    RUN_START,
    SUMMARIES,
    garmin_json,
    garmin_zip,
)
from tests.imports.test_strava import ROWS, strava_csv, strava_folder, strava_zip
from tests.imports.test_strava import RUN_START as STRAVA_RUN

LIMITS = ImportLimits()


def fit(start: datetime, minutes: float = 30, **fields: object) -> bytes:
    return activity_fit([Session(start, minutes * 60, **fields)])  # type: ignore[arg-type]


def run(store: Store, athlete: int, *paths: Path, limits: ImportLimits = LIMITS) -> ImportReport:
    return import_paths(store, athlete, list(paths), limits)


def counts(report: ImportReport) -> tuple[int, int, int, int, int]:
    return report.imported, report.already, len(report.skipped), report.runs, report.other


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_strava_zip_imports_every_row_once(store: Store, athlete: int, tmp_path: Path) -> None:
    export = write(tmp_path / "export_123.zip", strava_zip())
    assert counts(run(store, athlete, export)) == (5, 0, 0, 2, 3)
    rows = {row["start"]: row for row in store.log_rows(athlete)}
    first = rows[STRAVA_RUN.isoformat()]
    assert (first["km"], first["avg_hr"], first["source"]) == (10.021, 148, "101.fit.gz")
    assert first["local_date"] == "2022-12-09"
    assert {row["source"] for row in rows.values()} == {
        "101.fit.gz",
        "105.fit.gz",
        "activities.csv",
    }
    assert counts(run(store, athlete, export)) == (0, 5, 0, 0, 0)


def test_a_newer_export_adds_only_the_new_rows(store: Store, athlete: int, tmp_path: Path) -> None:
    older = write(tmp_path / "2023.zip", strava_zip(ROWS[:3], german=True))
    newer = write(tmp_path / "2024.zip", strava_zip(ROWS))
    assert run(store, athlete, older).imported == 3
    assert counts(run(store, athlete, newer)) == (2, 3, 0, 1, 1)
    assert len(store.log_rows(athlete)) == 5


def test_an_unpacked_strava_folder_does_not_import_its_uploads_as_files(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    export = strava_folder(tmp_path / "all" / "strava")
    other = write(tmp_path / "all" / "watch" / "later.fit", fit(datetime(2026, 1, 1, tzinfo=UTC)))
    assert list(collect_files([tmp_path / "all"])) == [export, other]
    assert counts(run(store, athlete, tmp_path / "all")) == (6, 0, 0, 3, 3)
    assert counts(run(store, athlete, export / "activities.csv")) == (0, 5, 0, 0, 0)


def test_a_watch_file_and_its_strava_row_are_one_activity(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    watch = write(tmp_path / "watch" / "run.fit", fit(STRAVA_RUN + timedelta(seconds=20), 62))
    export = write(tmp_path / "strava.zip", strava_zip())
    assert counts(run(store, athlete, watch, export)) == (5, 1, 0, 2, 3)
    assert len(store.log_rows(athlete)) == 5
    assert [
        r["source"] for r in store.log_rows(athlete) if r["start"].startswith("2022-12-09")
    ] == ["run.fit"]


def test_the_twin_window_is_sixty_seconds_and_one_sport(store: Store, athlete: int) -> None:
    store.add_activities(
        athlete, read_activities("run.fit", fit(STRAVA_RUN)), content_hash="f" * 64, source_path="x"
    )
    (near,) = read_activities("near.fit", fit(STRAVA_RUN + timedelta(seconds=60)))
    (far,) = read_activities("far.fit", fit(STRAVA_RUN + timedelta(seconds=61)))
    assert has_near_twin(store.engine, athlete, near)
    assert not has_near_twin(store.engine, athlete, far)
    assert not has_near_twin(store.engine, athlete, near.model_copy(update={"sport": "cycling"}))
    assert not has_near_twin(store.engine, store.add_athlete("other"), near)


def test_a_garmin_export_uses_its_summaries_and_reimports_nothing(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    uploads = make_zip({"runner_123.fit": fit(RUN_START, 62)})
    export = write(tmp_path / "garmin.zip", garmin_zip(uploads=uploads))
    assert counts(run(store, athlete, export)) == (5, 0, 0, 3, 2)
    first = next(r for r in store.log_rows(athlete) if r["start"] == RUN_START.isoformat())
    assert (first["minutes"], first["climb_m"], first["rpe"]) == (62.0, 52.3, 6.0)
    assert first["local_date"] == "2026-07-14"
    assert counts(run(store, athlete, export)) == (0, 5, 0, 0, 0)


def test_a_garmin_export_without_summaries_falls_back_to_its_uploads(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", b"{}")
        uploads = make_zip({"a.fit": fit(RUN_START), "b.fit": fit(RUN_START + timedelta(days=1))})
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", uploads)
    export = write(tmp_path / "garmin.zip", buffer.getvalue())
    assert counts(run(store, athlete, export)) == (2, 0, 0, 2, 0)


def test_apple_health_workouts_synced_from_garmin_are_not_counted_twice(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    garmin = write(tmp_path / "garmin.zip", garmin_zip())
    synced = RUN.replace(
        'startDate="2026-07-14 06:30:00 -0700"', 'startDate="2026-07-14 07:30:20 +0200"'
    )
    apple = write(tmp_path / "export.zip", apple_zip(export_xml(synced, RUN, OLD_WALK)))
    assert run(store, athlete, garmin).imported == 5
    assert counts(run(store, athlete, apple)) == (2, 1, 0, 1, 1)
    assert counts(run(store, athlete, apple)) == (0, 3, 0, 0, 0)


def test_loose_export_files_are_read_too(store: Store, athlete: int, tmp_path: Path) -> None:
    xml = write(tmp_path / "apple_health_export" / "export.xml", export_xml(RUN, OLD_WALK))
    json = write(tmp_path / "fitness" / "me_0_summarizedActivities.json", garmin_json(ENTRIES))
    assert set(collect_files([tmp_path])) == {xml, json}
    assert counts(run(store, athlete, tmp_path)) == (7, 0, 0, 4, 3)


def test_a_zip_of_run_files_with_nested_zip_traversal_and_bomb(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    nested = make_zip({"inner/two.fit.gz": gzip.compress(fit(RUN_START + timedelta(days=1)))})
    archive = make_zip(
        {
            "runs/one.fit": fit(RUN_START),
            "more/UploadedFiles_0-_Part1.zip": nested,
            "../evil.fit": fit(RUN_START + timedelta(days=2)),
            "bomb.fit": bytes(20 * MB),
            "notes.txt": b"ignored",
        },
        level=9,
    )
    path = write(tmp_path / "runs.zip", archive)
    limits = ImportLimits(max_file_bytes=2 * MB, max_expanded_bytes=8 * MB)
    report = run(store, athlete, path, limits=limits)
    assert counts(report) == (2, 0, 2, 2, 0)
    reasons = {item["path"]: item["reason"] for item in report.skipped}
    assert "traversal" in reasons[f"{path}/../evil.fit"]
    assert "too large once unzipped" in reasons[f"{path}/bomb.fit"]
    sources = {row["source"] for row in store.log_rows(athlete)}
    assert sources == {"one.fit", "two.fit.gz"}
    assert counts(run(store, athlete, path, limits=limits)) == (0, 2, 2, 0, 0)


def test_bad_archives_and_bad_rows_are_reported_and_the_rest_goes_on(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    corrupt = write(tmp_path / "a" / "corrupt.zip", b"PK\x03\x04 not a zip at all")
    huge = write(tmp_path / "b" / "huge.zip", make_zip({f"r{i}.fit": bytes(MB) for i in range(5)}))
    csv = strava_csv(ROWS[:3]).replace(b"Dec 10, 2022", b"Smarch 10, 2022")
    bad_row = write(tmp_path / "c" / "strava" / "activities.csv", csv)
    good = write(tmp_path / "d" / "good.fit", fit(RUN_START))
    limits = ImportLimits(max_file_bytes=2 * MB, max_expanded_bytes=3 * MB)
    report = run(store, athlete, tmp_path, limits=limits)
    assert (report.imported, report.runs, report.other) == (3, 2, 1)
    reasons = {item["path"]: item["reason"] for item in report.skipped}
    assert "not a valid zip" in reasons[str(corrupt)]
    assert "archive too large" in reasons[str(huge)]
    assert "unrecognised date" in reasons[f"{bad_row} (activity 102)"]
    assert str(good) not in reasons


def test_a_reader_bug_is_reported_not_raised(
    store: Store, athlete: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(entry: dict[str, object]) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(garmin_export, "garmin_summary", broken)
    export = write(tmp_path / "a" / "garmin.zip", garmin_zip())
    write(tmp_path / "b" / "good.fit", fit(RUN_START))
    report = run(store, athlete, tmp_path)
    assert report.imported == 1
    assert report.skipped == [
        {
            "path": f"{export}/{SUMMARIES}",
            "reason": "internal error reading this export (TypeError)",
        }
    ]
