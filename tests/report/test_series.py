"""The report's numbers: weeks, loads and the 7:28 ratio, rolling counts, soreness lines."""

from dataclasses import replace
from datetime import date, timedelta, timezone

import pytest

from rollcoach.knowledge.loader import load_knowledge
from rollcoach.models.week import WeekAthlete
from rollcoach.report import report_data
from rollcoach.report.series import week_run, week_starts
from rollcoach.week.load import training_load
from tests.report.builders import (
    TODAY,
    activity,
    checkin,
    daily_runs,
    full_history,
    report_input,
    session,
)

WEEK = load_knowledge().week


def test_weeks_start_on_monday_and_the_last_one_holds_today() -> None:
    weeks = week_starts(date(2026, 11, 26), 3)  # a Thursday
    assert weeks == (date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23))
    assert all(w.weekday() == 0 for w in weeks)
    with pytest.raises(ValueError, match="weeks"):
        week_starts(TODAY, 0)


def test_only_runs_with_a_duration_count_and_odd_values_are_clipped() -> None:
    assert week_run(activity(TODAY, 40, 8, sport="cycling"), WEEK) is None
    assert week_run(activity(TODAY, 40, 8, elapsed_s=None, moving_s=None), WEEK) is None
    ultra = week_run(activity(TODAY, 2000, 600, avg_hr=20), WEEK)
    assert ultra is not None
    assert (ultra.minutes, ultra.km, ultra.avg_hr, ultra.type) == (1440, 500, None, "long")
    easy = week_run(activity(TODAY, 40, 8, rpe=6, avg_hr=150), WEEK)
    assert easy is not None
    assert (easy.minutes, easy.km, easy.rpe, easy.avg_hr, easy.type) == (40, 8, 6, 150, "easy")


def test_steady_running_gives_the_ratio_of_two_ewmas_of_a_constant_load() -> None:
    data = report_data(report_input(daily_runs(70, 40, 8, 5)), WEEK)
    last = data.load[-2]  # the week of 16 Nov, ending Sunday 22 Nov
    assert last.start == date(2026, 11, 16)
    assert (last.runs, last.km, last.load) == (7, 56.0, 7 * 5 * 40)
    days = WEEK.settings.history_days  # every counted day had the same load
    acute = 1 - (1 - 2 / (WEEK.settings.acute_days + 1)) ** days
    chronic = 1 - (1 - 2 / (WEEK.settings.chronic_days + 1)) ** days
    assert last.ratio == round(acute / chronic, 2) == 1.02
    assert data.methods == {"session-rpe": sum(w.runs for w in data.load)}


def test_each_week_carries_the_planner_ratio_at_its_last_day() -> None:
    source = full_history()
    data = report_data(source, WEEK)
    runs = [r for row in source.activities if (r := week_run(row, WEEK)) is not None]
    for week in data.load:
        end = min(week.start + timedelta(days=6), TODAY)
        expected = training_load(runs, WeekAthlete(age=40), WEEK, WEEK.settings, end).ratio
        assert week.ratio == expected
    assert data.load[0].ratio is None  # no 28 days of runs yet
    assert data.load[-1].ratio is not None


def test_rolling_counts_sessions_with_a_step_done_in_the_runners_week() -> None:
    sessions = [
        session(date(2026, 11, 16), 1),
        session(date(2026, 11, 17), 2, steps=0),  # stopped before the first step
        session(date(2026, 11, 22), 3, hour=23),  # Sunday 23:00 UTC = Monday in UTC+2
    ]
    in_utc = report_data(report_input(sessions=sessions, weeks=2), WEEK)
    assert [w.sessions for w in in_utc.rolling] == [2, 0]
    source = report_input(sessions=sessions, weeks=2)
    plus_two = report_data(replace(source, tz=timezone(timedelta(hours=2))), WEEK)
    assert [w.sessions for w in plus_two.rolling] == [1, 1]


def test_soreness_has_one_line_per_area_and_a_later_same_day_check_in_wins() -> None:
    day = TODAY - timedelta(days=1)
    checkins = [
        checkin(day, 2, calves=7),
        checkin(day, 1, calves=3, glutes=2),
        checkin(TODAY, 3, calves=5),
        checkin(TODAY - timedelta(days=400), 4, feet=9),  # outside the window
    ]
    data = report_data(report_input(checkins=checkins), WEEK)
    assert [line.area for line in data.soreness] == ["calves"]
    assert data.soreness[0].points == ((day, 7), (TODAY, 5))
    assert data.older == 1


def test_an_empty_history_is_empty() -> None:
    data = report_data(report_input(), WEEK)
    assert data.empty
    assert not data.has_runs and not data.has_rolling and not data.has_soreness
    only_rides = report_input([activity(TODAY, 60, 30, sport="cycling")])
    assert report_data(only_rides, WEEK).empty


def test_future_records_are_left_out() -> None:
    tomorrow = TODAY + timedelta(days=1)
    source = report_input(
        [activity(tomorrow, 40, 8)],
        [checkin(tomorrow, 1, calves=4)],
        [session(tomorrow)],
    )
    assert report_data(source, WEEK).empty
