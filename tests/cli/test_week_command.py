"""``rollcoach week --plan DATE:TYPE[:MINUTES]`` (REST-6) and the week as a runner sees it."""

import json
from pathlib import Path

import pytest

import rollcoach
from tests.cli.helpers import assert_one_line_error, cli

WEEK = {
    "today": "2026-11-23",
    "athlete": {"age": 30},
    "runs": [{"date": "2026-11-22", "minutes": 100, "km": 18, "type": "long"}],
    "planned": [{"date": "2026-11-27", "type": "easy", "minutes": 40}],
}


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "week.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_rest_6_plan_flags_join_the_requests_planned_runs(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = [
        "--plan",
        "2026-11-23:tempo:45",
        "--plan",
        "2026-12-05:long:100",
        "--plan",
        "2026-11-25:Hills",
    ]
    code, out, _ = cli(capsys, "week", "--input", write(tmp_path, WEEK), *args, "--json")
    assert code == 0
    planned = [
        *WEEK["planned"],  # type: ignore[list-item]
        {"date": "2026-11-23", "type": "tempo", "minutes": 45.0},
        {"date": "2026-12-05", "type": "long", "minutes": 100.0},
        {"date": "2026-11-25", "type": "hills"},
    ]
    assert json.loads(out) == rollcoach.week({**WEEK, "planned": planned}).model_dump(mode="json")
    assert "planned-on-rest-day" in {w["code"] for w in json.loads(out)["warnings"]}


def test_rest_6_plan_flags_work_without_an_input_file(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(
        capsys,
        "week",
        "--today",
        "2026-11-23",
        "--no-history",
        "--plan",
        "2026-11-24:race:50",
        "--json",
    )
    assert code == 0
    week = json.loads(out)
    assert "Planned: 50-minute race." in week["days"][1]["why"]
    assert "no-runs" not in {w["code"] for w in week["warnings"]}


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2026-11-30:tempoo", "did you mean 'tempo'?"),
        ("2026-11-30:interval:40", "did you mean 'intervals'?"),
        ("2026-11-30:sprint", "allowed: easy, long, tempo, intervals, hills, trail, race"),
        ("2026-13-01:easy", "'2026-13-01' is not a date"),
        ("2026-11-30", "expected DATE:TYPE[:MINUTES]"),
        ("2026-11-30:easy:abc", "minutes must be a number above 0 and at most 1440, not 'abc'"),
        ("2026-11-30:easy:0", "not '0'"),
        ("2026-11-30:easy:nan", "not 'nan'"),
        ("2026-11-01:easy", "before today (2026-11-23)"),
    ],
)
def test_rest_6_a_bad_plan_flag_is_one_line_naming_flag_value_and_what_is_allowed(  # type: ignore[no-untyped-def]
    capsys, value, said
) -> None:
    result = cli(capsys, "week", "--today", "2026-11-23", "--no-history", "--plan", value)
    assert_one_line_error(*result, "--plan")
    assert value.split(":")[0] in result[2]
    assert said in result[2]


def test_rest_7_the_week_view_shows_planned_runs_and_easy_days(
    capsys, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")  # one line per text, whatever the terminal
    runs = [{"date": f"2026-11-{d:02d}", "minutes": 30, "km": 5} for d in range(1, 16, 2)]
    runs += [
        {"date": f"2026-11-{d}", "minutes": 60, "km": 10, "type": "tempo"} for d in range(17, 23)
    ]
    request = {"today": "2026-11-23", "runs": runs}
    code, out, _ = cli(
        capsys, "week", "--input", write(tmp_path, request), "--plan", "2026-11-28:tempo:45"
    )
    assert code == 0
    assert "Planned" in out
    assert "45-minute tempo" in out
    assert "easy" in out
    assert "Easy running only" in out


def test_rest_6_the_week_view_marks_a_planned_run_on_a_rest_day_to_move(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(
        capsys, "week", "--input", write(tmp_path, WEEK), "--plan", "2026-11-23:tempo:45"
    )
    assert code == 0
    assert "move it" in out
