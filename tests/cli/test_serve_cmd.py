"""``rollcoach serve``: bad settings are one line (exit 2); --demo fills an empty history once."""

import pytest

from rollcoach.cli.app import run
from rollcoach.cli.serve_cmd import seed_demo_if_empty
from rollcoach.history.db import open_store


def test_a_placeholder_secret_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLLCOACH_SECRET_KEY", "change-me")
    assert run(["serve", "--auth", "accounts"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("rollcoach: error: ROLLCOACH_SECRET_KEY must be set")


def test_an_unknown_auth_mode_names_the_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLLCOACH_AUTH", "everyone")
    assert run(["serve"]) == 2
    assert capsys.readouterr().err.strip() == (
        "rollcoach: error: ROLLCOACH_AUTH: Input should be 'single' or 'accounts'"
    )


def test_demo_history_is_added_to_an_empty_database_only(history_database: str) -> None:
    assert seed_demo_if_empty(history_database) is True
    assert seed_demo_if_empty(history_database) is False
    with open_store(history_database) as store:
        athlete = store.default_athlete()
        assert len(store.activities(athlete)) == 26
        assert store.get_profile(athlete).age == 44
        assert len(store.sessions(athlete)) >= 12
