"""``import`` and ``log`` on a real SQLite file: report shapes, re-import, bad files."""

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.helpers import cli
from tests.history.test_log_rows import LOG_KEYS as LOG_FIELDS
from tests.imports.fitwriter import TREADMILL_SUB, Session, activity_fit

LOG_KEYS = set(LOG_FIELDS)


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "history.db"
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", f"sqlite:///{path}")
    return path


def files(folder: Path) -> Path:
    """A folder of run files as a watch export would have them."""
    folder.mkdir()
    run = Session(datetime(2026, 11, 22, 7, 5, tzinfo=UTC), 3000, 2950, 10_000, avg_hr=150)
    treadmill = Session(
        datetime(2026, 11, 20, 18, 0, tzinfo=UTC), 1800, 1800, None, sub_sport=TREADMILL_SUB
    )
    (folder / "run.fit").write_bytes(activity_fit([run]))
    (folder / "TREADMILL.FIT.GZ").write_bytes(gzip.compress(activity_fit([treadmill])))
    (folder / "broken.fit").write_bytes(activity_fit([run])[:40])
    (folder / "notes.txt").write_text("ignored: not a run file", encoding="utf-8")
    return folder


def test_import_reports_json_and_a_second_import_adds_nothing(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = files(tmp_path / "export")
    code, out, _ = cli(capsys, "import", str(folder), "--json")
    assert code == 0
    first = json.loads(out)
    assert (first["imported"], first["already"], first["runs"], first["other"]) == (2, 0, 2, 0)
    assert [s["path"].endswith("broken.fit") for s in first["skipped"]] == [True]
    assert (
        "corrupt" in first["skipped"][0]["reason"] or "truncated" in first["skipped"][0]["reason"]
    )
    code, out, _ = cli(capsys, "import", str(folder), "--json")
    again = json.loads(out)
    assert (again["imported"], again["already"]) == (0, 2)


def test_log_json_has_the_spec_shape_newest_first_unknowns_null(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli(capsys, "import", str(files(tmp_path / "export")), "--json")
    code, out, _ = cli(capsys, "log", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert all(set(r) == LOG_KEYS for r in rows)
    assert rows[0]["start"] > rows[1]["start"]
    treadmill = rows[1]
    assert treadmill["sub_sport"] == "treadmill" and treadmill["sport"] == "running"
    assert treadmill["rpe"] is None


def test_import_of_a_missing_path_exits_2_with_one_line(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(capsys, "import", str(tmp_path / "nowhere"))
    assert code == 2
    assert out == "" and len(err.strip().splitlines()) == 1 and "PATH" in err


def test_human_import_summary_and_log(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "import", str(files(tmp_path / "export")))
    assert code == 0
    assert "2 imported" in out and "1 skipped" in out and "Runs by year" in out
    code, out, _ = cli(capsys, "log")
    assert code == 0 and "running" in out
