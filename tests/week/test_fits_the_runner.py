"""REST-5..8 (issue 9): race-aware spikes, planned runs, easy days after a warning, no runs."""

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

import rollcoach
from rollcoach.models import WeekResponse
from tests.factories import make_week

TODAY = date(2026, 11, 23)  # a Monday, as in tests.factories
HARD = ("tempo", "intervals", "hills", "race", "long")


def run(
    days_ago: int, minutes: float, km: float | None = None, kind: str = "easy"
) -> dict[str, Any]:
    day = TODAY - timedelta(days=days_ago)
    return {"date": day.isoformat(), "minutes": minutes, "km": km, "type": kind}


def plan(days_ahead: int, kind: str, minutes: float | None = None, **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"date": (TODAY + timedelta(days=days_ahead)).isoformat(), "type": kind}
    if minutes is not None:
        out["minutes"] = minutes
    return out | more


def steady(minutes: float = 60, km: float = 10) -> list[dict[str, Any]]:
    """A month of runs every third day, from 3 days ago back."""
    return [run(i, minutes, km) for i in range(3, 31, 3)]


def burst() -> list[dict[str, Any]]:
    """Light running, then six days of tempo: a spike and a 7:28 ratio above 1.5."""
    base = [run(i, 30, 5) for i in range(8, 40, 2)]
    return base + [run(i, 60, 10, "tempo") for i in range(1, 7)]


def codes(week: WeekResponse) -> list[str]:
    return [w.code for w in week.warnings]


def why(week: WeekResponse, index: int) -> str:
    return " ".join(week.days[index].why)


def hard_days(week: WeekResponse) -> list[date]:
    return [d.date for d in week.days if d.kind == "run" and not d.easy]


# REST-5: a race is a planned spike


def test_rest_5_a_race_spike_says_recover_never_build_up_more_gradually() -> None:
    week = make_week(runs=[*steady(), run(1, 185, 42.2, "race")], athlete={"age": 35})
    (spike,) = [w for w in week.warnings if w.code == "spike"]
    assert "REST-5" in spike.rules
    assert "race on Sun 22 Nov" in spike.message
    assert "recover" in spike.message.lower()
    assert "gradually" not in spike.message


def test_rest_5_a_stored_marathon_on_the_day_of_a_planned_race_is_the_race() -> None:
    """History never guesses "race"; the runner's plan for today says it was one."""
    marathon = run(0, 185, 42.2, "long")
    week = make_week(runs=[*steady(), marathon], planned=[plan(0, "race")])
    (spike,) = [w for w in week.warnings if w.code == "spike"]
    assert "race on Mon 23 Nov" in spike.message
    assert "gradually" not in spike.message
    plain = make_week(runs=[*steady(), marathon])
    assert "Build up more gradually" in next(w for w in plain.warnings if w.code == "spike").message


def test_rest_5_a_planned_race_ahead_is_a_planned_spike_to_recover_from() -> None:
    week = make_week(runs=steady(), planned=[plan(4, "race", 200, km=42.2)])
    (ahead,) = [w for w in week.warnings if w.code == "planned-spike"]
    assert "race on Fri 27 Nov" in ahead.message
    assert "recover" in ahead.message.lower()
    assert "gradually" not in ahead.message
    assert "spike" not in codes(week)  # nothing done was a spike


def test_rest_5_a_planned_jump_that_is_no_race_keeps_its_risk_band() -> None:
    week = make_week(runs=steady(), planned=[plan(2, "long", 120)])
    (ahead,) = [w for w in week.warnings if w.code == "planned-spike"]
    assert "100 % longer" in ahead.message
    assert "1.52" in ahead.message


# REST-6: the week fits around planned runs


def test_rest_6_a_planned_run_on_a_free_day_makes_it_a_run_day_saying_what() -> None:
    week = make_week(runs=steady(), planned=[plan(2, "tempo", 45)])
    day = week.days[2]
    assert day.kind == "run"
    assert "Planned: 45-minute tempo run." in day.why
    assert "REST-6" in day.rules
    assert "Free to run" not in why(week, 2)
    assert "planned-on-rest-day" not in codes(week)


