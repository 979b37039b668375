"""Stored records become engine requests: pure functions, no database."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

import rollcoach
from rollcoach.history.activity_log import ActivityRow
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, SessionRecord
from rollcoach.history.requests import (
    latest_run,
    pain_checkins,
    pain_of,
    plan_request_from_history,
    run_just_done,
    sharp_pain_stops,
    soreness_of,
    todays_checkin,
    week_request_from_history,
)
from rollcoach.history.runs import guess_type, week_run
from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanRequest, WeekRequest
from rollcoach.models.plan_request import BoneStressScreen, Injury
from rollcoach.models.week import WeekRun
from rollcoach.report import series

NOW = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
TODAY = NOW.date()


def activity(**fields: Any) -> ActivityRow:
    """A one-hour, 10 km road run that ended half an hour before NOW."""
    start = fields.pop("start", NOW - timedelta(minutes=92))
    defaults: dict[str, Any] = {
        "id": 1,
        "athlete_id": 1,
        "start_utc": start,
        "utc_offset_s": 0,
        "local_date": start.date(),
        "elapsed_s": 3720.0,
        "moving_s": 3600.0,
        "distance_m": 10000.0,
        "climb_m": 52.0,
        "descent_m": 49.5,
        "avg_hr": 148,
        "max_hr": 171,
        "session_load": None,
        "rpe": None,
        "sport": "running",
        "sub_sport": None,
        "device": None,
        "source_format": "fit",
        "source_path": "run.fit",
        "content_hash": "a" * 64,
        "imported_at": NOW,
    }
    return ActivityRow.model_validate({**defaults, **fields})


def session(stop_reason: str | None, stopped_at: int | None, **fields: Any) -> SessionRecord:
    plan = rollcoach.plan({"minutes": 10, "now": NOW.isoformat()}).model_dump(mode="json")
    return SessionRecord.model_validate(
        {
            "started_at": fields.get("started_at", NOW - timedelta(days=1)),
            "plan": plan,
            "steps_done": [1],
            "stopped_early": stop_reason is not None,
            "stop_reason": stop_reason,
            "stopped_at_step": stopped_at,
        }
    )


def plan_from(**records: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "profile": Profile(),
        "injuries": [],
        "today": None,
        "checkins": [],
        "sessions": [],
        "latest": None,
        "now": NOW,
    }
    return plan_request_from_history(**{**args, **records})


def test_nothing_stored_is_the_default_request() -> None:
    request = plan_from()
    assert PlanRequest.model_validate(request) == PlanRequest()
    assert rollcoach.plan({**request, "now": NOW}) == rollcoach.plan({"now": NOW})


def test_the_profile_gives_athlete_and_tools() -> None:
    profile = Profile(
        age=44,
        level="intermediate",
        sedentary=True,
        conditions=["neuropathy"],
        screen=BoneStressScreen(high_arch=True),
        tools=["massage-ball", "peanut-ball"],
    )
    request = PlanRequest.model_validate(plan_from(profile=profile))
    assert request.tools == ["massage-ball", "peanut-ball"]
    assert request.athlete.model_dump() == profile.model_dump(exclude={"tools"})


def test_open_injuries_are_passed_on() -> None:
    injury = Injury(area="hamstrings", side="left", date=date(2026, 11, 22), signs=["swelling"])
    assert plan_from(injuries=[injury])["injuries"] == [
        {"area": "hamstrings", "side": "left", "date": "2026-11-22", "signs": ["swelling"]}
    ]


def test_safe_12_todays_pain_sites_feed_pain_never_soreness() -> None:
    today = Checkin(date=TODAY, soreness={"calves": 6, "quadriceps": 0}, pain={"knee": 3})
    assert soreness_of(today) == {"calves": 6}
    assert pain_of(today) == {"knee": 3}
    both = plan_from(today=Checkin(date=TODAY, soreness={"calves": 2}, pain={"calves": 5}))
    assert (both["soreness"], both["pain"]) == ({"calves": 2}, {"calves": 5})
    clear = plan_from(today=Checkin(date=TODAY, pain={"knee": 0}))
    assert (clear["soreness"], clear["pain"]) == ({}, {})
    PlanRequest.model_validate(both)


def test_safe_12_a_check_ins_painful_hip_flexors_are_protected_not_rolled() -> None:
    """Seen in issue 9: hip flexors ticked as pain were rolled anyway, as soreness."""
    today = Checkin(date=TODAY, pain={"hip-flexors": 5})
    profile = Profile(tools=["foam-roller", "massage-ball"])
    answer = rollcoach.plan({**plan_from(today=today, profile=profile), "now": NOW})
    assert "hip-flexors" not in {step.area for step in answer.steps}
    assert any(e.area == "hip-flexors" and "SAFE-12" in e.rules for e in answer.excluded)


def test_todays_check_ins_are_merged_later_ones_winning() -> None:
    newest_first = [
        Checkin(date=TODAY, soreness={"calves": 2}),
        Checkin(date=TODAY, soreness={"calves": 6, "glutes": 4}, pain={"knee": 2}),
        Checkin(date=TODAY - timedelta(days=1), soreness={"feet": 8}),
    ]
    merged = todays_checkin(newest_first, TODAY)
    assert merged is not None
    assert merged.soreness == {"calves": 2, "glutes": 4}
    assert merged.pain == {"knee": 2}
    assert todays_checkin(newest_first[2:], TODAY) is None


def test_check_ins_of_the_last_14_days_carry_their_pain_and_zeros_mean_clear() -> None:
    checkins = [
        Checkin(date=TODAY + timedelta(days=1), pain={"knee": 4}),  # after now: left out
        Checkin(date=TODAY, soreness={"knee": 0, "calves": 3}),
        Checkin(date=TODAY - timedelta(days=14), pain={"knee": 2}),
        Checkin(date=TODAY - timedelta(days=15), pain={"knee": 2}),  # too old
        Checkin(date=TODAY - timedelta(days=2), soreness={"calves": 5}),  # no pain: nothing
    ]
    assert pain_checkins(checkins, TODAY) == [
        {"date": "2026-11-23", "pain": {"knee": 0}},
        {"date": "2026-11-09", "pain": {"knee": 2}},
    ]


def test_an_older_sharp_pain_stop_keeps_the_check_ins_since_it() -> None:
    stops = [{"date": "2026-10-01T07:00:00+00:00", "area": "calves"}]
    old_clear = Checkin(date=date(2026, 10, 5), soreness={"calves": 0})
    assert pain_checkins([old_clear], TODAY, stops) == [
        {"date": "2026-10-05", "pain": {"calves": 0}}
    ]


def test_three_painful_check_ins_leave_the_site_out_safe_11() -> None:
    checkins = [Checkin(date=TODAY - timedelta(days=n), pain={"hamstrings": 3}) for n in (0, 3, 6)]
    request = plan_from(checkins=checkins, today=checkins[0])
    answer = rollcoach.plan({**request, "now": NOW})
    assert "hamstrings" not in {step.area for step in answer.steps}
    assert any(e.area == "hamstrings" and "SAFE-11" in e.rules for e in answer.excluded)


def test_a_sharp_pain_stop_names_the_stopped_steps_area() -> None:
    stopped = session("sharp-pain", 3)
    area = stopped.plan["steps"][2]["area"]
    stops = sharp_pain_stops([stopped, session("quit", 1), session(None, None)])
    assert stops == [{"date": stopped.started_at.isoformat(), "area": area}]
    assert sharp_pain_stops([session("sharp-pain", None)]) == []  # stopped while getting ready
    assert sharp_pain_stops([session("sharp-pain", 99)]) == []  # no such step


def test_a_sharp_pain_stop_leaves_the_area_out_until_a_clear_check_in() -> None:
    stopped = session("sharp-pain", 1)
    area = stopped.plan["steps"][0]["area"]
    answer = rollcoach.plan({**plan_from(sessions=[stopped]), "now": NOW})
    assert area not in {step.area for step in answer.steps}
    assert any(e.area == area and "SAFE-11" in e.rules for e in answer.excluded)
    clear = Checkin.model_validate({"date": TODAY, "soreness": {area: 0}})
    answer = rollcoach.plan({**plan_from(sessions=[stopped], checkins=[clear]), "now": NOW})
    assert area in {step.area for step in answer.steps}


def test_a_run_that_just_ended_is_the_post_run_plans_run() -> None:
    request = plan_from(latest=activity())
    assert request["run"] == {
        "type": "easy",
        "minutes": 62.0,
        "km": 10.0,
        "climb_m": 52.0,
        "descent_m": 49.5,
    }
    PlanRequest.model_validate(request)


@pytest.mark.parametrize(
    ("latest", "when"),
    [
        (activity(), "pre-run"),
        (activity(), "separate"),
        (activity(start=NOW - timedelta(hours=13, minutes=5)), "post-run"),  # ended 12:03 ago
        (activity(start=NOW + timedelta(minutes=5)), "post-run"),  # not started yet
        (activity(sport="cycling"), "post-run"),
        (None, "post-run"),
    ],
)
def test_no_run_when_it_is_not_just_done(latest: ActivityRow | None, when: str) -> None:
    assert "run" not in plan_from(latest=latest, when=when)


def test_a_run_with_unknown_values_leaves_them_out() -> None:
    bare = activity(elapsed_s=None, moving_s=None, distance_m=None, climb_m=None, descent_m=None)
    assert run_just_done(bare, NOW) == {"type": "easy"}


def test_a_long_run_brings_the_walk_first_time_4() -> None:
    long_run = activity(start=NOW - timedelta(hours=2), elapsed_s=6000.0, distance_m=18000.0)
    answer = rollcoach.plan({**plan_from(latest=long_run), "now": NOW})
    assert any("TIME-4" in item.rules for item in answer.before)


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({}, "easy"),
        ({"elapsed_s": 91 * 60.0}, "long"),
        ({"elapsed_s": 185 * 60.0, "distance_m": 42195.0}, "long"),  # a marathon, yet not "race"
        ({"climb_m": 210.0}, "hills"),
        ({"climb_m": 200.0}, "easy"),  # exactly 20 m/km is not over
        ({"sub_sport": "trail"}, "trail"),
        ({"sub_sport": "treadmill", "distance_m": None, "climb_m": None}, "easy"),
        ({"elapsed_s": None, "moving_s": 100 * 60.0}, "long"),
    ],
)
def test_the_run_type_is_guessed_never_a_race(fields: dict[str, Any], kind: str) -> None:
    assert guess_type(activity(**fields)) == kind


def test_the_latest_run_skips_other_sports() -> None:
    older = activity(id=1, start=NOW - timedelta(days=1))
    ride = activity(id=2, sport="cycling", start=NOW - timedelta(hours=3))
    assert latest_run([ride, older]) == older
    assert latest_run([ride]) is None


def test_the_week_takes_runs_of_the_last_56_days_and_leaves_other_sports_out() -> None:
    def on(days_ago: int, **fields: Any) -> ActivityRow:
        start = datetime(2026, 11, 23, 7, 0, tzinfo=UTC) - timedelta(days=days_ago)
        return activity(start=start, **fields)

    activities = [
        on(-1),  # tomorrow
        on(1, rpe=7.0, avg_hr=250),  # a heart rate the request would refuse is left out
        on(3, sport="cycling"),
        on(10, elapsed_s=None, moving_s=None),  # no duration: cannot count
        on(55, distance_m=None),
        on(56),
    ]
    request = week_request_from_history(Profile(age=52), activities, TODAY)
    assert request == {
        "today": "2026-11-23",
        "athlete": {"age": 52},
        "runs": [
            {"date": "2026-09-29", "minutes": 62.0, "type": "easy", "avg_hr": 148},
            {"date": "2026-11-22", "minutes": 62.0, "type": "easy", "km": 10.0, "rpe": 7.0},
        ],
    }
    WeekRequest.model_validate(request)
    assert "athlete" not in week_request_from_history(Profile(), [], TODAY)


def test_a_very_long_run_yesterday_at_52_gives_three_rest_days() -> None:
    marathon = activity(
        start=datetime(2026, 11, 22, 8, 0, tzinfo=UTC), elapsed_s=185 * 60.0, distance_m=42195.0
    )
    answer = rollcoach.week(week_request_from_history(Profile(age=52), [marathon], TODAY))
    assert [day.kind for day in answer.days[:3]] == ["rest", "rest", "rest"]
    assert "REST-3" in answer.days[0].rules


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"climb_m": 210.0},  # hilly: the report used to call it easy
        {"sub_sport": "trail"},
        {"elapsed_s": 91 * 60.0},
        {"elapsed_s": 90 * 60.0},  # exactly 90 minutes is not over the line
        {"elapsed_s": None, "moving_s": 100 * 60.0},
        {"elapsed_s": 2000 * 60.0, "distance_m": 600000.0, "avg_hr": 20},  # clipped, hr dropped
        {"distance_m": 10123.4567, "rpe": 6.0},
        {"sport": "cycling"},
        {"elapsed_s": None, "moving_s": None},
    ],
)
def test_the_week_request_and_the_report_read_a_stored_run_the_same_way(
    fields: dict[str, Any],
) -> None:
    """One reading of a stored run (issue 9): the two used to disagree on its type."""
    stored = activity(**fields)
    week = load_knowledge().week
    from_report = series.week_run(stored, week)
    runs = week_request_from_history(Profile(), [stored], stored.local_date)["runs"]
    from_request = [WeekRun.model_validate(run) for run in runs]
    assert from_request == ([] if from_report is None else [from_report])
    assert week_run(stored, week.settings.long_minutes) == week_run(stored)


def test_safe_5_an_injury_dated_in_the_future_is_not_stored() -> None:
    """The physio's case: an injury dated next month was accepted (and then broke plans)."""
    from datetime import UTC, datetime, timedelta

    import pytest
    from pydantic import ValidationError

    from rollcoach.history.records import ReportedInjury

    next_month = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    with pytest.raises(ValidationError, match="in the future"):
        ReportedInjury.model_validate({"area": "calves", "date": next_month})
    today = datetime.now(UTC).astimezone().date().isoformat()
    assert ReportedInjury.model_validate({"area": "calves", "date": today}).area == "calves"
