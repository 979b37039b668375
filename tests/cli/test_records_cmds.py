"""checkin, profile, injury, export, restore, and plan/week/go on a stored history.

Every test runs on a temporary SQLite file (tests/cli/conftest.py), never on the
user's own database.
"""

import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

import rollcoach
from rollcoach.cli import go as go_module
from rollcoach.cli.session_view import Outcome
from rollcoach.history.db import open_store
from rollcoach.history.records import SessionRecord
from rollcoach.history.store import Store
from tests.cli.helpers import assert_one_line_error, cli
from tests.history.conftest import NO_POSTGRES, POSTGRES_VARIABLE, FreshDatabases
from tests.history.factories import HASH_A, make_summary

NOW = "2026-11-23T18:30:00+00:00"
MOMENT = datetime.fromisoformat(NOW)


def json_of(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    answer: dict[str, Any] = json_of(capsys, "plan", "--json", "--now", NOW, *args)
    return answer


def areas(plan: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(step["area"] for step in plan["steps"]))


def excluded_by(plan: dict[str, Any], rule: str) -> set[str]:
    return {e["area"] for e in plan["excluded"] if rule in e["rules"]}


@pytest.fixture
def store(history_database: str) -> Iterator[Store]:
    with open_store(history_database) as opened:
        yield opened


def test_a_check_in_is_the_plans_soreness_sore_area_first(capsys, store) -> None:  # type: ignore[no-untyped-def]
    assert areas(plan_json(capsys))[0] == "calves"
    assert cli(capsys, "checkin", "quadriceps=7", "--date", "2026-11-22")[0] == 0
    assert areas(plan_json(capsys, "--now", "2026-11-22T09:00:00+00:00"))[0] == "quadriceps"
    stored = json_of(
        capsys,
        "checkin",
        "quadriceps=7",
        "knee=2",
        "--pain",
        "knee",
        "--date",
        "2026-11-23",
        "--json",
    )
    assert stored["soreness"] == {"quadriceps": 7}
    assert stored["pain"] == {"knee": 2}
    code, out, _ = cli(capsys, "checkin", "glutes=3", "--date", "2026-11-20")
    assert code == 0
    assert "2026-11-20" in out
    # the knee's pain is pain, not soreness: the muscles crossing it rest today (SAFE-12)
    plan = plan_json(capsys, "--now", "2026-11-23T09:00:00+00:00")
    assert "quadriceps" not in areas(plan)
    assert "quadriceps" in excluded_by(plan, "SAFE-12")
    (today, _, older) = store.checkins(store.default_athlete())
    assert today.checkin.recovery_status is None
    assert older.checkin.soreness == {"glutes": 3}


def test_a_check_in_keeps_hooper_and_recovery(capsys, store) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(
        capsys, "checkin", "--hooper", "sleep=3,fatigue=4,stress=2,soreness=5", "--recovery", "6"
    )
    assert code == 0, err
    (stored,) = store.checkins(store.default_athlete())
    assert stored.checkin.hooper is not None
    assert stored.checkin.hooper.fatigue == 4
    assert stored.checkin.recovery_status == 6


def test_three_painful_check_ins_keep_the_site_out_safe_11(capsys) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-18", "2026-11-21", "2026-11-23"):
        assert cli(capsys, "checkin", "--pain", "hamstrings=3", "--date", day)[0] == 0
    plan = plan_json(capsys, "--focus", "hamstrings")
    assert "hamstrings" in excluded_by(plan, "SAFE-11")
    assert "hamstrings" not in areas(plan)
    # the next day's clear check-in ends it (a new day: no pain today, SAFE-12)
    assert cli(capsys, "checkin", "hamstrings=0", "--date", "2026-11-24")[0] == 0
    cleared = plan_json(capsys, "--focus", "hamstrings", "--now", "2026-11-24T09:00:00+00:00")
    assert "hamstrings" not in excluded_by(cleared, "SAFE-11")
    assert "hamstrings" in areas(cleared)  # asked for and no longer kept out


def test_profile_edits_persist_and_shape_the_plan(capsys) -> None:  # type: ignore[no-untyped-def]
    assert json_of(capsys, "profile", "--json")["tools"] == ["foam-roller"]
    edited = json_of(
        capsys,
        "profile",
        "--age",
        "44",
        "--level",
        "intermediate",
        "--sedentary",
        "--tool",
        "foam-roller",
        "--tool",
        "massage-ball",
        "--screen",
        "high_arch=yes",
        "--json",
    )
    assert edited["age"] == 44
    assert edited["screen"]["high_arch"] is True
    shown = json_of(capsys, "profile", "--json")
    assert shown == edited
    assert "feet" in areas(plan_json(capsys, "--minutes", "45"))  # the massage ball reaches them
    json_of(capsys, "profile", "--condition", "osteoporosis", "--json")
    code, out, _ = cli(capsys, "plan", "--now", NOW)
    assert code == 0
    assert "SAFE-3" in out
    assert plan_json(capsys)["status"] == "refused"
    assert plan_json(capsys, "--no-history")["status"] == "ok"
    assert json_of(capsys, "profile", "--no-condition", "osteoporosis", "--json") == shown
    code, out, _ = cli(capsys, "profile", "--active")
    assert code == 0
    assert "active" in out
    assert "massage-ball" in out


def test_condition_and_injury_flags_add_to_the_stored_ones(capsys) -> None:  # type: ignore[no-untyped-def]
    json_of(capsys, "profile", "--condition", "osteoporosis", "--json")
    plan = plan_json(capsys, "--condition", "neuropathy")
    rules = {rule for reason in plan["refusal"]["reasons"] for rule in reason["rules"]}
    assert {"SAFE-2", "SAFE-3"} <= rules


def test_an_input_request_is_never_mixed_with_the_history(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    json_of(capsys, "profile", "--condition", "osteoporosis", "--json")
    cli(capsys, "checkin", "calves=9")
    request = {"minutes": 10, "now": NOW, "soreness": {"glutes": 5}}
    path = tmp_path / "req.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    got = json_of(capsys, "plan", "--input", str(path), "--json")
    assert got == rollcoach.plan(request).model_dump(mode="json")


def test_injury_add_list_clear(capsys) -> None:  # type: ignore[no-untyped-def]
    added = json_of(
        capsys,
        "injury",
        "add",
        "hamstrings",
        "--side",
        "left",
        "--date",
        "2026-11-22",
        "--sign",
        "swelling",
        "--json",
    )
    assert added["area"] == "hamstrings"
    assert plan_json(capsys)["status"] == "refused"  # SAFE-6: swelling
    code, out, _ = cli(capsys, "injury", "add", "calves", "--date", "2026-11-22T08:00:00+00:00")
    assert code == 0
    assert "#2" in out
    listed = json_of(capsys, "injury", "list", "--json")
    assert [(i["id"], i["area"], i["side"], i["cleared_at"]) for i in listed] == [
        (1, "hamstrings", "left", None),
        (2, "calves", "both", None),
    ]
    code, out, _ = cli(capsys, "injury", "clear", "1")
    assert code == 0
    assert "cleared" in out
    plan = plan_json(capsys)
    assert plan["status"] == "ok"
    assert "calves" in excluded_by(plan, "SAFE-5")  # 34.5 hours old
    assert [i["id"] for i in json_of(capsys, "injury", "list", "--json")] == [2]
    everything = json_of(capsys, "injury", "list", "--all", "--json")
    assert everything[0]["cleared_at"] is not None
    code, out, _ = cli(capsys, "injury", "list", "--all")
    assert code == 0
    assert "hamstrings" in out


def test_an_injury_without_a_date_is_from_now(capsys, store) -> None:  # type: ignore[no-untyped-def]
    assert cli(capsys, "injury", "add", "glutes")[0] == 0
    (stored,) = store.list_injuries(store.default_athlete())
    assert isinstance(stored.injury.date, datetime)
    assert abs(stored.injury.date - datetime.now(UTC)) < timedelta(minutes=1)
    plan = json_of(capsys, "plan", "--json")
    assert "glutes" in excluded_by(plan, "SAFE-5")


def test_export_restore_export_is_identical(capsys, tmp_path, monkeypatch, store) -> None:  # type: ignore[no-untyped-def]
    cli(capsys, "checkin", "calves=6", "--hooper", "sleep=3,fatigue=4,stress=2,soreness=5")
    cli(capsys, "profile", "--age", "52", "--condition", "neuropathy")
    cli(capsys, "injury", "add", "hamstrings", "--side", "left", "--date", "2026-11-21")
    cli(capsys, "injury", "clear", "1")
    athlete = store.default_athlete()
    store.add_activities(athlete, [make_summary()], content_hash=HASH_A, source_path="a/run.fit")
    plan = rollcoach.plan({"now": NOW}).model_dump(mode="json")
    store.record_session(
        athlete, SessionRecord(started_at=MOMENT, plan=plan, steps_done=[1, 2], stopped_early=True)
    )
    code, first, _ = cli(capsys, "export")
    assert code == 0
    backup = tmp_path / "backup.json"
    code, out, _ = cli(capsys, "export", str(backup))
    assert code == 0
    assert str(backup) in out
    assert json.loads(backup.read_text(encoding="utf-8")) == json.loads(first)

    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    assert json_of(capsys, "profile", "--json")["age"] is None  # looking writes nothing
    code, out, err = cli(capsys, "restore", str(backup))
    assert code == 0, err
    assert "1 activities" in out
    code, again, _ = cli(capsys, "export", "-")
    assert json.loads(again) == json.loads(first)
    assert again == first

    code, out, err = cli(capsys, "restore", str(backup))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "empty database" in err


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("{oops", "FILE"),
        ("[1]", "FILE"),
        ('{"format": "other"}', "restore: this is not a rollcoach history backup"),
        (None, "FILE: cannot read"),
    ],
)
def test_a_bad_backup_is_one_line_exit_2(capsys, tmp_path, content, field) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "backup.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert_one_line_error(*cli(capsys, "restore", str(path)), field)


