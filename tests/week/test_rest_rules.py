"""REST-1..5 and TIME-5: recovery days, rest after long runs, roll days, load spikes."""

from datetime import date, timedelta

import pytest

from tests.factories import make_week


def run(days_ago: int, minutes: float, km: float | None = None, kind: str = "easy") -> dict:  # type: ignore[type-arg]
    day = date(2026, 11, 23) - timedelta(days=days_ago)
    return {"date": day.isoformat(), "minutes": minutes, "km": km, "type": kind}


def kinds(week) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.kind for d in week.days]


def daily_runs(days: int = 35) -> list[dict]:  # type: ignore[type-arg]
    return [run(i, 40, 8) for i in range(1, days + 1)]


def test_rest_1_at_least_two_recovery_days_a_week() -> None:
    week = make_week(runs=daily_runs())
    assert week.recovery_days >= 2
    added = [d for d in week.days if d.kind != "run"]
    assert all("REST-1" in d.rules for d in added)
    assert kinds(week).count("rest") >= 1


def test_rest_2_after_a_long_run_one_rest_day_then_light_days() -> None:
    week = make_week(runs=[run(1, 100, 18, "long")], athlete={"age": 30})
    assert kinds(week)[:2] == ["rest", "light"]
    assert "REST-2" in week.days[0].rules
    assert "REST-2" in week.days[1].rules
    assert kinds(week)[2] == "run"
    assert "long run on Sun 22 Nov (100 minutes)" in " ".join(week.days[0].why)


@pytest.mark.parametrize(("age", "rest_days"), [(39, 2), (40, 3), (52, 3)])
def test_rest_3_very_long_run_two_rest_days_under_40_three_from_40(
    age: int, rest_days: int
) -> None:
    week = make_week(runs=[run(1, 185, 42.2, "race")], athlete={"age": age})
    assert kinds(week)[:rest_days] == ["rest"] * rest_days
    assert kinds(week)[rest_days] == "light"
    assert all("REST-3" in d.rules for d in week.days[:rest_days])


def test_rest_3_the_lines_are_settings() -> None:
    runs = [run(1, 160, 25, "long")]
    assert kinds(make_week(runs=runs, athlete={"age": 45}))[:3] == ["rest"] * 3
    later = make_week(
        runs=runs, athlete={"age": 45}, settings={"masters_age": 50, "very_long_minutes": 200}
    )
    assert kinds(later)[:2] == ["rest", "light"]
    by_km = make_week(runs=[run(1, 140, 31)], athlete={"age": 30})
    assert kinds(by_km)[:2] == ["rest", "rest"]


def test_rest_4_a_rest_day_has_no_running_and_says_so() -> None:
    week = make_week(runs=[run(1, 185, 42.2, "race")], athlete={"age": 30})
    rest = [d for d in week.days if d.kind == "rest"]
    assert rest
    assert all("REST-4" in d.rules for d in rest)
    assert all("no running" in d.why[0] for d in rest)


def test_rest_5_a_run_much_longer_than_the_last_30_days_is_flagged() -> None:
    history = [run(i, 60, 10) for i in range(3, 30, 3)]
    week = make_week(runs=[*history, run(1, 80, 14)])
    (spike,) = [w for w in week.warnings if w.code == "spike"]
    assert "REST-5" in spike.rules
    assert "40 %" in spike.message
    assert "1.52" in spike.message
    calm = make_week(runs=[*history, run(1, 62, 10.5)])
    assert not any(w.code == "spike" for w in calm.warnings)


def test_rest_5_load_ratio_and_daily_running_warnings() -> None:
    base = [run(i, 30, 5) for i in range(8, 40, 2)]
    burst = [run(i, 90, 15, "tempo") for i in range(0, 7)]
    week = make_week(runs=base + burst)
    codes = {w.code for w in week.warnings}
    assert {"ratio", "daily"} <= codes
    assert week.load.ratio is not None
    assert week.load.ratio > 1.5


def test_time_5_three_to_five_rolling_sessions_a_week() -> None:
    for runs in ([], daily_runs(), [run(1, 185, 42.2, "race")]):
        week = make_week(runs=runs, athlete={"age": 45})
        count = sum(d.roll for d in week.days)
        assert 3 <= count <= 5
        assert all("TIME-5" in d.rules for d in week.days if d.roll)


def test_load_uses_rpe_then_heart_rate_then_run_type() -> None:
    rpe = make_week(runs=[run(1, 60, 10) | {"rpe": 5}])
    assert rpe.load.method == "session-rpe"
    hr = make_week(runs=[run(1, 60, 10) | {"avg_hr": 150}], athlete={"age": 40, "rest_hr": 50})
    assert hr.load.method == "trimp"
    plain = make_week(runs=[run(1, 60, 10, "tempo")])
    assert plain.load.method == "run-type"
    assert rpe.load.acute == pytest.approx(300 * 2 / 8 * (6 / 8), rel=0.01)
