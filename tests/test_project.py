"""The README documents what a newcomer needs: the two commands and every CLI command."""

from pathlib import Path

from rollcoach.cli.app import app

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("python3 dev.py demo") < readme.index("python3 dev.py test")
    assert readme.index("python3 dev.py test") < readme.index("## The command line")


def test_every_cli_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`rollcoach {name}" in readme, name


def test_ci_runs_the_readme_test_command() -> None:
    assert "dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_public_api_is_pinned() -> None:
    import rollcoach

    assert rollcoach.__all__ == [
        "PlanRequest",
        "PlanResponse",
        "WeekRequest",
        "WeekResponse",
        "plan",
        "week",
    ]


def test_every_web_setting_is_documented() -> None:
    from rollcoach.web.settings import WebSettings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in WebSettings.model_fields:
        assert f"`ROLLCOACH_{name.upper()}`" in readme, name