def test_log_is_unaffected(capsys, store) -> None:  # type: ignore[no-untyped-def]
    cli(capsys, "checkin", "calves=6")
    cli(capsys, "profile", "--age", "40")
    cli(capsys, "injury", "add", "calves")
    assert json_of(capsys, "log", "--json") == []
    store.add_activities(
        store.default_athlete(), [make_summary()], content_hash=HASH_A, source_path="run.fit"
    )
    (row,) = json_of(capsys, "log", "--json")
    assert row["minutes"] == 62.0


def test_the_week_comes_from_the_stored_runs(capsys, store) -> None:  # type: ignore[no-untyped-def]
    yesterday = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    race = make_summary(start=yesterday, elapsed_s=185 * 60.0, distance_m=42195.0)
    ride = make_summary(start=yesterday - timedelta(days=2), sport="cycling")
    athlete = store.default_athlete()
    store.add_activities(athlete, [race, ride], content_hash=HASH_A, source_path="race.fit")
    cli(capsys, "profile", "--age", "52")
    week = json_of(capsys, "week", "--today", "2026-11-23", "--json")
    assert [day["kind"] for day in week["days"][:4]] == ["rest", "rest", "rest", "light"]
    assert "REST-3" in week["days"][0]["rules"]
    younger = json_of(capsys, "week", "--today", "2026-11-23", "--age", "35", "--json")
    assert [day["kind"] for day in younger["days"][:3]] == ["rest", "rest", "light"]
    without = json_of(capsys, "week", "--today", "2026-11-23", "--no-history", "--json")
    assert without == rollcoach.week({"today": "2026-11-23"}).model_dump(mode="json")
    code, out, _ = cli(capsys, "week", "--today", "2026-11-23")
    assert code == 0
    assert "stored history" in out


