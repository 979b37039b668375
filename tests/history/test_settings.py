"""Where the history lives: the environment decides, else the user's data folder."""

from pathlib import Path

import pytest

from rollcoach.history import settings


def test_the_environment_names_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", "postgresql+psycopg://coach@db/history")
    assert settings.database_url() == "postgresql+psycopg://coach@db/history"


def test_without_a_setting_history_is_a_sqlite_file_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "data" / "rollcoach"
    monkeypatch.delenv("ROLLCOACH_DATABASE_URL", raising=False)
    monkeypatch.setattr(settings, "user_data_dir", lambda *_args, **_kw: str(folder))
    assert settings.database_url() == f"sqlite:///{folder / 'rollcoach.db'}"
    assert folder.is_dir()


def test_an_empty_setting_counts_as_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", "  ")
    monkeypatch.setattr(settings, "user_data_dir", lambda *_args, **_kw: str(tmp_path))
    assert settings.database_url().startswith("sqlite:///")
