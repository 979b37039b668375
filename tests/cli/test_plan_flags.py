"""``rollcoach plan``: per-side soreness and pain flags, errors that name the bad value and the
nearest ID, and the plan as a runner reads it (positions, set-up, floor time, stretches)."""

import io
import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from rich.console import Console

import rollcoach
from rollcoach.cli.commands import lay_over
from rollcoach.cli.errors import describe_validation
from rollcoach.cli.options import merge_levels, parse_levels
from rollcoach.cli.render_plan import print_plan
from rollcoach.models import PlanRequest, PlanResponse
from rollcoach.vocabulary import PAIN_SITES, TOOLS, nearest
from tests.cli.helpers import assert_one_line_error, cli
from tests.cli.plans import floor_plan, plan, step
from tests.factories import NOW


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code, out, err = cli(capsys, "plan", "--json", "--no-history", "--now", NOW, *args)
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


# --sore AREA[:SIDE]=N and --pain AREA[:SIDE]=N


def test_sore_and_pain_take_a_side_and_a_bare_level_is_both_sides() -> None:
    assert parse_levels("--sore", ["calves:left=6", "quadriceps=4"]) == {
        "calves": {"left": 6},
        "quadriceps": 4,
    }
    assert parse_levels("--pain", ["calves:left=6,calves:right=2", "knee:both=3"]) == {
        "calves": {"left": 6, "right": 2},
        "knee": 3,
    }
    assert parse_levels("--sore", ["calves=4", "calves:left=7"]) == {
        "calves": {"left": 7, "right": 4}
    }
    req = PlanRequest.model_validate({"soreness": parse_levels("--sore", ["calves:left=6"])})
    assert (req.soreness_at("calves", "left"), req.soreness_at("calves", "right")) == (6, 0)


def test_the_flags_give_the_plan_the_python_api_gives(capsys) -> None:  # type: ignore[no-untyped-def]
    asked = plan_json(
        capsys, "--sore", "calves:left=6", "--sore", "quadriceps=4", "--pain", "hamstrings:right=5"
    )
    request = {
        "now": NOW,
        "soreness": {"calves": {"left": 6}, "quadriceps": 4},
        "pain": {"hamstrings": {"right": 5}},
    }
    assert asked == rollcoach.plan(request).model_dump(mode="json")


def test_flags_lay_levels_over_the_input_side_by_side(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "req.json"
    path.write_text(json.dumps({"now": NOW, "soreness": {"calves": 3}, "pain": {"knee": 5}}))
    code, out, _ = cli(
        capsys, "plan", "-i", str(path), "--json", "--sore", "calves:left=6", "--pain", "knee=2"
    )
    assert code == 0
    request = {"now": NOW, "soreness": {"calves": {"left": 6, "right": 3}}, "pain": {"knee": 5}}
    assert json.loads(out) == rollcoach.plan(request).model_dump(mode="json")


def test_stored_levels_meet_the_flags_per_side_and_pain_is_never_lowered() -> None:
    assert merge_levels({"calves": 3}, {"calves": {"left": 6}}) == {
        "calves": {"left": 6, "right": 3}
    }
    assert merge_levels({"calves": {"left": 6}}, {"calves": 6}) == {"calves": 6}
    assert merge_levels({"knee": 5}, {"knee": 2}, keep_worse=True) == {"knee": 5}
    stored = {"soreness": {"calves": 4}, "pain": {"hip": {"left": 7}}}
    flags = {"soreness": {"calves": {"right": 8}}, "pain": {"hip": 2, "knee": 3}}
    assert lay_over(stored, flags) == {
        "soreness": {"calves": {"left": 4, "right": 8}},
        "pain": {"hip": {"left": 7, "right": 2}, "knee": 3},
    }


# Errors: the flag, the bad value, what is allowed and the nearest ID


def test_nearest_finds_what_a_runner_meant() -> None:
    assert nearest("calf", PAIN_SITES) == "calves"
    assert nearest("quads", PAIN_SITES) == "quadriceps"
    assert nearest("hamstring", PAIN_SITES) == "hamstrings"
    assert nearest("Foam Roller", TOOLS) == "foam-roller"
    assert nearest("lower_back", PAIN_SITES) == "lower-back"
    assert nearest("elbow", PAIN_SITES) is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["--sore", "calf=5"],
            ['--sore: "calf" is not an area; did you mean "calves"?', "(areas: hip, calves,"],
        ),
        (
            ["--tools", "foam roller"],
            ['--tools: "foam roller" is not a tool; did you mean "foam-roller"?', "(tools: "],
        ),
        (["--when", "prerun"], ['--when: "prerun"', 'did you mean "pre-run"?', "post-run"]),
        (["--level", "advance"], ['"advance"', 'did you mean "advanced"?', "beginner"]),
        (["--sore", "calves:lefft=5"], ['"lefft" is not a side; did you mean "left"?', "both"]),
        (["--condition", "osteoporosys"], ['did you mean "osteoporosis"?', "blood-thinners"]),
        (["--run-type", "interval"], ['did you mean "intervals"?', "(run types: easy,"]),
        (["--pain", "calves=ten"], ['--pain: "calves=ten"', "whole number from 0 to 10"]),
        (["--injury", "hamstring:left@2026-11-21"], ['did you mean "hamstrings"?']),
    ],
)
def test_a_bad_flag_names_itself_the_value_and_the_nearest_id(capsys, args, words) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(capsys, "plan", "--no-history", *args)
    assert_one_line_error(code, out, err, args[0])
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("request_json", "words"),
    [
        ({"soreness": {"calf": 3}}, ['soreness.calf: "calf"', 'did you mean "calves"?']),
        ({"tools": ["foam roller"]}, ['tools.0: "foam roller"', 'did you mean "foam-roller"?']),
        ({"pain": {"knee": {"left": 11}}}, ["pain.knee.left:", "got 11"]),
        ({"athlete": {"level": "expert"}}, ['athlete.level: "expert"', "beginner"]),
        (
            {"injuries": [{"area": "calves", "side": "rigth", "date": "2026-11-20"}]},
            ['injuries.0.side: "rigth"', 'did you mean "right"?'],
        ),
        (
            {"now": NOW, "injuries": [{"area": "calves", "date": "2026-12-24"}]},
            ["injuries: injury 0 (calves) is dated 2026-12-24"],
        ),
    ],
)
def test_a_bad_input_file_names_the_field_path_the_value_and_the_nearest_id(  # type: ignore[no-untyped-def]
    capsys, tmp_path, request_json, words
) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(request_json), encoding="utf-8")
    code, out, err = cli(capsys, "plan", "--input", str(path))
    assert_one_line_error(code, out, err, words[0])
    for word in words:
        assert word in err
    with pytest.raises(ValidationError) as raised:
        rollcoach.plan(request_json)
    assert words[0] in describe_validation(raised.value)


