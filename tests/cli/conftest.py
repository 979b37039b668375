"""Every CLI test gets a fresh, empty history database of its own.

The commands read and write the history whenever a database is in use, so no
test may ever reach the user's real one: ``ROLLCOACH_DATABASE_URL`` points at a
temporary SQLite file (not created until a command opens it), and the user data
folder is moved into the test's temporary folder as well.
"""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def history_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli-history.db'}"
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    return url
