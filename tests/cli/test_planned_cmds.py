"""`rollcoach planned`: stored planned runs, which `rollcoach week` fits (REST-6)."""

import json
from datetime import datetime, timedelta

import pytest

from tests.cli.helpers import cli


def _day(offset: int) -> str:
    return (datetime.now().astimezone().date() + timedelta(days=offset)).isoformat()


def test_rest_6_a_planned_run_stored_from_the_terminal_shapes_the_week(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = cli(capsys, "planned", "add", _day(2), "tempo", "--minutes", "45", "--json")
    assert code == 0
    planned_id = json.loads(out)["id"]
    code, out, _ = cli(capsys, "week", "--json")
    day = next(d for d in json.loads(out)["days"] if d["date"] == _day(2))
    assert day["kind"] == "run" and any("tempo" in why for why in day["why"])
    assert cli(capsys, "planned", "remove", str(planned_id))[0] == 0
    code, out, _ = cli(capsys, "planned", "list", "--json")
    assert json.loads(out) == []


def test_rest_6_a_past_or_unknown_plan_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = cli(capsys, "planned", "add", _day(-1), "easy")
    assert code == 2 and _day(-1) in err and "Traceback" not in err
    code, _, err = cli(capsys, "planned", "remove", "999")
    assert code == 2 and "999" in err
