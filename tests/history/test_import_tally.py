"""What the importer tells its caller as it goes: units found and done; refusals in plain words."""

import logging
import zipfile
from pathlib import Path

import pytest

from rollcoach.history.errors import ActivityRejected
from rollcoach.history.importing import REFUSED_BY_DATABASE, import_paths
from rollcoach.history.store import Store
from rollcoach.imports.limits import ImportLimits
from tests.history.test_interrupted_import import run_file


def test_an_import_counts_the_members_of_a_zip_as_it_goes(
    store: Store, athlete: int, tmp_path: Path
) -> None:
    archive = tmp_path / "runs.zip"
    with zipfile.ZipFile(archive, "w") as runs:
        for i in range(5):
            runs.writestr(f"run-{i}.fit", run_file(i))
        runs.writestr("notes.txt", b"not a run")

    class Tally:
        def __init__(self) -> None:
            self.seen: list[str] = []

        def found(self, count: int) -> None:
            self.seen.append(f"found {count}")

        def done(self) -> None:
            self.seen.append("done")

    tally = Tally()
    report = import_paths(store, athlete, [archive], ImportLimits(), tally=tally)
    assert report.imported == 6  # five runs, and a ride in the first file
    assert tally.seen == ["found 5"] + ["done"] * 5


def test_a_file_the_database_refuses_is_skipped_in_plain_words(
    store: Store,
    athlete: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    detail = "the database refused these activities: CHECK constraint failed: ck_activities_hr"

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ActivityRejected(detail)

    monkeypatch.setattr(Store, "add_activities", refuse)
    path = tmp_path / "run.fit"
    path.write_bytes(run_file(1))
    with caplog.at_level(logging.WARNING):
        report = import_paths(store, athlete, [path], ImportLimits())
    assert report.skipped == [{"path": str(path), "reason": REFUSED_BY_DATABASE}]
    assert detail in caplog.text  # for whoever runs the server
