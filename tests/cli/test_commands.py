"""The CLI agrees with the Python API and turns every bad input into one line, exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import rollcoach
from rollcoach.knowledge import load_knowledge
from tests.cli.helpers import assert_one_line_error, cli
from tests.factories import NOW

REQUEST = {
    "when": "post-run",
    "minutes": 10,
    "now": NOW,
    "tools": ["foam-roller", "massage-ball"],
    "athlete": {"age": 44, "level": "beginner", "sedentary": True},
    "injuries": [{"area": "hamstrings", "side": "left", "date": "2026-11-21"}],
    "soreness": {"calves": 6, "knee": 3},
    "run": {"minutes": 95, "km": 17.5, "climb_m": 320, "descent_m": 310, "type": "long"},
    "focus": ["it-band"],
}
WEEK = {
    "today": "2026-11-23",
    "athlete": {"age": 52},
    "runs": [{"date": "2026-11-22", "minutes": 185, "km": 42.2, "type": "race"}],
}


def write(tmp_path: Path, data: object, name: str = "req.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_plan_json_is_identical_to_the_python_api(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "plan", "--input", write(tmp_path, REQUEST), "--json")
    assert code == 0
    assert json.loads(out) == rollcoach.plan(REQUEST).model_dump(mode="json")


def test_week_json_is_identical_to_the_python_api(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "week", "--input", write(tmp_path, WEEK), "--json")
    assert code == 0
    assert json.loads(out) == rollcoach.week(WEEK).model_dump(mode="json")


def test_plan_flags_build_the_same_request(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(
        capsys,
        "plan",
        "--json",
        "--now",
        NOW,
        "--tools",
        "foam-roller,massage-ball",
        "--sore",
        "calves=6",
        "--sore",
        "knee=3",
        "--age",
        "44",
        "--sedentary",
        "--injury",
        "hamstrings:left@2026-11-21",
        "--run-minutes",
        "95",
        "--run-km",
        "17.5",
        "--climb",
        "320",
        "--descent",
        "310",
        "--run-type",
        "long",
        "--focus",
        "it-band",
    )
    assert code == 0
    assert json.loads(out) == rollcoach.plan(REQUEST).model_dump(mode="json")


def test_flags_override_the_input_file(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "plan", "-i", write(tmp_path, REQUEST), "--minutes", "3", "--json")
    assert code == 0
    assert json.loads(out)["total_seconds"] <= 180


def test_human_output_shows_why_and_rule_ids(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "plan", "--input", write(tmp_path, REQUEST))
    assert code == 0
    assert "You marked it sore (6/10)" in out
    assert "FOCUS-2" in out
    assert "AREA-1" in out
    assert "SAFE-5" in out
    assert "SAFE-8" in out


def test_a_refusal_prints_reasons_and_exits_0(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "plan", "--condition", "osteoporosis")
    assert code == 0
    assert "No rolling today" in out
    assert "SAFE-3" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["plan", "--sore", "calf=3"], '--sore: "calf" is not an area; did you mean "calves"?'),
        (["plan", "--sore", "calves=11"], '--sore: "calves=11"'),
        (["plan", "--sore", "calves=-1"], '--sore: "calves=-1"'),
        (["plan", "--sore", "calves"], "--sore"),
        (["plan", "--sore", "calves:middle=3"], '--sore: "middle" is not a side'),
        (["plan", "--pain", "knees=3"], '--pain: "knees" is not an area; did you mean "knee"?'),
        (["plan", "--tools", "roller"], '--tools: "roller" is not a tool'),
        (["plan", "--condition", "flu"], '--condition: "flu" is not a condition'),
        (["plan", "--symptom", "itch"], '--symptom: "itch" is not a symptom'),
        (["plan", "--run-type", "jog"], '--run-type: "jog" is not a run type'),
        (["plan", "--when", "later"], '--when: "later"'),
        (["plan", "--level", "pro"], '--level: "pro" is not a level'),
        (["plan", "--minutes", "-5"], "minutes"),
        (["plan", "--age", "-3"], "athlete.age"),
        (["plan", "--run-minutes", "-10"], "run.minutes"),
        (["plan", "--injury", "calves@2026-13-45"], "injuries.0.date"),
        (["plan", "--injury", "elbow@2026-11-20"], '--injury: "elbow" is not an area'),
        (["plan", "--injury", "calves:lft@2026-11-20"], '--injury: "lft" is not a side'),
        (["plan", "--now", "yesterday"], "now"),
        (["plan", "--focus", "toes"], '--focus: "toes" is not an area'),
        (["go", "--sore", "calf=2"], '--sore: "calf" is not an area'),
        (["go", "--pain", "calves:up=2"], '--pain: "up" is not a side'),
        (["go", "--minutes", "-1"], "minutes"),
        (["week", "--today", "2026-02-30"], "today"),
        (["week", "--age", "-1"], "athlete.age"),
        (["plan", "--minutes", "ten"], "--minutes"),
        (["rules", "--bogus"], "--bogus"),
        (["rules", "--family", "FOO"], "--family"),
        (["areas", "--json", "extra"], "extra"),
        (["tools", "--colour"], "--colour"),
        (["go", "--speed", "0"], "--speed"),
    ],
)
def test_bad_input_is_one_line_naming_the_field_exit_2(capsys, args, field) -> None:  # type: ignore[no-untyped-def]
    assert_one_line_error(*cli(capsys, *args), field)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("{not json", "input"),
        ("[1, 2]", "input"),
        ('{"soreness": {"calves": 4.5}}', "soreness.calves"),
        ('{"tools": ["laser"]}', "tools.0"),
        ('{"minutes": 10, "colour": "red"}', "colour"),
        ('{"injuries": [{"area": "calves", "date": "someday"}]}', "injuries.0.date"),
        ('{"run": {"type": "sprint"}}', "run.type"),
    ],
)
def test_bad_input_files_name_the_field(capsys, tmp_path, content, field) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "plan", "--input", write(tmp_path, content))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert field in err


def test_a_missing_input_file_is_one_line(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "week", "--input", str(tmp_path / "nope.json"))
    assert code == 2
    assert "--input" in err
    assert len(err.strip().splitlines()) == 1


def test_bad_week_runs_name_the_field(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = {"runs": [{"date": "2026-11-22", "minutes": -4, "type": "race"}]}
    code, _, err = cli(capsys, "week", "--input", write(tmp_path, bad))
    assert code == 2
    assert "runs.0.minutes" in err


def test_rules_json_is_the_catalogue_with_sources_and_evidence(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "rules", "--json")
    assert code == 0
    rules = json.loads(out)
    assert len(rules) == len(load_knowledge().rules)
    assert set(rules[0]) >= {"id", "family", "text", "sources", "evidence"}
    assert set(rules[0]["evidence"]) == {"level", "summary", "citations"}
    assert {r["id"]: r["sources"] for r in rules}["AREA-1"] == ["CG", "HW", "RC"]


def test_areas_and_tools_list_the_vocabulary(capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli(capsys, "areas", "--json")
    areas = json.loads(out)
    assert len(areas["targets"]) == 13
    assert len(areas["never"]) == 8
    _, out, _ = cli(capsys, "tools", "--json")
    tools = {t["id"]: t for t in json.loads(out)}
    assert "upper-back" in tools["peanut-ball"]["reaches"]
    _, out, _ = cli(capsys, "rules")
    assert "SAFE-11" in out
    assert "contested" in out


def test_python_dash_m_is_the_same_program_and_never_shows_a_traceback(tmp_path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "rollcoach", "plan", "--input", write(tmp_path, REQUEST), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0
    assert json.loads(ok.stdout) == rollcoach.plan(REQUEST).model_dump(mode="json")
    bad = subprocess.run(
        [sys.executable, "-m", "rollcoach", "plan", "--input", "-"],
        input="{oops",
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


def test_demo_prints_a_plan_and_a_week(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "demo")
    assert code == 0
    assert "Your post-run session" in out
    assert "Your next 7 days" in out
