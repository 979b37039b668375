"""``rollcoach report`` on a real SQLite file: reads the store, writes the page, prints its path."""

import hashlib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from rollcoach.cli import report_cmd
from rollcoach.cli.app import run
from rollcoach.history.db import open_store
from rollcoach.history.records import Checkin, SessionRecord
from rollcoach.report import MAX_WEEKS
from tests.history.factories import make_summary


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'history.db'}"
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


def fill(url: str, days: int = 40) -> None:
    """A run every other day, a check-in and a rolling session every third day."""
    today = datetime.now(UTC).astimezone().date()
    with open_store(url) as store:
        athlete = store.default_athlete()
        for n in range(0, days, 2):
            day = today - timedelta(days=n)
            start = datetime.combine(day, time(12), UTC)
            digest = hashlib.sha256(day.isoformat().encode()).hexdigest()
            summary = make_summary(start=start, utc_offset_s=0, rpe=5.0)
            store.add_activities(athlete, [summary], content_hash=digest, source_path=f"{n}.fit")
        for n in range(0, days, 3):
            day = today - timedelta(days=n)
            store.add_checkin(athlete, Checkin(date=day, soreness={"calves": n % 6, "feet": 2}))
            store.record_session(
                athlete,
                SessionRecord(
                    started_at=datetime.combine(day, time(12), UTC), plan={}, steps_done=[1, 2]
                ),
            )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_the_page_and_prints_where(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(database_url)
    out = tmp_path / "my report.html"
    code, printed, err = cli(capsys, "report", "--out", str(out), "--weeks", "8")
    assert (code, err) == (0, "")
    assert printed == f"{out.resolve()}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>rollcoach report: 8 weeks to" in page
    for key in ("load", "rolling", "soreness"):
        assert f'aria-labelledby="{key}-title {key}-desc"' in page
    assert 'id="soreness-area-calves"' in page and 'id="soreness-area-feet"' in page
    assert page.count('<td class="ratio"') == 8


def test_report_defaults_to_a_file_in_the_current_folder(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed, _ = cli(capsys, "report")
    written = tmp_path / "rollcoach-report.html"
    assert code == 0 and printed.strip() == str(written)
    page = written.read_text(encoding="utf-8")
    assert "Nothing to show yet" in page and "<svg" not in page
    assert "<title>rollcoach report: nothing to show yet</title>" in page


def test_report_refuses_bad_weeks_and_unwritable_paths(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "report", "--weeks", "0")
    assert code == 2 and "--weeks" in err
    code, _, err = cli(capsys, "report", "--weeks", str(MAX_WEEKS + 1))
    assert code == 2 and "--weeks" in err
    code, _, err = cli(capsys, "report", "--out", str(tmp_path / "no" / "such" / "r.html"))
    assert code == 2 and err.startswith("rollcoach: error: --out: cannot write")
    assert not (tmp_path / "rollcoach-report.html").exists()


def test_the_command_and_the_package_agree_on_the_week_limit() -> None:
    assert report_cmd.MAX_WEEKS == MAX_WEEKS