# The plan as a runner reads it


def shown(response: PlanResponse) -> str:
    console = Console(file=io.StringIO(), width=160)
    print_plan(console, response)
    assert isinstance(console.file, io.StringIO)
    return " ".join(console.file.getvalue().split())


def test_the_plan_shows_positions_set_up_floor_time_and_the_stretches() -> None:
    text = shown(floor_plan())
    assert "Your post-run session: 4:30 on the floor, 4 steps (4:00 rolling, 0:30 setting up)" in (
        text
    )
    assert "Seated · 0:10 to set up: Sit tall, roller under the left calf · 0:05 to switch" in text
    assert "Face down · 0:15 to set up: Lie face down, roller under the left thigh" in text
    assert "Then stretch: 1:30, after the rolling (not counted in your minutes)" in text
    assert "Calves stretch · standing · left then right · 0:30 each" in text
    assert "Quadriceps stretch · standing · left · 0:30" in text
    assert "CARE-1" in text


def test_the_stretch_reminder_gives_way_to_the_guided_stretches() -> None:
    reminder = {"kind": "stretch", "areas": ["calves"], "text": "Stretch gently.", "rules": []}
    guided = floor_plan()
    with_stretches = plan(guided.steps, guided.stretches, after=[reminder])
    assert "Stretch gently." not in shown(with_stretches)
    without = plan([step(1, "calves", "left")], after=[reminder])
    assert "Stretch gently." in shown(without)
    assert "Then stretch" not in shown(without)


def test_a_pre_run_plan_shows_its_warm_up() -> None:
    warm_up = {
        "kind": "warm-up",
        "text": "Five minutes of leg swings and skips.",
        "rules": ["TIME-3"],
    }
    text = shown(plan([step(1, "calves", "left", seconds=30)], when="pre-run", after=[warm_up]))
    assert "Your pre-run session: 0:30 on the floor, 1 step" in text
    assert "Before you run" in text
    assert "Five minutes of leg swings and skips. TIME-3" in text
    assert "Then stretch" not in text


def test_a_real_plan_shows_its_floor_time(capsys) -> None:  # type: ignore[no-untyped-def]
    response = rollcoach.plan({"now": NOW, "minutes": 10})
    code, out, _ = cli(capsys, "plan", "--no-history", "--now", NOW, "--minutes", "10")
    assert code == 0
    floor = response.session_seconds or response.total_seconds
    assert f"{floor // 60}:{floor % 60:02d} on the floor" in out