def test_a_run_just_done_shapes_the_post_run_plan(capsys, store) -> None:  # type: ignore[no-untyped-def]
    long_run = make_summary(start=MOMENT - timedelta(hours=2), elapsed_s=100 * 60.0)
    store.add_activities(
        store.default_athlete(), [long_run], content_hash=HASH_A, source_path="run.fit"
    )
    walk = [item for item in plan_json(capsys)["before"] if "TIME-4" in item["rules"]]
    assert walk
    assert not [
        i for i in plan_json(capsys, "--when", "pre-run")["before"] if "TIME-4" in i["rules"]
    ]
    tomorrow = (MOMENT + timedelta(days=1)).isoformat()
    assert not [i for i in plan_json(capsys, "--now", tomorrow)["before"] if "TIME-4" in i["rules"]]


def test_a_sharp_pain_session_keeps_its_area_out_safe_11(capsys, store) -> None:  # type: ignore[no-untyped-def]
    shown = rollcoach.plan({"now": NOW, "minutes": 10}).model_dump(mode="json")
    area = shown["steps"][2]["area"]
    store.record_session(
        store.default_athlete(),
        SessionRecord(
            started_at=MOMENT - timedelta(days=1),
            plan=shown,
            steps_done=[1, 2],
            stopped_early=True,
            stop_reason="sharp-pain",
            stopped_at_step=3,
        ),
    )
    plan = plan_json(capsys)
    assert area in excluded_by(plan, "SAFE-11")
    assert area not in areas(plan)
    assert area in areas(plan_json(capsys, "--no-history"))