def test_rest_6_a_planned_run_on_a_rest_day_keeps_the_rest_and_names_a_day_that_suits() -> None:
    long_run = run(1, 100, 18, "long")  # REST-2: rest today, light tomorrow
    week = make_week(runs=[long_run], planned=[plan(0, "tempo", 45)], athlete={"age": 30})
    assert [d.kind for d in week.days[:2]] == ["rest", "light"]
    (flag,) = [w for w in week.warnings if w.code == "planned-on-rest-day"]
    assert {"REST-6", "REST-2"} <= set(flag.rules)
    assert "Mon 23 Nov" in flag.message  # the planned day
    assert "Wed 25 Nov" in flag.message  # the nearest day recovery leaves free
    assert week.days[2].kind == "run"
    assert "move it to Wed 25 Nov" in why(week, 0)
    assert "tempo run you planned on Mon 23 Nov" in why(week, 2)


def test_rest_6_light_days_after_a_very_long_run_are_kept_too() -> None:
    marathon = run(1, 185, 42.2, "race")  # REST-3 at 45: three rest days, two light days
    planned = [plan(n, "easy", 30) for n in range(7)]
    week = make_week(runs=[marathon], planned=planned, athlete={"age": 45})
    assert [d.kind for d in week.days] == ["rest"] * 3 + ["light"] * 2 + ["run"] * 2
    flagged = [w for w in week.warnings if w.code == "planned-on-rest-day"]
    assert len(flagged) == 5
    assert all("REST-3" in w.rules for w in flagged)
    assert all("after this week" in w.message for w in flagged)  # no free day is left


def test_rest_6_a_planned_long_run_brings_its_own_recovery() -> None:
    week = make_week(runs=steady(), planned=[plan(3, "long", 110), plan(4, "tempo", 40)])
    assert week.days[3].kind == "run"
    assert week.days[4].kind == "rest"
    assert "REST-2" in week.days[4].rules
    assert "long run you plan on Thu 26 Nov" in why(week, 4)
    (flag,) = [w for w in week.warnings if w.code == "planned-on-rest-day"]
    assert "Fri 27 Nov" in flag.message


def test_rest_6_planned_runs_take_the_days_rest_1_would_have_spread_over() -> None:
    bare = make_week(runs=steady())
    rest_1 = [i for i, d in enumerate(bare.days) if d.kind != "run"]
    planned = [plan(i, "easy", 40) for i in rest_1]
    week = make_week(runs=steady(), planned=planned)
    assert all(week.days[i].kind == "run" for i in rest_1)
    assert week.recovery_days >= 2
    assert "planned-on-rest-day" not in codes(week)


def test_rest_6_a_week_planned_full_says_recovery_is_short() -> None:
    week = make_week(runs=steady(), planned=[plan(n, "easy", 40) for n in range(7)])
    assert week.recovery_days == 0
    assert "few-recovery-days" in codes(week)