def test_go_records_the_session_it_guided(capsys, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def stopped_in_step_1(plan: Any, **_: Any) -> Outcome:
        return Outcome(status="sharp-pain", steps_done=[], steps_skipped=[], stopped_at=1)

    monkeypatch.setattr(go_module, "play", stopped_in_step_1)
    code, _, err = cli(capsys, "go", "--now", NOW, "--minutes", "5")
    assert code == 0, err
    (stored,) = store.sessions(store.default_athlete())
    record = stored.session
    assert (record.stop_reason, record.stopped_at_step, record.stopped_early) == (
        "sharp-pain",
        1,
        True,
    )
    assert record.started_at == MOMENT
    area = record.plan["steps"][0]["area"]
    later = (MOMENT + timedelta(hours=1)).isoformat()
    assert area in excluded_by(plan_json(capsys, "--now", later), "SAFE-11")

    monkeypatch.setattr(go_module, "play", lambda plan, **_: Outcome(status="done"))
    assert cli(capsys, "go", "--now", later, "--no-history")[0] == 0
    assert len(store.sessions(store.default_athlete())) == 1  # --no-history records nothing
    assert cli(capsys, "go", "--now", later)[0] == 0
    newest = store.sessions(store.default_athlete())[0].session
    assert (newest.stopped_early, newest.stop_reason, newest.stopped_at_step) == (False, None, None)


@pytest.mark.skipif(sys.platform != "linux", reason="the user data folder follows XDG on Linux")
def test_without_a_database_nothing_is_read_or_created(capsys, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ROLLCOACH_DATABASE_URL")
    data = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert plan_json(capsys) == rollcoach.plan({"now": NOW}).model_dump(mode="json")
    assert not data.exists()
    assert cli(capsys, "checkin", "quadriceps=8", "--date", "2026-11-23")[0] == 0
    assert (data / "rollcoach" / "rollcoach.db").is_file()
    assert areas(plan_json(capsys))[0] == "quadriceps"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["checkin"], "checkin"),
        (["checkin", "calf=3"], "soreness.calf"),
        (["checkin", "calves=11"], "soreness.calves"),
        (["checkin", "calves=x"], "checkin calves"),
        (["checkin", "calves"], "checkin"),
        (["checkin", "calves=2", "--pain", "knee"], "--pain knee"),
        (["checkin", "--pain", "elbow=3"], "pain.elbow"),
        (["checkin", "--hooper", "sleep=3"], "hooper.fatigue"),
        (["checkin", "--hooper", "sleep=9,fatigue=4,stress=2,soreness=5"], "hooper.sleep"),
        (["checkin", "--hooper", "sleep"], "--hooper"),
        (["checkin", "--recovery", "11"], "recovery_status"),
        (["checkin", "calves=2", "--date", "2026-02-30"], "date"),
        (["profile", "--age", "3"], "age"),
        (["profile", "--level", "expert"], "level"),
        (["profile", "--condition", "flu"], "conditions.0"),
        (["profile", "--tool", "laser"], "tools.0"),
        (["profile", "--screen", "shoe_size=yes"], "--screen"),
        (["profile", "--screen", "high_arch=maybe"], "--screen high_arch"),
        (["injury", "add", "elbow"], "area"),
        (["injury", "add", "calves", "--side", "middle"], "side"),
        (["injury", "add", "calves", "--date", "someday"], "date"),
        (["injury", "add", "calves", "--sign", "itch"], "signs.0"),
        (["injury", "clear", "7"], "ID"),
        (["injury", "clear", "seven"], "ID"),
        (["restore"], "FILE"),
        (["plan", "--sore", "calf=3"], '--sore: "calf" is not an area; did you mean "calves"?'),
        (["plan", "--now", "yesterday"], "now"),
        (["week", "--today", "2026-02-30"], "today"),
    ],
)
def test_bad_input_is_one_line_naming_the_field_exit_2(capsys, args, field) -> None:  # type: ignore[no-untyped-def]
    cli(capsys, "checkin", "calves=2")  # a history in use, for plan and week
    assert_one_line_error(*cli(capsys, *args), field)