def test_rest_6_planned_runs_before_today_are_invalid_input_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        rollcoach.week({"today": TODAY.isoformat(), "planned": [plan(-1, "tempo")]})
    (problem,) = caught.value.errors()
    assert problem["loc"] == ("planned",)
    assert "2026-11-22" in problem["msg"]
    assert "before today" in problem["msg"]


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "2026-11-25", "type": "fartlek"},
        {"date": "2026-11-25"},
        {"date": "2026-11-25", "type": "easy", "minutes": 0},
        {"date": "2026-11-25", "type": "easy", "km": -3},
        {"date": "2026-11-25", "type": "easy", "pace": 5},
    ],
)
def test_rest_6_a_bad_planned_run_names_its_field(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        rollcoach.week({"today": TODAY.isoformat(), "planned": [bad]})
    assert caught.value.errors()[0]["loc"][:2] == ("planned", 0)


def test_rest_6_plans_beyond_the_week_change_nothing_in_it() -> None:
    later = make_week(runs=steady(), planned=[plan(9, "race", 200, km=42.2)])
    assert later.days == make_week(runs=steady()).days


# REST-7: the week follows its own warnings


def test_rest_7_after_a_load_warning_the_next_three_days_hold_no_hard_running() -> None:
    """Seen in issue 9: "ease off for a few days", then run, run, rest, run, run."""
    week = make_week(runs=burst())
    assert {"spike", "ratio"} <= set(codes(week))
    first = week.days[:3]
    assert all(d.kind != "run" or d.easy for d in first)
    assert any(d.easy for d in first)
    easy = next(d for d in first if d.easy)
    assert "REST-7" in easy.rules
    assert "Easy running only until Thu 26 Nov" in " ".join(easy.why)
    assert not any(d.easy for d in week.days[3:])


def test_rest_7_a_planned_hard_run_in_those_days_is_marked_easy_or_moved() -> None:
    week = make_week(runs=burst(), planned=[plan(1, "intervals", 50)])
    day = week.days[1]
    assert (day.kind, day.easy) == ("run", True)
    text = " ".join(day.why)
    assert "Take your planned 50-minute interval session easy" in text
    moved_to = next(d for d in week.days[3:] if "interval session you planned" in " ".join(d.why))
    assert moved_to.kind == "run"
    assert f"move it to {moved_to.date:%a} {moved_to.date.day} {moved_to.date:%b}" in text


def test_rest_7_the_days_after_a_planned_spike_are_easy() -> None:
    week = make_week(runs=steady(), planned=[plan(1, "race", 70, km=16), plan(3, "tempo", 40)])
    assert "planned-spike" in codes(week)
    assert not week.days[1].easy  # the race itself is the plan
    assert all(d.kind != "run" or d.easy for d in week.days[2:5])
    assert week.days[3].easy
    assert "Take your planned 40-minute tempo run easy" in why(week, 3)
    assert not any(d.easy for d in week.days[5:])


def test_rest_7_no_warning_no_easy_days() -> None:
    week = make_week(runs=steady(), planned=[plan(1, "tempo", 45)])
    assert not any(d.easy for d in week.days)
    assert all(w.code not in {"spike", "ratio", "planned-spike"} for w in week.warnings)


# REST-8: nothing to go on


def test_rest_8_no_runs_says_so_and_no_day_claims_a_run() -> None:
    """Seen in issue 9: no runs at all gave five "A running day" entries."""
    week = make_week()
    (warning,) = [w for w in week.warnings if w.code == "no-runs"]
    assert warning.rules == ["REST-8"]
    free = [d for d in week.days if d.kind == "run"]
    assert free
    for day in free:
        text = " ".join(day.why)
        assert "Free to run" in text
        assert "REST-8" in day.rules
        for claim in ("A running day", "You ran", "Planned", "after the run"):
            assert claim not in text


def test_rest_8_with_runs_a_day_with_nothing_planned_is_free_not_a_run() -> None:
    week = make_week(runs=steady(), planned=[plan(2, "easy", 40)])
    assert "no-runs" not in codes(week)
    for index, day in enumerate(week.days):
        if day.kind == "run" and index != 2:
            assert "Free to run" in why(week, index)
            assert "Planned" not in why(week, index)
            assert "after the run" not in why(week, index)
    assert "Roll after the run" in why(week, 2) or not week.days[2].roll


@pytest.mark.parametrize(
    ("fields", "warned"),
    [
        ({}, True),
        ({"runs": [run(70, 40, 8)]}, True),  # older than the 56 days of load history
        ({"runs": [run(20, 40, 8)]}, False),
        ({"planned": [plan(3, "easy")]}, False),
        ({"planned": [plan(20, "race")]}, False),
    ],
)
def test_rest_8_the_no_runs_warning_only_when_there_is_nothing(
    fields: dict[str, Any], warned: bool
) -> None:
    assert ("no-runs" in codes(make_week(**fields))) is warned


def test_time_5_roll_days_follow_runs_before_free_days() -> None:
    week = make_week(runs=steady(), planned=[plan(5, "tempo", 45)])
    assert week.days[5].roll
    assert "Roll after the run, while warm" in " ".join(week.days[5].why)