def test_a_database_that_cannot_be_opened_is_one_line(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", "mysql://nobody@localhost/x")
    code, _, err = cli(capsys, "plan")
    assert code == 2
    assert "ROLLCOACH_DATABASE_URL" in err
    assert len(err.strip().splitlines()) == 1
    assert cli(capsys, "plan", "--no-history", "--json")[0] == 0


def test_every_new_command_and_flag_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for text in (
        "`rollcoach checkin",
        "`rollcoach profile",
        "`rollcoach injury add",
        "`rollcoach injury list",
        "`rollcoach injury clear",
        "`rollcoach export",
        "`rollcoach restore",
        "`--no-history`",
        "`--pain AREA`",
        "`--hooper",
        "`--recovery",
        "`--screen",
        "`--no-condition",
    ):
        assert text in readme, text


def test_injury_alone_shows_its_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "injury")
    assert code == 0
    assert "clear" in out


def test_the_history_commands_work_on_postgresql(capsys, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        pytest.skip(NO_POSTGRES)
    admin = create_engine(make_url(url), poolclass=NullPool)
    fresh = FreshDatabases("postgresql", tmp_path, admin)
    try:
        first, second = fresh.new_url(), fresh.new_url()
        monkeypatch.setenv("ROLLCOACH_DATABASE_URL", first)
        cli(capsys, "checkin", "quadriceps=7", "--date", "2026-11-23")
        cli(capsys, "profile", "--age", "52")
        cli(capsys, "injury", "add", "hamstrings", "--date", "2026-11-23T08:00:00+00:00")
        with open_store(first) as store:
            race = make_summary(
                start=datetime(2026, 11, 22, 8, 0, tzinfo=UTC), elapsed_s=185 * 60.0
            )
            store.add_activities(
                store.default_athlete(), [race], content_hash=HASH_A, source_path="r.fit"
            )
        plan = plan_json(capsys)
        assert areas(plan)[0] == "quadriceps"
        assert "hamstrings" in excluded_by(plan, "SAFE-5")
        week = json_of(capsys, "week", "--today", "2026-11-23", "--json")
        assert [day["kind"] for day in week["days"][:3]] == ["rest", "rest", "rest"]
        code, backup, _ = cli(capsys, "export")
        assert code == 0
        path = tmp_path / "backup.json"
        path.write_text(backup, encoding="utf-8")
        monkeypatch.setenv("ROLLCOACH_DATABASE_URL", second)
        assert cli(capsys, "restore", str(path))[0] == 0
        assert cli(capsys, "export")[1] == backup
    finally:
        fresh.drop_all()
        admin.dispose()
